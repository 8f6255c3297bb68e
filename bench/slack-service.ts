/**
 * The pieces the Slack load benchmarks share (bench:slack, bench:load): a seeded book of open
 * picks, the service in a child process of its own (this file with BENCH_ROLE=service) reporting
 * its acknowledgement latency, event-loop delay and memory, and admin statements on the server.
 */
import { spawn } from "node:child_process";
import type { IncomingMessage, ServerResponse } from "node:http";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { createInterface } from "node:readline";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import type { AppContext } from "../src/app/ports.js";
import { createSlackAdapter } from "../src/channels/slack/index.js";
import { loadConfig } from "../src/config.js";
import { createHttpServer } from "../src/http/server.js";
import { openDatabase, queryRows } from "../src/storage/database.js";

export const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
export const SECRET = "bench-signing-secret";
export const TEAM = "T0BENCH";
export const REPS = 200;

export interface Click {
  pickId: number;
  slackUserId: string;
  message: { channel: string; ts: string };
}

/** Reps with Slack ids, one account per pick, and one sent nudge per rep holding its picks. */
export async function seed(
  db: Parameters<typeof queryRows>[0],
  workspaceId: number,
  picksPerRep: number,
): Promise<Click[]> {
  await db.execute(sql`
    insert into reps (workspace_id, email, name, slack_user_id)
    select ${workspaceId}, 'rep' || g || '@bench.test', 'Rep ' || g, 'UREP' || g from generate_series(1, ${REPS}) g`);
  await db.execute(sql`
    insert into accounts (workspace_id, external_id, name, owner_rep_id, annual_revenue)
    select ${workspaceId}, 'ACC-' || r.id || '-' || g, 'Account ' || r.id || '-' || g, r.id, 1000 * g
    from reps r, generate_series(1, ${picksPerRep}) g where r.workspace_id = ${workspaceId}`);
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

export async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  try {
    await client.query(statement);
  } finally {
    await client.end();
  }
}

export interface ServiceProcess {
  port: number;
  failures(): number;
  lag(): string;
  inside(): string;
  /** The service's resident memory, sampled every 500 ms: [ms since the service started, MB]. */
  rss(): [number, number][];
  stop(): Promise<void>;
}

/** The service pieces in a child process (this file with BENCH_ROLE=service). */
export async function startService(databaseUrl: string, apiUrl: string): Promise<ServiceProcess> {
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
  const rss: [number, number][] = [];
  createInterface({ input: child.stderr }).on("line", (line) => {
    if (process.env.BENCH_DEBUG === "1") process.stderr.write(`service: ${line.slice(0, 600)}\n`);
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
      const memory = /^RSS (\d+) (\d+)$/.exec(line);
      if (memory) rss.push([Number(memory[1]), Number(memory[2]) / 2 ** 20]);
    });
  });
  return {
    port,
    failures: () => failures,
    lag: () => lag,
    inside: () => inside,
    rss: () => rss,
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
  const born = performance.now();
  const sampleRss = () =>
    process.stdout.write(`RSS ${Math.round(performance.now() - born)} ${process.memoryUsage.rss()}\n`);
  sampleRss();
  const sampler = setInterval(sampleRss, 500);
  process.once("SIGTERM", () => {
    void (async () => {
      clearInterval(sampler);
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

if (process.env.BENCH_ROLE === "service") {
  serve().catch((err: unknown) => {
    process.stderr.write(
      `the bench service failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
    );
    process.exit(1);
  });
}
