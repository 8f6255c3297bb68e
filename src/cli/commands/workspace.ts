/**
 * `retention workspace export|forget <id>`: hand a workspace's data over as JSON, then erase it.
 * A wrong id is refused with the list of known ids.
 */
import type { Command } from "commander";
import { eraseWorkspace, exportWorkspace, previewForget } from "../../app/workspaces/workspace-data.js";
import { CliError, EXIT_USAGE, withCli } from "../context.js";

/** Registers `retention workspace export <id> | forget <id> --yes`. */
export function register(program: Command): void {
  const workspace = program.command("workspace").description("a workspace's data: export it, erase it");
  workspace
    .command("export")
    .description("print all of a workspace's data as JSON (reps, accounts and contacts, history, holidays)")
    .argument("<id>", "the workspace id (a wrong one lists the known ids)")
    .action(async (id: string) => {
      await withCli({ workspace: id }, async (cli) => {
        const data = await exportWorkspace(cli.database.db, cli.workspace, new Date());
        cli.out.write(`${JSON.stringify(data, null, 2)}\n`);
      });
    });
  workspace
    .command("forget")
    .description("erase a workspace: reps, accounts and contacts, history, installations (one transaction)")
    .argument("<id>", "the workspace id (a wrong one lists the known ids)")
    .option("--yes", "really erase (without it: say what would be erased)")
    .action(async (id: string, options: { yes?: boolean }) => {
      await withCli({ workspace: id }, async (cli) => {
        const ws = cli.workspace;
        if (!options.yes) {
          const counts = await previewForget(cli.database.db, ws.id);
          const what = Object.entries(counts)
            .filter(([, n]) => n > 0)
            .map(([k, n]) => `${n} ${k}`)
            .join(", ");
          throw new CliError(
            `this erases workspace ${ws.id} (${ws.name}) for good: ${what || "no rows"}. ` +
              `Export it first (\`retention workspace export ${ws.id} > workspace-${ws.id}.json\`), then add --yes`,
            EXIT_USAGE,
          );
        }
        await eraseWorkspace(cli.database.db, ws.id);
        cli.out.write(
          `workspace ${ws.id} (${ws.name}) erased: its reps, accounts, contacts, history and installations\n`,
        );
      });
    });
}
