/**
 * `npm run bench:dashboard [-- --small]`: the manager's dashboard data (every chart, revenue at
 * risk, the closed loop) for the whole workspace of a generated org of 10,000 reps / 1,000,000
 * accounts with a year of check-ins (`--small`: 1,000 / 100,000), on PostgreSQL. Reports the time
 * of each run and the peak RSS. Target: under 2 s at 1,000,000 accounts, flat memory.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names the server; the
 * benchmark creates and drops its own database, retention_bench_dashboard.
 */
import pg from "pg";
import { loadReps } from "../src/app/reports/book-scope.js";
import { loadDashboard } from "../src/app/reports/dashboard.js";
import { openDatabase } from "../src/storage/database.js";
import { getWorkspace } from "../src/storage/workspaces.js";
import { generateOrg } from "./generate-org.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const DB_NAME = "retention_bench_dashboard";
const small = process.argv.includes("--small");
const shape = small
  ? { name: "org-100k", reps: 1_000, accountsPerRep: 100 }
  : { name: "org-1m", reps: 10_000, accountsPerRep: 100 };
const NOW = new Date("2026-03-10T13:00:00Z");

async function admin(statement: string): Promise<void> {
  const client = new pg.Client({ connectionString: BASE_URL });
  await client.connect();
  await client.query(statement);
  await client.end();
}

async function main(): Promise<void> {
  await admin(`drop database if exists ${DB_NAME} with (force)`);
  await admin(`create database ${DB_NAME}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${DB_NAME}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 5, statementTimeoutMs: 600_000 });
  try {
    await database.migrate();
    const started = performance.now();
    const org = await generateOrg(database.db, {
      ...shape,
      date: "2026-03-10",
      timezone: "America/New_York",
    });
    await database.db.execute("analyze");
    console.log(
      `generated ${org.reps} reps, ${org.accounts} accounts, ${org.checkins} check-ins in ${((performance.now() - started) / 1000).toFixed(1)} s`,
    );
    const settings = (await getWorkspace(database.db, org.workspaceId))!.settings;
    let peak = process.memoryUsage().rss;
    const sampler = setInterval(() => {
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 20);
    for (let run = 1; run <= 3; run++) {
      const t0 = performance.now();
      const reps = await loadReps(database.db, org.workspaceId, settings);
      const data = await loadDashboard(database.db, org.workspaceId, settings, NOW, reps, "whole workspace");
      const ms = performance.now() - t0;
      console.log(
        `run ${run}: ${ms.toFixed(0)} ms (target < 2000 ms); revenue at risk ${data.revenueAtRisk.total}, ` +
          `${data.revenueAtRisk.accounts} accounts; closed loop flagged ${data.closedLoop.flagged}; ` +
          `${data.contactsByWeek.length} week×source cells; peak RSS ${(peak / 1e6).toFixed(0)} MB`,
      );
    }
    clearInterval(sampler);
  } finally {
    await database.close();
    await admin(`drop database if exists ${DB_NAME} with (force)`);
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
