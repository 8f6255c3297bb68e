/** Composition root: configuration, database, channels, scheduler, HTTP server. Nothing else. */
import { randomBytes } from "node:crypto";
import { nextStepHint } from "./app/first-run.js";
import { defaultRetryPolicy } from "./app/morning/retry-policy.js";
import { runMorning } from "./app/morning/run-morning.js";
import type { AppContext } from "./app/ports.js";
import { composeChannels } from "./channels/compose.js";
import { ConfigError, listenHost, loadConfig } from "./config.js";
import { configuredConnectors } from "./connectors/index.js";
import { activitiesRoutes } from "./http/activities-route.js";
import { healthRoute } from "./http/health.js";
import { serviceMetrics } from "./http/metrics.js";
import { createHttpServer } from "./http/server.js";
import { createLogger } from "./logger.js";
import { startCrmSync } from "./scheduler/crm-sync.js";
import { startScheduler } from "./scheduler/index.js";
import { EmbeddedDatabaseBusyError, openDatabase } from "./storage/database.js";
import { ensureDefaultWorkspace } from "./storage/workspaces.js";
import { LocalClock } from "./web/local-clock.js";
import { LocalSession } from "./web/local-session.js";
import { registerWeb } from "./web/routes.js";
import { dashboardLinks } from "./web/signed-link.js";

async function main(): Promise<void> {
  const config = loadConfig();
  const logger = createLogger(config.LOG_LEVEL);
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    role: "service",
    whenOwned: "refuse",
  });
  await database.migrate();
  const workspace = await ensureDefaultWorkspace(database.db);

  const localClock = new LocalClock();
  const linkSecret = config.DASHBOARD_SECRET ?? randomBytes(32).toString("hex");
  const ctx: AppContext = { db: database.db, clock: () => new Date(), logger, channels: [] };
  const adapters = await composeChannels(config, ctx);
  // Local mode: no chat platform; the browser is the chat client and "Today" can move forward.
  const local = adapters.length === 0;
  if (local) ctx.clock = () => localClock.now();

  serviceMetrics.watchPool(() => database.poolUse?.());
  const http = createHttpServer(
    [
      healthRoute(database),
      serviceMetrics.route(),
      ...activitiesRoutes(ctx, config.ACTIVITY_API_TOKEN),
      ...adapters.flatMap((a) => a.routes),
    ],
    logger,
    {
      observe: (route, method, status, seconds) =>
        serviceMetrics.observeRequest(route, method, status, seconds),
      register: (app) =>
        registerWeb(app, {
          ctx,
          local: local ? new LocalSession(ctx, localClock, workspace.id) : undefined,
          workspaceId: workspace.id,
          linkSecret,
        }),
    },
  );
  const host = listenHost(config);
  const port = await http.listen(config.PORT, host);
  ctx.dashboardLink = dashboardLinks({
    local,
    localUrl: `http://localhost:${port}`,
    publicUrl: config.PUBLIC_URL,
    secret: linkSecret,
  });
  if (local) {
    const shown = host === "127.0.0.1" || host === "0.0.0.0" ? "localhost" : host;
    logger.info(
      { url: `http://${shown}:${port}/` },
      `local mode: open http://${shown}:${port}/ (no Slack or Teams configured; nudges also go to the log)`,
    );
  }
  for (const adapter of adapters) await adapter.start?.();
  const scheduler = config.SCHEDULER
    ? startScheduler(ctx, {
        schedule: config.SCHEDULER_CRON,
        morning: {
          leaseMs: config.NUDGE_LEASE_MS,
          retryPolicy: { ...defaultRetryPolicy, baseDelayMs: config.NUDGE_RETRY_BASE_MS },
        },
        pass: async (passCtx, now, options) => {
          const summary = await runMorning(passCtx, now, options);
          serviceMetrics.recordPass(summary);
          return summary;
        },
      })
    : undefined;
  // CRM connectors sync on their own schedule (HubSpot with HUBSPOT_ACCESS_TOKEN), into the default workspace.
  const syncs = config.SCHEDULER
    ? configuredConnectors(config, () => ctx.clock()).map(({ connector, intervalMs }) =>
        startCrmSync(ctx, { workspaceId: workspace.id, connector, intervalMs }),
      )
    : [];
  logger.info(
    {
      host,
      port,
      database: database.kind,
      scheduler: config.SCHEDULER,
      crm: configuredConnectors(config, () => new Date()).map((c) => c.connector.source),
      channels: ctx.channels.map((c) => c.platform),
    },
    "listening",
  );
  logger.info(
    `database: ${config.DATABASE_URL ? "PostgreSQL (DATABASE_URL)" : `embedded PGlite in ${config.DATA_DIR}`}; ` +
      `channels: ${adapters.length > 0 ? ctx.channels.map((c) => c.platform).join(", ") : "none (nudges go to the log; see docs/slack.md, docs/teams.md)"}`,
  );
  const hint = await nextStepHint(ctx);
  if (hint) logger.info(hint);
  // A request-scoped failure a library did not catch (Bolt's receiver runs its work in a promise
  // nobody awaits) is logged; it must not end the process for every other user.
  process.on("unhandledRejection", (err) => {
    logger.error({ err }, "an unhandled rejection was caught; the service goes on");
  });

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, "shutting down");
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await scheduler?.stop();
    for (const sync of syncs) await sync.stop();
    for (const adapter of adapters) await adapter.stop?.();
    await http.close();
    await database.close();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop("SIGTERM"));
  process.on("SIGINT", () => void stop("SIGINT"));
}

main().catch((err: unknown) => {
  if (err instanceof EmbeddedDatabaseBusyError) {
    process.stderr.write(`retention-bot cannot start: ${err.message}\n`);
    process.exit(1);
  }
  if (err instanceof ConfigError) {
    process.stderr.write(`${err.message}\n`);
    process.exit(2);
  }
  process.stderr.write(
    `retention-bot failed to start: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
