/** Layer rules (docs/architecture.md): domain ← storage ← app ← {channels, scheduler, cli, http} ← main. */
module.exports = {
  forbidden: [
    {
      name: "domain-is-pure",
      comment: "The domain imports nothing outside src/domain (luxon and zod are fine).",
      severity: "error",
      from: { path: "^src/domain" },
      to: { pathNot: "^src/domain|node_modules/(luxon|zod|@types/luxon)" },
    },
    {
      name: "app-does-not-know-adapters",
      comment: "Use cases never import a chat platform, the scheduler, the CLI or the composition root.",
      severity: "error",
      from: { path: "^src/app" },
      to: { path: "^src/(channels|connectors|scheduler|cli|http|web|main)" },
    },
    {
      name: "crm-sdks-stay-in-their-connector",
      comment:
        "A CRM's SDK is used by its connector only (src/connectors/<crm>/), behind the CrmConnector port of src/app/connectors.",
      severity: "error",
      from: { pathNot: "^src/connectors/hubspot" },
      to: { path: "node_modules/@hubspot/" },
    },
    {
      name: "connectors-stay-apart",
      comment:
        "A connector talks to its CRM and hands plain data to the port; it never reaches the database or the chat channels.",
      severity: "error",
      from: { path: "^src/connectors" },
      to: { path: "^src/(storage|channels|http|web|cli|scheduler|main)" },
    },
    {
      name: "storage-owns-the-sql",
      comment:
        "Queries live in src/storage, one module per table or aggregate; use cases, rules and adapters call its named functions and never see drizzle, the drivers or the schema.",
      severity: "error",
      from: { path: "^src/(app|domain|channels|connectors|cli|http|scheduler|web)" },
      to: { path: "^src/storage/schema\\.ts$|node_modules/(drizzle-orm|pg|@electric-sql/pglite)/" },
    },
    {
      name: "slack-and-teams-stay-apart",
      severity: "error",
      from: { path: "^src/channels/slack" },
      to: { path: "^src/channels/teams" },
    },
    {
      name: "teams-and-slack-stay-apart",
      severity: "error",
      from: { path: "^src/channels/teams" },
      to: { path: "^src/channels/slack" },
    },
    {
      name: "storage-below-app",
      comment: "Repositories return plain rows; they do not call use cases or adapters.",
      severity: "error",
      from: { path: "^src/storage" },
      to: { path: "^src/(app|channels|connectors|scheduler|cli|http|web|main)" },
    },
    {
      name: "no-circular",
      severity: "error",
      from: {},
      to: { circular: true, dependencyTypesNot: ["type-only"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
  },
};
