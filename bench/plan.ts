/**
 * `npm run bench:plan [-- --small] [-- --runs N]`: the whole morning's planning on PostgreSQL for
 * a generated org of 1,000 reps / 100,000 accounts and of 10,000 reps / 1,000,000 accounts, all
 * in one time zone (the worst morning). Times load + plan (every rule) + save (nudges and picks),
 * samples peak RSS, and compares with the database-only lower bound: one query returning the top
 * 5 due accounts per rep by value × overdue. Targets at 1,000,000 accounts: under 3 s, within 8×
 * of the lower bound, under 512 MB.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the
 * benchmark creates and drops its own database, retention_bench_plan.
 */
import { sql } from "drizzle-orm";
import pg from "pg";
import { planReps } from "../src/app/planning/plan-reps.js";
import { type Database, openDatabase, queryRows } from "../src/storage/database.js";
import { savePlans } from "../src/storage/plans.js";
import { generateOrg, type OrgShape } from "./generate-org.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = "retention_bench_plan";
const DATE = "2026-03-10";
const ZONE = "America/New_York";
/** 09:00 in New York on DATE: the nudge hour of every rep. */
const NOW = new Date("2026-03-10T13:00:00Z");

const args = process.argv.slice(2);
const small = args.includes("--small");
const runsArg = args.indexOf("--runs");
const RUNS = runsArg >= 0 ? Number(args[runsArg + 1]) : 3;

const orgs: OrgShape[] = [
  { name: "org-100k", reps: 1_000, accountsPerRep: 100, date: DATE, timezone: ZONE },
  ...(small ? [] : [{ name: "org-1m", reps: 10_000, accountsPerRep: 100, date: DATE, timezone: ZONE }]),
];

async function main(): Promise<void> {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2, statementTimeoutMs: 600_000 });
  try {
    await database.migrate();
    for (const shape of orgs) await benchOrg(database, shape);
  } finally {
    await database.close();
    await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

async function benchOrg(database: Database, shape: OrgShape): Promise<void> {
  const db = database.db;
  await db.execute(
    sql`truncate workspaces, reps, accounts, checkins, promises, snoozes, departures, nudges, picks cascade`,
  );
  const genStart = performance.now();
  const org = await generateOrg(db, shape);
  const genSeconds = (performance.now() - genStart) / 1000;
  console.log(
    `\n${shape.name}: ${org.reps} reps, ${org.accounts} accounts, ${org.checkins} check-ins, ` +
      `${org.promises} promises, ${org.snoozes} snoozes (generated in ${genSeconds.toFixed(1)} s)`,
  );

  const morning: number[] = [];
  const bound: number[] = [];
  let peakRss = 0;
  let saved = { nudges: 0, picks: 0 };
  for (let run = 0; run < RUNS; run++) {
    await db.execute(sql`delete from nudges where workspace_id = ${org.workspaceId}`);
    global.gc?.();
    const sampler = sampleRss();
    const start = performance.now();
    saved = await db.transaction(async (tx) => {
      const { plans, moreDue } = await planReps(tx, { workspaceId: org.workspaceId, date: DATE, now: NOW });
      return savePlans(tx, org.workspaceId, DATE, plans, moreDue);
    });
    morning.push((performance.now() - start) / 1000);
    peakRss = Math.max(peakRss, sampler.stop());

    const boundStart = performance.now();
    await lowerBound(database, org.workspaceId);
    bound.push((performance.now() - boundStart) / 1000);
  }
  const m = median(morning);
  const b = median(bound);
  console.log(
    `  morning (load + plan + save): median ${m.toFixed(2)} s  [${morning.map((s) => s.toFixed(2)).join(", ")}]`,
  );
  console.log(`  saved: ${saved.nudges} nudges, ${saved.picks} picks`);
  console.log(
    `  lower bound (one SQL query):  median ${b.toFixed(2)} s  [${bound.map((s) => s.toFixed(2)).join(", ")}]`,
  );
  console.log(`  ratio morning / lower bound:  ${(m / b).toFixed(1)}x`);
  console.log(`  peak RSS: ${(peakRss / 1024 / 1024).toFixed(0)} MB`);
  if (org.accounts >= 1_000_000) {
    const ok = (cond: boolean) => (cond ? "ok" : "MISSED");
    console.log(
      `  targets: < 3 s ${ok(m < 3)}, within 8x ${ok(m / b <= 8)}, < 512 MB ${ok(peakRss < 512 * 1024 * 1024)}`,
    );
  }
}

/** The top 5 due accounts per rep by a plain value × overdue score: what the database alone costs. */
async function lowerBound(database: Database, workspaceId: number): Promise<number> {
  const rows = await queryRows<{ owner_rep_id: number; id: number }>(
    database.db,
    sql`
    select owner_rep_id, id from (
      select a.id, a.owner_rep_id,
        row_number() over (partition by a.owner_rep_id order by
          coalesce(a.gross_profit, a.annual_revenue)
            * coalesce((${DATE}::date - (a.last_contact_at at time zone ${ZONE})::date), 365)::float8
            / coalesce(a.cadence_days, 30) desc, a.id) as rn
      from accounts a
      where a.workspace_id = ${workspaceId} and a.status = 'active'
        and (a.last_contact_at is null
             or ${DATE}::date - (a.last_contact_at at time zone ${ZONE})::date >= coalesce(a.cadence_days, 30))
    ) ranked where rn <= 5`,
  );
  return rows.length;
}

function sampleRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return Math.max(peak, process.memoryUsage().rss);
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
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

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
