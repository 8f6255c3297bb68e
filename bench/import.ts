/**
 * `npm run bench:import`: imports generated account files (20,000 and 100,000 rows, plus 200
 * reps) on PGlite and on PostgreSQL, each run in its own process, and prints rows per second and
 * peak memory. Memory should stay flat as the file grows: the file is streamed, never loaded.
 *
 * BENCH_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/test) names a server on which a
 * scratch database is created and dropped; `--engine pglite` or `--engine postgres` runs only one.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { importCsv } from "../src/app/import/import-csv.js";
import { type Database, openDatabase, queryRows } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";

const SIZES = [20_000, 100_000];
const REPS = 200;
const baseUrl = process.env.BENCH_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/test";

interface RunFigures {
  rows: number;
  seconds: number;
  reimportSeconds: number;
  /** CPU µs per row of the first import: this process, and the database server when it runs here. */
  nodeCpuUs: number;
  serverCpuUs: number | null;
  rssBeforeMb: number;
  peakRssMb: number;
}

if (process.argv[2] === "--child") {
  const [engine, dir, size, url] = process.argv.slice(3) as [string, string, string, string];
  const figures = await runChild(engine, dir, Number(size), url);
  process.stdout.write(`${JSON.stringify(figures)}\n`);
  process.exit(0);
} else {
  await main();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), "retention-bench-"));
  try {
    await writeReps(path.join(dir, "reps.csv"));
    for (const size of SIZES) await writeAccounts(path.join(dir, `accounts-${size}.csv`), size);
    const only = process.argv[process.argv.indexOf("--engine") + 1];
    const engines = process.argv.includes("--engine") && only ? [only] : ["pglite", "postgres"];
    const [load] = loadavg();
    console.log(
      `load average at start: ${load?.toFixed(1)} on ${cpus().length} CPUs (figures fall when others compete)`,
    );
    console.log(
      `import of generated accounts files (${REPS} reps); each run in a fresh process and database`,
    );
    console.log(
      "engine     rows      rows/s   re-import rows/s   RSS before   peak RSS   CPU µs/row (node+server)",
    );
    for (const engine of engines) {
      for (const size of SIZES) {
        const figures =
          engine === "postgres"
            ? await withScratchDatabase((url) => child(engine, dir, size, url))
            : child(engine, dir, size, "");
        console.log(
          `${engine.padEnd(9)} ${String(figures.rows).padStart(7)} ${fmt(figures.rows / figures.seconds).padStart(10)} ${fmt(figures.rows / figures.reimportSeconds).padStart(18)} ${`${figures.rssBeforeMb} MB`.padStart(12)} ${`${figures.peakRssMb} MB`.padStart(10)}   ${figures.nodeCpuUs}+${figures.serverCpuUs ?? "?"}`,
        );
      }
    }
    console.log("target: ≥ 20,000 rows/s on PostgreSQL; peak RSS about the same for 20k and 100k rows");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function child(engine: string, dir: string, size: number, url: string): RunFigures {
  const run = spawnSync(
    process.execPath,
    ["--import", "tsx", "bench/import.ts", "--child", engine, dir, String(size), url],
    {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  if (run.status !== 0) throw new Error(`bench child (${engine}, ${size}) failed`);
  return JSON.parse(run.stdout.trim().split("\n").pop()!) as RunFigures;
}

async function runChild(engine: string, dir: string, size: number, url: string): Promise<RunFigures> {
  const dataDir = engine === "pglite" ? mkdtempSync(path.join(tmpdir(), "retention-bench-db-")) : undefined;
  const database = await openDatabase(engine === "postgres" ? { url } : { dataDir });
  try {
    await database.migrate();
    const workspace = await ensureDefaultWorkspace(database.db);
    const now = new Date();
    await importCsv(database.db, workspace.id, "reps", createReadStream(path.join(dir, "reps.csv")), { now });
    const file = path.join(dir, `accounts-${size}.csv`);
    const rssBefore = process.memoryUsage().rss;
    const serverCpu = engine === "postgres" ? await serverCpuReader(database) : async () => 0;
    const timed = async () => {
      const started = performance.now();
      const result = await importCsv(database.db, workspace.id, "accounts", createReadStream(file), { now });
      if (result.outcome !== "written")
        throw new Error(`import rejected: ${result.errors.slice(0, 3).map((e) => e.problem)}`);
      return { seconds: (performance.now() - started) / 1000, result };
    };
    const [nodeBefore, serverBefore] = [process.cpuUsage(), await serverCpu()];
    const first = await timed();
    const nodeCpu = process.cpuUsage(nodeBefore);
    const serverCpuMs = engine === "postgres" ? (await serverCpu()) - serverBefore : Number.NaN;
    const second = await timed();
    if (second.result.unchanged !== size) throw new Error("re-import was not all unchanged");
    return {
      rows: first.result.inserted,
      seconds: first.seconds,
      reimportSeconds: second.seconds,
      nodeCpuUs: Math.round((nodeCpu.user + nodeCpu.system) / size),
      serverCpuUs: Number.isFinite(serverCpuMs) ? Math.round((serverCpuMs * 1000) / size) : null,
      rssBeforeMb: Math.round(rssBefore / 2 ** 20),
      peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    };
  } finally {
    await database.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }
}

/**
 * Reads the CPU time (ms) the server's backends for this database have used, from /proc: a figure
 * that other load on the machine disturbs far less than rows per second. NaN when the server is
 * not on this machine.
 */
async function serverCpuReader(database: Database): Promise<() => Promise<number>> {
  const ticksPerMs = 100 / 1000; // USER_HZ is 100 on Linux
  return async () => {
    const rows = await queryRows<{ pid: number }>(
      database.db,
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
    return ticks / ticksPerMs;
  };
}

async function withScratchDatabase<T>(fn: (url: string) => T | Promise<T>): Promise<T> {
  const name = `retention_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  try {
    const url = new URL(baseUrl);
    url.pathname = `/${name}`;
    return await fn(url.toString());
  } finally {
    await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
  }
}

async function writeReps(file: string): Promise<void> {
  await writeLines(file, "email,name,timezone,role", function* () {
    for (let i = 0; i < REPS; i++) yield `rep${i}@bench.test,Rep ${i},Europe/Berlin,rep`;
  });
}

async function writeAccounts(file: string, size: number): Promise<void> {
  let seed = 42;
  const random = () => {
    seed = (seed * 1664525 + 1013904223) % 2 ** 32;
    return seed / 2 ** 32;
  };
  await writeLines(
    file,
    "external_id,name,owner_email,annual_revenue,gross_profit,status,customer_since,last_contact_at,contact_name,contact_email",
    function* () {
      for (let i = 0; i < size; i++) {
        const revenue = Math.round(Math.exp(10 + 1.6 * gaussian(random)));
        const day = String(1 + Math.floor(random() * 28)).padStart(2, "0");
        yield `ACC-${i},"Company ${i}, Ltd",rep${i % REPS}@bench.test,${revenue},${Math.round(revenue * 0.3)},active,2020-01-${day},2026-01-${day}T10:00:00Z,Contact ${i},c${i}@customer.test`;
      }
    },
  );
}

function gaussian(random: () => number): number {
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** Writes lines to a file with backpressure, so that generating 100,000 rows stays small in memory. */
async function writeLines(file: string, header: string, lines: () => Generator<string>): Promise<void> {
  const out = createWriteStream(file);
  out.write(`${header}\n`);
  for (const line of lines()) {
    if (!out.write(`${line}\n`)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
}

function fmt(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}
