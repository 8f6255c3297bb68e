/**
 * `npm run bench:activities`: 100,000 activities in batches of 1,000 through `POST
 * /api/activities` (the real HTTP server and route) on PostgreSQL, one batch after another.
 * Prints rows/s over the run, the p50/p99 time per batch, and the resident memory at every tenth
 * batch (it should stay flat). Target: at least 20,000 activities/s.
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
 *                       a database of its own is created and dropped.
 *   BENCH_ACTIVITIES    total (default 100000); BENCH_BATCH batch size (default 1000)
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import type { AppContext } from "../src/app/ports.js";
import { activitiesRoutes } from "../src/http/activities-route.js";
import { createHttpServer } from "../src/http/server.js";
import { openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const TOTAL = Number(process.env.BENCH_ACTIVITIES ?? 100_000);
const BATCH = Number(process.env.BENCH_BATCH ?? 1_000);
const REPS = 200;
const ACCOUNTS = 20_000;
const TOKEN = "bench-token-0123456789abcdef";
const KINDS = ["call", "email", "meeting", "note", "order"] as const;

async function main(): Promise<void> {
  const dbName = `rt_bench_act_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  try {
    await database.migrate();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    await database.db.execute(sql`
      insert into reps (workspace_id, email, name, timezone)
      select ${workspaceId}, 'rep' || i || '@bench.test', 'Rep ' || i, 'Europe/Paris' from generate_series(1, ${REPS}) i`);
    await database.db.execute(sql`
      insert into accounts (workspace_id, external_id, name, owner_rep_id, annual_revenue)
      select ${workspaceId}, 'ACC-' || i, 'Account ' || i, (select min(id) from reps) + (i % ${REPS}), 1000 * i
      from generate_series(1, ${ACCOUNTS}) i`);
    const ctx: AppContext = {
      db: database.db,
      clock: () => new Date(),
      logger: pino({ level: "silent" }),
      channels: [],
    };
    const http = createHttpServer(activitiesRoutes(ctx, TOKEN), ctx.logger);
    const port = await http.listen(0, "127.0.0.1");
    const start = Date.now() - 30 * 86_400_000;

    const times: number[] = [];
    const memory: number[] = [];
    let inserted = 0;
    const began = performance.now();
    for (let b = 0; b * BATCH < TOTAL; b++) {
      const activities = Array.from({ length: Math.min(BATCH, TOTAL - b * BATCH) }, (_, i) => {
        const n = b * BATCH + i;
        return {
          source: "bench",
          external_id: `a-${n}`,
          account_external_id: `ACC-${(n % ACCOUNTS) + 1}`,
          rep_email: `rep${(n % REPS) + 1}@bench.test`,
          kind: KINDS[n % KINDS.length],
          // Spread over the last 30 days whatever the total (none in the future).
          at: new Date(start + Math.floor((n * 30 * 86_400_000) / TOTAL)).toISOString(),
          summary: n % 3 === 0 ? `talked about order ${n}` : undefined,
        };
      });
      const t0 = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/activities`, {
        method: "POST",
        headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
        body: JSON.stringify({ activities }),
      });
      const body = (await res.json()) as { inserted?: number };
      times.push(performance.now() - t0);
      if (res.status !== 200) throw new Error(`batch ${b}: ${res.status} ${JSON.stringify(body)}`);
      inserted += body.inserted ?? 0;
      if (b % 10 === 0) memory.push(process.memoryUsage().rss / 1e6);
    }
    const seconds = (performance.now() - began) / 1000;
    const sorted = [...times].sort((a, b) => a - b);
    const pct = (p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
    const [counted] = await queryRows<{ activities: number; checkins: number }>(
      database.db,
      sql`select (select count(*) from activities)::int as activities, (select count(*) from checkins)::int as checkins`,
    );
    process.stdout.write(
      [
        `activities: ${TOTAL} in batches of ${BATCH} through POST /api/activities on PostgreSQL`,
        `  inserted ${inserted} (ledger ${counted?.activities}, check-ins ${counted?.checkins})`,
        `  ${Math.round(TOTAL / seconds)} activities/s over ${seconds.toFixed(1)} s (target >= 20000)`,
        `  per batch: p50 ${pct(50).toFixed(1)} ms, p99 ${pct(99).toFixed(1)} ms, max ${sorted.at(-1)?.toFixed(1)} ms`,
        `  rss every 10 batches (MB): ${memory.map((m) => m.toFixed(0)).join(" ")}`,
        "",
      ].join("\n"),
    );
    await http.close();
  } finally {
    await database.close();
    await admin(`drop database if exists ${dbName} with (force)`);
  }
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

main().catch((err: unknown) => {
  process.stderr.write(`${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
