/**
 * `npm run bench:plan`: the curve of the whole morning on PostgreSQL. For books of 100,000,
 * 1,000,000 and 3,000,000 accounts (BENCH_SIZES=100000,1000000 shortens it) with the same 10,000
 * reps (BENCH_REPS) in one time zone (the worst morning) and the same due accounts (BENCH_DUE_PER_REP,
 * 5 per rep: 50,000), it times the real `retention tick` with no chat platform, as a user runs it:
 * CLI start, migrations check, claim, load, plan, save, every nudge handed to the log channel
 * (stdout, counted and dropped) and marked sent. Beside it, the database-only lower bound: one
 * query reading each rep's best 5 due accounts through the same index. Prints medians of
 * BENCH_RUNS (3) runs, their ratio and the tick's peak RSS (GNU time's maximum resident set).
 *
 * The compiled CLI (dist/, `npm run build`) runs when present, as in production; else the sources
 * through tsx. BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/postgres) names the
 * server; the benchmark creates and drops its own database, retention_bench_plan.
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { sql } from "drizzle-orm";
import pg from "pg";
import { planReps } from "../src/app/planning/plan-reps.js";
import { type Database, openDatabase, queryRows } from "../src/storage/database.js";
import { savePlans } from "../src/storage/plans.js";
import { generateOrg } from "./generate-org.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";
const DB_NAME = "retention_bench_plan";
const DATE = "2026-03-10";
const ZONE = "America/New_York";
/** 09:05 in New York on DATE (a Tuesday): every rep's nudge hour has come. */
const NOW = "2026-03-10T13:05:00Z";
const SIZES = (process.env.BENCH_SIZES ?? "100000,1000000,3000000").split(",").map(Number);
const REPS = Number(process.env.BENCH_REPS ?? 10_000);
const DUE_PER_REP = Number(process.env.BENCH_DUE_PER_REP ?? 5);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Whole ticks per size (each sends 10,000 nudges): BENCH_TICK_RUNS, else BENCH_RUNS. */
const TICK_RUNS = Number(process.env.BENCH_TICK_RUNS ?? RUNS);

interface Row {
  accounts: number;
  /** Load + plan + save in this process (the planning stage of the tick), median. */
  stage: number;
  stageMb: number;
  tick: number;
  bound: number;
  peakMb: number;
  sent: string;
}

async function main(): Promise<void> {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 2, statementTimeoutMs: 1_800_000 });
  const rows: Row[] = [];
  try {
    await database.migrate();
    const built = existsSync(new URL("../dist/src/cli/main.js", import.meta.url));
    console.log(
      `retention tick from ${built ? "the compiled CLI (dist/)" : "the sources (tsx)"}; ${RUNS} runs each`,
    );
    for (const size of SIZES) rows.push(await benchSize(database, url.toString(), size, built));
  } finally {
    await database.close();
    await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
  console.log(
    "\n| accounts | due | load + plan + save | its peak RSS | whole tick | lower bound | tick / bound | stage / bound | tick peak RSS | tick summary |",
  );
  console.log("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
  for (const r of rows) {
    console.log(
      `| ${r.accounts.toLocaleString("en")} | ${(REPS * DUE_PER_REP).toLocaleString("en")} | ${r.stage.toFixed(2)} s | ` +
        `${r.stageMb.toFixed(0)} MB | ${r.tick.toFixed(2)} s | ${(r.bound * 1000).toFixed(0)} ms | ${(r.tick / r.bound).toFixed(1)}x | ` +
        `${(r.stage / r.bound).toFixed(1)}x | ${r.peakMb.toFixed(0)} MB | ${r.sent} |`,
    );
  }
  const million = rows.find((r) => r.accounts === 1_000_000);
  const three = rows.find((r) => r.accounts === 3_000_000);
  if (million) {
    const ok = (c: boolean) => (c ? "met" : "MISSED");
    console.log(
      `\ntargets at 1,000,000: < 3 s ${ok(million.tick < 3)}, within 5x ${ok(million.tick / million.bound <= 5)}, ` +
        `< 300 MB ${ok(million.peakMb < 300)}` +
        (three
          ? `; 3,000,000 < 1.3x of it ${ok(three.tick < 1.3 * million.tick)} (${(three.tick / million.tick).toFixed(2)}x)`
          : ""),
    );
  }
}

async function benchSize(database: Database, url: string, size: number, built: boolean): Promise<Row> {
  const db = database.db;
  await db.execute(
    sql`truncate workspaces, reps, accounts, checkins, promises, snoozes, departures, nudges, picks cascade`,
  );
  const genStart = performance.now();
  const org = await generateOrg(db, {
    name: `org-${size}`,
    reps: REPS,
    accountsPerRep: Math.round(size / REPS),
    date: DATE,
    timezone: ZONE,
    duePerRep: DUE_PER_REP,
  });
  await db.execute(sql`vacuum analyze accounts`);
  const [due] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from accounts where workspace_id = ${org.workspaceId} and next_pick_on <= ${DATE}::date`,
  );
  console.log(
    `\n${org.accounts} accounts, ${org.reps} reps: ${due!.n} read by the morning (next pick on or before ${DATE}), ` +
      `${org.promises} promises, ${org.snoozes} snoozes; generated in ${((performance.now() - genStart) / 1000).toFixed(0)} s`,
  );
  const stages: number[] = [];
  const bounds: number[] = [];
  let stageMb = 0;
  for (let run = 0; run < RUNS; run++) {
    await db.execute(sql`delete from nudges where workspace_id = ${org.workspaceId}`);
    global.gc?.();
    const sampler = sampleRss();
    const start = performance.now();
    const saved = await db.transaction(async (tx) => {
      const { plans, moreDue } = await planReps(tx, {
        workspaceId: org.workspaceId,
        date: DATE,
        now: new Date(NOW),
      });
      return savePlans(tx, org.workspaceId, DATE, plans, moreDue);
    });
    stages.push((performance.now() - start) / 1000);
    stageMb = Math.max(stageMb, sampler.stop() / 1024 / 1024);
    const boundStart = performance.now();
    await lowerBound(database, org.workspaceId);
    bounds.push((performance.now() - boundStart) / 1000);
    console.log(
      `  load + plan + save ${stages.at(-1)!.toFixed(2)} s (${saved.nudges} nudges, ${saved.picks} picks), ` +
        `lower bound ${(bounds.at(-1)! * 1000).toFixed(0)} ms`,
    );
  }
  const ticks: number[] = [];
  let peakMb = 0;
  let sent = "";
  for (let run = 0; run < TICK_RUNS; run++) {
    await db.execute(sql`delete from nudges where workspace_id = ${org.workspaceId}`);
    await db.execute(sql`checkpoint`);
    const tick = await runTick(url, org.workspaceId, built);
    ticks.push(tick.seconds);
    peakMb = Math.max(peakMb, tick.peakMb);
    sent = tick.summary;
    console.log(
      `  tick ${run + 1}: ${tick.seconds.toFixed(2)} s (${tick.peakMb.toFixed(0)} MB, ${tick.stdoutBytes} bytes of nudges); ${tick.summary}`,
    );
  }
  return {
    accounts: org.accounts,
    stage: median(stages),
    stageMb,
    tick: median(ticks),
    bound: median(bounds),
    peakMb,
    sent,
  };
}

/** `retention tick --now NOW` as a child process under GNU time; its wall time and peak RSS. */
function runTick(
  url: string,
  workspaceId: number,
  built: boolean,
): Promise<{ seconds: number; peakMb: number; summary: string; stdoutBytes: number }> {
  return new Promise((resolve, reject) => {
    const start = performance.now();
    const child = spawn(
      "/usr/bin/time",
      [
        "-f",
        "maxrss_kb=%M",
        "node",
        "bin/retention.js",
        "tick",
        "--now",
        NOW,
        "--workspace",
        String(workspaceId),
      ],
      {
        cwd: new URL("..", import.meta.url).pathname,
        env: {
          ...process.env,
          DATABASE_URL: url,
          LOG_LEVEL: "warn",
          RETENTION_USE_BUILD: built ? "1" : "",
          SLACK_BOT_TOKEN: "",
          SLACK_SIGNING_SECRET: "",
          MICROSOFT_APP_ID: "",
        },
        stdio: ["ignore", "pipe", "pipe"],
      },
    );
    let stdoutBytes = 0;
    let tail = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => {
      stdoutBytes += chunk.length;
      tail = (tail + chunk.toString()).slice(-2000);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4000);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      const seconds = (performance.now() - start) / 1000;
      const kb = Number(/maxrss_kb=(\d+)/.exec(stderr)?.[1] ?? 0);
      const summary = /sent \d+[^\n]*/.exec(tail)?.[0] ?? "";
      if (code !== 0) reject(new Error(`retention tick exited ${code}: ${stderr}`));
      else resolve({ seconds, peakMb: kb / 1024, summary, stdoutBytes });
    });
  });
}

/** The database alone: each rep's 5 most valuable due accounts, read through the same index. */
async function lowerBound(database: Database, workspaceId: number): Promise<number> {
  const rows = await queryRows<{ owner_rep_id: number; id: number }>(
    database.db,
    sql`
    select owner_rep_id, id from (
      select a.id, a.owner_rep_id,
        row_number() over (partition by a.owner_rep_id order by coalesce(a.gross_profit, a.annual_revenue) desc, a.id) as rn
      from reps r join accounts a on a.owner_rep_id = r.id
      where r.workspace_id = ${workspaceId} and a.next_pick_on <= ${DATE}::date and a.status = 'active'
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
