/**
 * `npm run teams:playground`: try the Teams bot with no Microsoft 365 tenant. Starts the service's
 * Teams side with no app id (so `/api/messages` accepts loopback callers only) and Microsoft 365
 * Agents Playground, Microsoft's Teams emulator, pointed at it. The playground's user is one of
 * the reps (the first one, or `--as <email>`); an empty database gets the demo workspace first.
 * Once that user has written to the bot, this morning's nudge is sent so its card can be clicked.
 *
 *   npm run teams:playground [-- --as anna.schmidt@northwind.demo --port 3978 --playground-port 56150]
 */
import { type ChildProcess, spawn } from "node:child_process";
import { accessSync, chmodSync, constants, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { Command } from "commander";
import { and, asc, eq } from "drizzle-orm";
import { DateTime } from "luxon";
import { loadDemo } from "../src/app/demo/load-demo.js";
import { runMorning } from "../src/app/morning/run-morning.js";
import { findNudgeId, loadNudgeView } from "../src/app/nudges/nudge-view.js";
import type { AppContext } from "../src/app/ports.js";
import { createTeamsAdapter } from "../src/channels/teams/index.js";
import { loadConfig } from "../src/config.js";
import { healthRoute } from "../src/http/health.js";
import { createHttpServer } from "../src/http/server.js";
import { createLogger } from "../src/logger.js";
import { openDatabase } from "../src/storage/database.js";
import { recordNudgeEnds } from "../src/storage/nudge-delivery.js";
import { reps } from "../src/storage/schema.js";
import { findConversationForRep } from "../src/storage/teams-conversations.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";

/** The tenant the playground's mock data names unless the workspace is bound to another. */
const PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001";

const program = new Command()
  .name("teams:playground")
  .option("--as <email>", "the rep the playground user is (default: the first rep)")
  .option("--port <port>", "port of the bot", process.env.PORT ?? "3978")
  .option("--playground-port <port>", "port of the playground's page", "56150")
  .parse();
const opts = program.opts<{ as?: string; port: string; playgroundPort: string }>();

async function main(): Promise<void> {
  const config = loadConfig({ ...process.env, PORT: opts.port, TEAMS_LOCAL: "on", MICROSOFT_APP_ID: "" });
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({ url: config.DATABASE_URL, dataDir: config.DATA_DIR });
  await database.migrate();
  const workspace = await ensureDefaultWorkspace(database.db);
  const ctx: AppContext = { db: database.db, clock: () => new Date(), logger, channels: [] };

  if ((await database.db.select({ id: reps.id }).from(reps).limit(1)).length === 0) {
    say("The database has no reps: loading the demo workspace (as `npx retention demo` does)…");
    await loadDemo(database.db, workspace.id, new Date());
  }
  const rep = await chooseRep(database.db, workspace.id);
  const tenantId =
    workspace.platform === "teams" && workspace.externalId ? workspace.externalId : PLAYGROUND_TENANT;
  const aadObjectId = rep.teamsUserId ?? aadFor(rep.id);
  const everyone = await database.db
    .select()
    .from(reps)
    .where(eq(reps.workspaceId, workspace.id))
    .orderBy(asc(reps.id));
  const others = everyone
    .filter((r) => r.id !== rep.id)
    .slice(0, 5)
    .map((r) => ({ name: r.name, email: r.email, aadObjectId: r.teamsUserId ?? aadFor(r.id) }));

  const adapter = await createTeamsAdapter(config, ctx);
  if (!adapter) throw new Error("the Teams adapter did not start");
  ctx.channels.push(adapter.channel);
  const http = createHttpServer([healthRoute(database), ...adapter.routes], logger);
  const port = await http.listen(config.PORT, "127.0.0.1");
  const endpoint = `http://127.0.0.1:${port}/api/messages`;

  const work = mkdtempSync(path.join(tmpdir(), "retention-playground-"));
  process.on("exit", () => rmSync(work, { recursive: true, force: true }));
  const configPath = path.join(work, ".m365agentsplayground.yml");
  writeFileSync(
    configPath,
    playgroundConfig(tenantId, { name: rep.name, email: rep.email, aadObjectId }, others),
  );
  const playground = startPlayground(work, configPath, endpoint);

  say(
    [
      "",
      `Bot:        ${endpoint} (no app id: loopback callers only)`,
      `Playground: http://127.0.0.1:${opts.playgroundPort} — open it in a browser`,
      `You are:    ${rep.name} <${rep.email}>`,
      "When the page opens, the bot greets you with your home; this morning's nudge follows.",
      "Type `help`, `today`, `home` (managers: `report`).",
      "Ctrl+C stops both.",
      "",
    ].join("\n"),
  );

  let stopping = false;
  const stop = async (code: number) => {
    if (stopping) return;
    stopping = true;
    playground.kill("SIGTERM");
    // The folder holds the playground's config (names, emails) and its log: nothing is left behind.
    rmSync(work, { recursive: true, force: true });
    await http.close();
    await database.close();
    process.exit(code);
  };
  process.on("SIGINT", () => void stop(0));
  process.on("SIGTERM", () => void stop(0));
  playground.on("exit", (code) => {
    if (!stopping) say(`The playground exited (code ${code ?? "none"}).`);
    void stop(code ?? 0);
  });

  // Sends today's nudge once the playground user has a stored conversation, as if it were
  // their nudge hour this morning, so that a newcomer sees the card without waiting a day.
  const recipient = { workspaceId: workspace.id, repId: rep.id, teamsUserId: aadObjectId };
  while (!stopping) {
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    if (!(await findConversationForRep(database.db, recipient))) continue;
    const zone = rep.timezone ?? workspace.settings.timezone;
    const morning = DateTime.now()
      .setZone(zone)
      .set({ hour: rep.nudgeHour ?? workspace.settings.nudgeHour, minute: 5, second: 0, millisecond: 0 });
    await runMorning(ctx, morning.toJSDate(), { workspaceId: workspace.id });
    // The pass plans every rep of the workspace; other reps' nudges fail (no conversation) or were
    // sent in an earlier run as someone else. The playing rep's nudge is (re)sent here, so that
    // `--as` works for any rep of an existing database.
    const nudgeId = await findNudgeId(database.db, rep.id, morning.toISODate() ?? "");
    const view = nudgeId === undefined ? undefined : await loadNudgeView(database.db, nudgeId, new Date());
    if (view && view.picks.length > 0) {
      const ref = await adapter.channel.sendNudge(view);
      await recordNudgeEnds(database.db, [{ id: view.nudgeId, kind: "sent", at: new Date(), ref }]);
      say(`Sent ${rep.name}'s nudge for ${morning.toISODate()}: click its buttons in the playground.`);
    } else {
      say(`Nothing due for ${rep.name} today (or not a working day): the home and \`today\` still answer.`);
    }
    break;
  }
}

async function chooseRep(db: AppContext["db"], workspaceId: number) {
  const rows = await db
    .select()
    .from(reps)
    .where(
      opts.as
        ? and(eq(reps.workspaceId, workspaceId), eq(reps.email, opts.as.toLowerCase()))
        : and(eq(reps.workspaceId, workspaceId), eq(reps.role, "rep")),
    )
    .orderBy(asc(reps.id))
    .limit(1);
  const rep = rows[0];
  if (!rep)
    throw new Error(opts.as ? `no rep with email ${opts.as} in workspace ${workspaceId}` : "no rep to play");
  return rep;
}

interface PlaygroundUser {
  name: string;
  email: string;
  aadObjectId: string;
}

/** The playground's mock Teams context: our tenant, the rep as the current user, and a roster. */
function playgroundConfig(tenantId: string, user: PlaygroundUser, others: PlaygroundUser[]): string {
  // The playground wants exactly five other users in its roster.
  const roster = [...others];
  for (let n = roster.length; n < 5; n++) {
    roster.push({
      name: `Colleague ${n + 1}`,
      email: `colleague${n + 1}@example.com`,
      aadObjectId: aadFor(-(n + 1)),
    });
  }
  return [
    'version: "0.1.1"',
    `tenantId: ${tenantId}`,
    "bot:",
    "  id: 00000000-0000-0000-0000-00000000000011",
    "  name: Retention",
    "currentUser:",
    ...userLines("user-id-0", user).map((line) => `  ${line}`),
    "users:",
    ...roster.flatMap((u, i) =>
      userLines(`user-id-${i + 1}`, u).map((line, j) => `${j === 0 ? "  - " : "    "}${line}`),
    ),
    "personalChat:",
    "  id: a:retention-playground-personal-chat",
    "groupChat:",
    "  id: 19:retention-playground-group-chat",
    "  name: Group Chat",
    "team:",
    "  id: 19:retention-playground-team",
    "  name: My Team",
    "  aadGroupId: 00000000-0000-0000-0000-000000000031",
    "  channels:",
    "    - id: 19:retention-playground-channel",
    "      name: General",
    "",
  ].join("\n");
}

function userLines(id: string, user: PlaygroundUser): string[] {
  const [givenName = user.name, ...rest] = user.name.split(" ");
  return [
    `id: ${id}`,
    `name: ${JSON.stringify(user.name)}`,
    `userPrincipleName: ${JSON.stringify(user.email)}`,
    `aadObjectId: ${user.aadObjectId}`,
    `givenName: ${JSON.stringify(givenName)}`,
    `surname: ${JSON.stringify(rest.join(" ") || givenName)}`,
    `email: ${JSON.stringify(user.email)}`,
  ];
}

/** A stable Entra-like object id for a rep without one (negative numbers for filler users). */
function aadFor(repId: number): string {
  return `00000000-0000-4000-${repId < 0 ? "9" : "8"}000-${String(Math.abs(repId)).padStart(12, "0")}`;
}

function startPlayground(work: string, configPath: string, endpoint: string): ChildProcess {
  const require = createRequire(import.meta.url);
  const packageJson = require.resolve("@microsoft/m365agentsplayground/package.json");
  const cli = path.join(path.dirname(packageJson), "cli.js");
  // Without a desktop there is no xdg-open, and the playground exits when it cannot open a
  // browser; a no-op one on its PATH lets it serve its page.
  let PATH = process.env.PATH ?? "";
  if (process.platform === "linux" && !onPath("xdg-open")) {
    const shims = path.join(work, "bin");
    mkdirSync(shims);
    writeFileSync(path.join(shims, "xdg-open"), "#!/bin/sh\nexit 0\n");
    chmodSync(path.join(shims, "xdg-open"), 0o755);
    PATH = `${shims}${path.delimiter}${PATH}`;
    say("No xdg-open here (no desktop?): the playground will not open a browser by itself.");
  }
  return spawn(
    process.execPath,
    [
      cli,
      "--app-endpoint",
      endpoint,
      "--channel-id",
      "msteams",
      "--port",
      opts.playgroundPort,
      "--disable-telemetry",
    ],
    {
      cwd: work,
      stdio: "inherit",
      env: {
        ...process.env,
        PATH,
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
        M365_AGENTS_PLAYGROUND_LOGFILE: path.join(work, "playground.log"),
      },
    },
  );
}

function onPath(command: string): boolean {
  return (process.env.PATH ?? "").split(path.delimiter).some((dir) => {
    try {
      accessSync(path.join(dir, command), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

function say(text: string): void {
  process.stdout.write(`${text}\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`teams:playground: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
});
