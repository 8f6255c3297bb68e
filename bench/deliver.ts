/**
 * `npm run bench:deliver`: the delivery bookkeeping alone. 10,000 reps' nudges are planned and saved
 * by a first pass whose channel fails every send (a server error: each nudge keeps its picks and
 * waits for a retry); a second pass, timed, takes them all back and delivers them to the log
 * channel (pino writing to /dev/null), so it does no planning: lease, view, reachability, the
 * channel's own work and the sent marks. Prints the time per nudge (target: well under 1 ms).
 *
 *   BENCH_DATABASE_URL  PostgreSQL server (default postgres://postgres@127.0.0.1:5432/test);
 *                       a database of its own is created and dropped.
 *   BENCH_REPS          nudges (default 10000); each rep has 5 due accounts
 *   BENCH_RUNS          timed passes, each on a fresh morning (default 3); the median is printed
 */
import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { sql } from "drizzle-orm";
import pg from "pg";
import pino from "pino";
import { runMorning } from "../src/app/morning/run-morning.js";
import { ChannelSendError, type ChatChannel } from "../src/app/ports.js";
import { createLogChannel } from "../src/channels/log/log-channel.js";
import { type Db, openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";

const BASE_URL = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";
const REPS = Number(process.env.BENCH_REPS ?? 10_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Tuesday 09:05 UTC (the workspace's zone): every rep is due. */
const FIRST_MORNING = new Date("2026-12-01T09:05:00Z");

async function main(): Promise<void> {
  const dbName = `rt_bench_deliver_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin(`create database ${dbName}`);
  const url = new URL(BASE_URL);
  url.pathname = `/${dbName}`;
  const database = await openDatabase({ url: url.toString(), poolSize: 10 });
  try {
    await database.migrate();
    const workspaceId = (await ensureDefaultWorkspace(database.db)).id;
    await database.db.execute(sql`
      insert into reps (workspace_id, email, name)
      select ${workspaceId}, 'rep' || g || '@bench.test', 'Rep ' || g from generate_series(1, ${REPS}) g`);
    await database.db.execute(sql`
      insert into accounts (workspace_id, external_id, name, owner_rep_id, annual_revenue, contact_name)
      select ${workspaceId}, 'ACC-' || r.id || '-' || g, 'Account ' || r.id || '-' || g, r.id, 1000 * g, 'Contact ' || g
      from reps r, generate_series(1, 5) g where r.workspace_id = ${workspaceId}`);
    const silent = pino({ level: "error" }, process.stderr);
    const failing: ChatChannel = {
      ...createLogChannel(silent),
      sendNudge: async () => {
        throw new ChannelSendError("HTTP 500 from the chat platform");
      },
    };
    const logChannel = createLogChannel(pino({ level: "info" }, pino.destination("/dev/null")));
    const figures: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      // Each run is a later Tuesday...Thursday: a fresh day for every rep.
      const morning = new Date(FIRST_MORNING.getTime() + run * 86_400_000);
      const ctx = { db: database.db, clock: () => morning, logger: silent, channels: [failing] };
      const planned = await runMorning(ctx, morning, { leaseMs: 30 * 60_000 });
      const later = new Date(morning.getTime() + 20 * 60_000);
      const cpuBefore = process.cpuUsage();
      const serverBefore = await serverCpuMs(database.db);
      const started = performance.now();
      const summary = await runMorning({ ...ctx, clock: () => later, channels: [logChannel] }, later, {
        leaseMs: 30 * 60_000,
        pendingLimit: REPS,
      });
      const ms = performance.now() - started;
      const cpu = process.cpuUsage(cpuBefore);
      const cpuUs = (cpu.user + cpu.system) / REPS;
      const serverUs = (((await serverCpuMs(database.db)) - serverBefore) * 1000) / REPS;
      figures.push(ms);
      process.stdout.write(
        `run ${run + 1}: planned ${JSON.stringify(planned)}; delivery pass ${JSON.stringify(summary)} in ${ms.toFixed(0)} ms = ${((1000 * ms) / REPS).toFixed(0)} µs per nudge, of which ${cpuUs.toFixed(0)} µs CPU in this process and ${serverUs.toFixed(0)} µs in the database server (load ${loadavg()[0]?.toFixed(1)})\n`,
      );
    }
    const median = [...figures].sort((a, b) => a - b)[Math.floor(figures.length / 2)]!;
    process.stdout.write(
      `median: ${(median / 1000).toFixed(2)} s for ${REPS} nudges = ${((1000 * median) / REPS).toFixed(0)} µs per nudge\n`,
    );
  } finally {
    await database.close();
    if (process.env.BENCH_KEEP) process.stdout.write(`kept database ${dbName}\n`);
    else await admin(`drop database if exists ${dbName} with (force)`);
  }
}

/** CPU time (ms) the server's backends for this database have used, from /proc (NaN when remote). */
async function serverCpuMs(db: Db): Promise<number> {
  const rows = await queryRows<{ pid: number }>(
    db,
    sql`select pid from pg_stat_activity where datname = current_database()`,
  );
  let ticks = 0;
  for (const { pid } of rows) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      return Number.NaN;
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
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
  process.stderr.write(
    `bench:deliver failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`,
  );
  process.exit(1);
});
