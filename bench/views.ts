/**
 * `npm run bench:views [-- --small] [-- --reuse] [-- --no-page] [-- --generate-only]`: what people look at, on a
 * generated org of 10,000 reps / 1,000,000 accounts with a year of contacts on PostgreSQL
 * (`--small`: 1,000 / 100,000). Three runs each, medians printed with the load average:
 * - the dashboard's data for the whole workspace (in process; target < 2 s, flat memory);
 * - one rep's App Home build and `plan --rep` (in process; target < 100 ms of work);
 * - `retention report` and `retention plan --rep` as CLI commands from the compiled build
 *   (`npm run build` first; targets < 3 s and < 300 MB, < 1 s), wall time and peak RSS from
 *   /usr/bin/time;
 * - the dashboard page on the demo data in headless Chromium (in-memory PGlite; target < 1 s).
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the
 * org goes to its own database, retention_bench_views, kept for `--reuse` (drop it when done).
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import { actorForRep } from "../src/app/actors.js";
import { loadRepHome } from "../src/app/home.js";
import { planReps } from "../src/app/planning/plan-reps.js";
import type { AppContext } from "../src/app/ports.js";
import { loadReps } from "../src/app/reports/book-scope.js";
import { coverageReport } from "../src/app/reports/coverage-report.js";
import { loadDashboard } from "../src/app/reports/dashboard.js";
import { type Database, openDatabase, queryRows } from "../src/storage/database.js";
import { getWorkspace } from "../src/storage/workspaces.js";
import { generateOrg } from "./generate-org.js";
import { benchDashboardPage } from "./views-page.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = "retention_bench_views";
const args = process.argv.slice(2);
const small = args.includes("--small");
const shape = small
  ? { name: "org-100k", reps: 1_000, accountsPerRep: 100 }
  : { name: "org-1m", reps: 10_000, accountsPerRep: 100 };
const DATE = "2026-03-10";
const NOW = new Date("2026-03-10T13:00:00Z");
const RUNS = 3;

const load = () => `load ${loadavg()[0]!.toFixed(1)}`;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function admin(statement: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  const result = await client.query(statement);
  await client.end();
  return result.rows;
}

/**
 * CPU milliseconds used so far by each PostgreSQL backend serving the bench database, from
 * /proc (the server runs on this machine). With other jobs on the machine, wall time measures
 * the queue for a core as much as the work; CPU time measures the work.
 */
async function backendCpu(): Promise<Map<number, number>> {
  const rows = (await admin(`select pid from pg_stat_activity where datname = '${DB_NAME}'`)) as {
    pid: number;
  }[];
  const cpu = new Map<number, number>();
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      cpu.set(pid, (Number(fields[11]) + Number(fields[12])) * 10);
    } catch {
      // The backend ended in between.
    }
  }
  return cpu;
}

/** Runs `fn` RUNS times; prints each time, the median, CPU time and the peak RSS of this process. */
async function timed(label: string, target: string, fn: () => Promise<unknown>): Promise<void> {
  const times: number[] = [];
  const cpus: number[] = [];
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 10);
  for (let run = 0; run < RUNS; run++) {
    const before = await backendCpu();
    const node = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
    const used = process.cpuUsage(node);
    let server = 0;
    for (const [pid, ms] of await backendCpu()) server += ms - (before.get(pid) ?? 0);
    cpus.push((used.user + used.system) / 1000 + server);
  }
  clearInterval(sampler);
  console.log(
    `${label}: median ${median(times).toFixed(0)} ms (${times.map((t) => t.toFixed(0)).join(", ")}; target ${target}); ` +
      `CPU (Node + PostgreSQL) median ${median(cpus).toFixed(0)} ms; peak RSS of the bench ${(peak / 1e6).toFixed(0)} MB; ${load()}`,
  );
}

/** A CLI command from the compiled build, RUNS times: wall seconds and peak RSS from /usr/bin/time. */
function cli(label: string, target: string, url: string, argv: string[]): void {
  const walls: number[] = [];
  const rss: number[] = [];
  const cpus: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const child = spawnSync(
      "/usr/bin/time",
      ["-f", "TIME %e %M %U %S", process.execPath, "bin/retention.js", ...argv],
      {
        env: { ...process.env, DATABASE_URL: url, RETENTION_USE_BUILD: "1", LOG_LEVEL: "warn" },
        stdio: ["ignore", "ignore", "pipe"],
        maxBuffer: 1 << 26,
      },
    );
    const out = child.stderr.toString();
    if (child.status !== 0) throw new Error(`${argv.join(" ")} failed: ${out}`);
    const [, wall, kb, user, system] = /TIME ([\d.]+) (\d+) ([\d.]+) ([\d.]+)/.exec(out) ?? [];
    walls.push(Number(wall) * 1000);
    rss.push(Number(kb) / 1024);
    cpus.push((Number(user) + Number(system)) * 1000);
  }
  console.log(
    `${label}: median ${median(walls).toFixed(0)} ms (${walls.map((t) => t.toFixed(0)).join(", ")}), ` +
      `CPU of the CLI process ${median(cpus).toFixed(0)} ms, peak RSS ${median(rss).toFixed(0)} MB (target ${target}); ${load()}`,
  );
}

async function openOrg(): Promise<{ database: Database; url: string; workspaceId: number }> {
  const exists = (await admin(`select 1 from pg_database where datname = '${DB_NAME}'`)).length > 0;
  const reuse = args.includes("--reuse") && exists;
  if (!reuse) {
    await admin(`drop database if exists ${DB_NAME} with (force)`);
    await admin(`create database ${DB_NAME}`);
  }
  const url = new URL(BASE_URL);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5, statementTimeoutMs: 600_000 });
  await database.migrate();
  const found = await queryRows<{ id: number }>(
    database.db,
    sql`select id from workspaces where external_id = ${`BENCH-${shape.name}`}`,
  );
  if (reuse && found[0]) return { database, url: url.toString(), workspaceId: found[0].id };
  const t0 = performance.now();
  const org = await generateOrg(database.db, { ...shape, date: DATE, timezone: "America/New_York" });
  console.log(
    `generated ${org.reps} reps, ${org.accounts} accounts, ${org.checkins} check-ins in ${((performance.now() - t0) / 1000).toFixed(0)} s`,
  );
  return { database, url: url.toString(), workspaceId: org.workspaceId };
}

async function main(): Promise<void> {
  if (!existsSync("dist/src/cli/main.js"))
    throw new Error("run `npm run build` first: the CLI runs compiled");
  const { database, url, workspaceId } = await openOrg();
  if (args.includes("--generate-only")) return database.close();
  try {
    const db = database.db;
    const settings = (await getWorkspace(db, workspaceId))!.settings;
    const reps = await loadReps(db, workspaceId, settings);
    const rep = reps[0]!;
    const ctx: AppContext = { db, clock: () => NOW, logger: pino({ level: "silent" }), channels: [] };
    const actor = (await actorForRep(db, workspaceId, rep.id))!;

    await timed("dashboard data, whole workspace", "< 2000 ms", async () => {
      const all = await loadReps(db, workspaceId, settings);
      await loadDashboard(db, workspaceId, settings, NOW, all, "whole workspace");
    });
    await timed("coverage report, whole workspace (in process)", "CLI < 3000 ms", async () => {
      const all = await loadReps(db, workspaceId, settings);
      await coverageReport(db, workspaceId, settings, NOW, all);
    });
    await timed("one rep's App Home build", "< 100 ms", () => loadRepHome(ctx, actor));
    await timed("plan --rep (in process, not saved)", "< 100 ms", () =>
      planReps(db, { workspaceId, date: DATE, now: NOW, repIds: [rep.id] }),
    );
    const ws = ["--workspace", String(workspaceId)];
    cli("retention report (CLI)", "< 3000 ms, < 300 MB", url, ["report", ...ws]);
    cli("retention plan --rep (CLI)", "< 1000 ms", url, ["plan", "--rep", rep.email, "--date", DATE, ...ws]);
  } finally {
    await database.close();
  }
  // Last: the in-memory PGlite of the demo stays in this process's memory.
  if (!args.includes("--no-page")) await benchDashboardPage(RUNS, median, load);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
