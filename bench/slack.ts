/**
 * `npm run bench:slack`: signed button clicks against the running service pieces (HTTP server,
 * Bolt, the Slack adapter) on PostgreSQL, with a fake Slack Web API, fired by autocannon on
 * loopback at a fixed rate. The service runs in a child process of its own (as in production,
 * where neither Slack nor the load shares its event loop); this process seeds, fakes Slack and
 * fires. Every click names a different open pick, so each does real work
 * (check-in, nudge re-rendered with chat.update, App Home published). Prints the acknowledgement
 * latency (what Slack waits for; its limit is 3 s) and the throughput.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
 *                       a database of its own is created and dropped.
 *   BENCH_RATE          requests per second (default 100)
 *   BENCH_SECONDS       duration (default 20)
 */
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { cpus, loadavg } from "node:os";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import autocannon from "autocannon";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import type { AppContext } from "../src/app/ports.js";
import { createSlackAdapter } from "../src/channels/slack/index.js";
import { loadConfig } from "../src/config.js";
import { createHttpServer } from "../src/http/server.js";
import { openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";
import { startFakeSlackApi } from "../test/support/fake-slack-api.js";
import { buildBlockActionBody, signSlackBody } from "../test/support/slack-requests.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const RATE = Number(process.env.BENCH_RATE ?? 100);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 20);
const SECRET = "bench-signing-secret";
const TEAM = "T0BENCH";
const REPS = 200;
const clicksNeeded = RATE * SECONDS + 200;
const PICKS_PER_REP = Math.ceil(clicksNeeded / REPS);

async function main(): Promise<void> {
  const dbName = `rt_bench_slack_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 20 });
  const fake = await startFakeSlackApi({ teamId: TEAM });
  try {
    await database.migrate();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    const clicks = await seed(database.db, workspaceId);
    process.stdout.write(`seeded ${REPS} reps with ${clicks.length} open picks on PostgreSQL\n`);

    const service = await startService(url.toString(), fake.apiUrl);
    const port = service.port;

    const loadLag = monitorEventLoopDelay({ resolution: 10 });
    loadLag.enable();
    let next = 0;
    const result = await autocannon({
      url: `http://127.0.0.1:${port}/slack/events`,
      method: "POST",
      connections: 20,
      overallRate: RATE,
      duration: SECONDS,
      requests: [
        {
          setupRequest: (req) => {
            const click = clicks[next++ % clicks.length]!;
            const body = buildBlockActionBody(
              { teamId: TEAM, userId: click.slackUserId },
              { actionId: "pick_call", value: String(click.pickId), message: click.message },
            );
            const timestamp = Math.floor(Date.now() / 1000);
            return {
              ...req,
              body,
              headers: {
                "content-type": "application/x-www-form-urlencoded",
                "x-slack-request-timestamp": String(timestamp),
                "x-slack-signature": signSlackBody(SECRET, timestamp, body),
              },
            };
          },
        },
      ],
    });

    loadLag.disable();
    // The work after each acknowledgement goes on (check-in, then chat.update): wait for it.
    const settleStart = Date.now();
    const accepted = result.requests.total - result.non2xx;
    let logged = 0;
    let seen = "";
    let stableSince = Date.now();
    while (Date.now() - settleStart < 60_000) {
      logged = (await queryRows<{ n: number }>(database.db, sql`select count(*)::int as n from checkins`))[0]!
        .n;
      // Renders of one nudge are coalesced, so updates may be fewer than clicks: wait for quiet.
      const now = `${logged}/${fake.calls.length}`;
      if (now !== seen) {
        seen = now;
        stableSince = Date.now();
      }
      if (logged >= accepted && Date.now() - stableSince > 1_000) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    const updates = fake.callsOf("chat.update").length;
    await service.stop();

    const l = result.latency;
    process.stdout.write(
      `${[
        `signed button clicks at ${RATE} req/s for ${SECONDS} s (${result.connections} connections, loopback; load average ${loadavg()
          .map((n) => n.toFixed(1))
          .join(" ")} on ${cpus().length} CPUs)`,
        `  acknowledgement latency: p50 ${l.p50} ms, p90 ${l.p90} ms, p99 ${l.p99} ms, max ${l.max} ms (target p99 < 100 ms)`,
        `  throughput: ${result.requests.average.toFixed(1)} req/s average, ${result.requests.total} requests, ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
        `  check-ins logged: ${logged}; chat.update calls: ${updates}; failures logged by the service: ${service.failures()}; work settled ${((Date.now() - settleStart) / 1000).toFixed(1)} s after the last request`,
        `  inside the service (request in → acknowledgement out): ${service.inside()}`,
        `  service event-loop delay: ${service.lag()}`,
        `  load generator + fake Slack event-loop delay: p99 ${(loadLag.percentile(99) / 1e6).toFixed(0)} ms, max ${(loadLag.max / 1e6).toFixed(0)} ms`,
        `  p99 ${l.p99 < 100 ? "meets" : "MISSES"} the 100 ms target`,
      ].join("\n")}\n`,
    );
  } finally {
    await fake.close();
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
}

interface Click {
  pickId: number;
  slackUserId: string;
  message: { channel: string; ts: string };
}

/** Reps with Slack ids, one account per pick, and one sent nudge per rep holding its picks. */
async function seed(db: Parameters<typeof queryRows>[0], workspaceId: number): Promise<Click[]> {
  await db.execute(sql`
    insert into reps (workspace_id, email, name, slack_user_id)
    select ${workspaceId}, 'rep' || g || '@bench.test', 'Rep ' || g, 'UREP' || g from generate_series(1, ${REPS}) g`);
  await db.execute(sql`
    insert into accounts (workspace_id, external_id, name, owner_rep_id, annual_revenue)
    select ${workspaceId}, 'ACC-' || r.id || '-' || g, 'Account ' || r.id || '-' || g, r.id, 1000 * g
    from reps r, generate_series(1, ${PICKS_PER_REP}) g where r.workspace_id = ${workspaceId}`);
  await db.execute(sql`
    insert into nudges (workspace_id, rep_id, local_date, status, sent_at, message_ref)
    select ${workspaceId}, id, current_date, 'sent', now(),
      jsonb_build_object('platform', 'slack', 'channel', 'D' || id, 'ts', (1700000000 + id)::text || '.000100')
    from reps where workspace_id = ${workspaceId}`);
  await db.execute(sql`
    insert into picks (workspace_id, nudge_id, account_id, position, kind, reason)
    select ${workspaceId}, n.id, a.id, row_number() over (partition by n.id order by a.id) - 1, 'due', 'Due for a call'
    from nudges n join accounts a on a.owner_rep_id = n.rep_id`);
  const rows = await queryRows<{ pickId: number; repId: number; slackUserId: string; position: number }>(
    db,
    sql`select p.id as "pickId", r.id as "repId", r.slack_user_id as "slackUserId", p.position
        from picks p join nudges n on n.id = p.nudge_id join reps r on r.id = n.rep_id
        order by p.position, r.id`,
  );
  // Interleaved across reps, so consecutive clicks touch different nudges as real mornings do.
  return rows.map((r) => ({
    pickId: r.pickId,
    slackUserId: r.slackUserId,
    message: { channel: `D${r.repId}`, ts: `${1_700_000_000 + r.repId}.000100` },
  }));
}

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

/** The service pieces in a child process (this file with BENCH_ROLE=service). */
async function startService(
  databaseUrl: string,
  apiUrl: string,
): Promise<{ port: number; failures(): number; lag(): string; inside(): string; stop(): Promise<void> }> {
  const child = spawn(process.execPath, ["--import", "tsx", import.meta.filename], {
    env: {
      ...process.env,
      BENCH_ROLE: "service",
      BENCH_SERVICE_DATABASE_URL: databaseUrl,
      SLACK_API_URL: apiUrl,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let failures = 0;
  let lag = "not reported";
  let inside = "not reported";
  createInterface({ input: child.stderr }).on("line", (line) => {
    if (!/"level":(40|50)/.test(line)) return;
    // The first few say what went wrong; the count says how often.
    if (failures++ < 3)
      process.stderr.write(`service: ${line.replace(/"message":"Failed query:[^"]*"/, "").slice(0, 900)}\n`);
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once("exit", (code) => reject(new Error(`the service exited with ${code}`)));
    createInterface({ input: child.stdout }).on("line", (line) => {
      const match = /^PORT (\d+)$/.exec(line);
      if (match) resolve(Number(match[1]));
      if (line.startsWith("LAG ")) lag = line.slice(4);
      if (line.startsWith("INSIDE ")) inside = line.slice(7);
    });
  });
  return {
    port,
    failures: () => failures,
    lag: () => lag,
    inside: () => inside,
    stop: () =>
      new Promise((resolve) => {
        child.removeAllListeners("exit");
        // "close" comes after the child's output is read (its last line is the event-loop delay).
        child.once("close", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

async function serve(): Promise<void> {
  const database = await openDatabase({ url: process.env.BENCH_SERVICE_DATABASE_URL, poolSize: 20 });
  const logger = pino({ level: "warn" }, process.stderr);
  const ctx: AppContext = { db: database.db, clock: () => new Date(), logger, channels: [] };
  const config = loadConfig({
    SLACK_SIGNING_SECRET: SECRET,
    SLACK_BOT_TOKEN: "xoxb-bench",
    SLACK_API_URL: process.env.SLACK_API_URL,
  });
  const adapter = await createSlackAdapter(config, ctx);
  if (!adapter) throw new Error("the Slack adapter was not created");
  // Time from the request reaching the service to the acknowledgement leaving it.
  const inService: number[] = [];
  const routes = adapter.routes.map((route) => ({
    ...route,
    handle: (req: IncomingMessage, res: ServerResponse) => {
      const start = performance.now();
      res.once("finish", () => inService.push(performance.now() - start));
      return route.handle(req, res);
    },
  }));
  const http = createHttpServer(routes, logger);
  const port = await http.listen(0, "127.0.0.1");
  await adapter.start?.();
  // How long callbacks waited for the event loop: what an acknowledgement can wait behind.
  const lag = monitorEventLoopDelay({ resolution: 10 });
  lag.enable();
  process.stdout.write(`PORT ${port}\n`);
  process.once("SIGTERM", () => {
    void (async () => {
      lag.disable();
      const ms = (ns: number) => (ns / 1e6).toFixed(0);
      inService.sort((a, b) => a - b);
      const at = (q: number) => (inService[Math.floor(q * (inService.length - 1))] ?? 0).toFixed(1);
      process.stdout.write(`INSIDE p50 ${at(0.5)} ms, p99 ${at(0.99)} ms\n`);
      process.stdout.write(
        `LAG p50 ${ms(lag.percentile(50))} ms, p99 ${ms(lag.percentile(99))} ms, max ${ms(lag.max)} ms\n`,
      );
      await adapter.stop?.();
      await http.close();
      await database.close();
      process.exit(0);
    })();
  });
}

(process.env.BENCH_ROLE === "service" ? serve() : main()).catch((err: unknown) => {
  process.stderr.write(
    `bench:slack failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
