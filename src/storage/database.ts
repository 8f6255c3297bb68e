/**
 * Opens the database: PostgreSQL through `pg` when a URL is given, the embedded PGlite otherwise.
 * Both sit behind the same drizzle API, so no other module knows which one it has. An embedded
 * data directory has one owner process, which serves it to the others (see embedded-server.ts).
 */
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { PGlite } from "@electric-sql/pglite";
import { type SQL, sql } from "drizzle-orm";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import type { PgDatabase, PgQueryResultHKT } from "drizzle-orm/pg-core";
import { drizzle as drizzlePglite } from "drizzle-orm/pglite";
import { migrate as migratePglite } from "drizzle-orm/pglite/migrator";
import pg from "pg";
import { claimDataDir } from "./embedded-server.js";
import { migratedTemplate } from "./pglite-template.js";
import * as schema from "./schema.js";

export type Db = PgDatabase<PgQueryResultHKT, typeof schema>;
/** A transaction or the database itself: repositories accept either. */
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0] | Db;

export interface DatabaseOptions {
  url?: string | undefined;
  dataDir?: string | undefined;
  poolSize?: number;
  statementTimeoutMs?: number;
  connectTimeoutMs?: number;
  /**
   * When another process already owns the embedded data directory: "share" connects through it
   * (the CLI beside the running service), "refuse" throws EmbeddedDatabaseBusyError (a second
   * service). Default "share".
   */
  whenOwned?: "share" | "refuse";
  /** Who this process is, shown to a process that finds the directory taken ("service", "cli"). */
  role?: string;
}

/** The embedded data directory is owned by another live process. */
export class EmbeddedDatabaseBusyError extends Error {
  constructor(dataDir: string, owner: { pid: number; role: string } | undefined) {
    const who = owner ? `another retention ${owner.role} (pid ${owner.pid})` : "another retention process";
    super(
      `${who} already uses the embedded database in ${dataDir}; stop it first, or give each process its own DATA_DIR, or point both at PostgreSQL with DATABASE_URL`,
    );
  }
}

export interface Database {
  db: Db;
  kind: "postgres" | "pglite";
  /** Applies the migrations in `migrations/`. */
  migrate(): Promise<void>;
  /** True when a trivial query answers within `timeoutMs`. */
  ping(timeoutMs?: number): Promise<boolean>;
  /** The connection pool's use (PostgreSQL only), for /metrics. */
  poolUse?(): { total: number; idle: number; waiting: number };
  close(): Promise<void>;
}

export const migrationsFolder = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  // src/storage → project root; dist/src/storage → project root
  import.meta.url.includes("/dist/") ? "../../../migrations" : "../../migrations",
);

export async function openDatabase(options: DatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url, options);
  if (options.dataDir === undefined || options.dataDir === ":memory:") return openPglite(undefined);
  return openEmbedded(options.dataDir, options);
}

/** Opens PGlite in `dataDir` as its one owner, or connects to the process that owns it. */
async function openEmbedded(dataDir: string, options: DatabaseOptions): Promise<Database> {
  const claim = await claimDataDir(dataDir, options.role ?? "process");
  if (!claim.owned) {
    if (options.whenOwned === "refuse")
      throw new EmbeddedDatabaseBusyError(path.resolve(dataDir), claim.owner);
    // PGlite is one session, so more than one connection from here would only queue at the owner.
    const shared = openPostgres(
      `postgresql://postgres@/postgres?host=${encodeURIComponent(claim.socketDir)}&port=${claim.port}`,
      { ...options, poolSize: 1 },
    );
    return { ...shared, kind: "pglite" };
  }
  try {
    const database = await openPglite(path.resolve(dataDir));
    claim.owned.serve(database.client);
    return {
      ...database,
      close: async () => {
        await claim.owned.release();
        await database.close();
      },
    };
  } catch (err) {
    await claim.owned.release();
    throw err;
  }
}

function openPostgres(url: string, options: DatabaseOptions): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: options.connectTimeoutMs ?? 5_000,
    statement_timeout: options.statementTimeoutMs ?? 30_000,
    idleTimeoutMillis: 30_000,
  });
  // An idle client losing its server must not crash the process; the next query reconnects.
  pool.on("error", () => {});
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  let closed = false;
  return {
    db,
    kind: "postgres",
    migrate: async () => {
      await migratePg(drizzlePg({ client: pool, schema }), { migrationsFolder });
    },
    ping: (timeoutMs = 2_000) => withTimeout(db.execute(sql`select 1`), timeoutMs),
    poolUse: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: async () => {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}

/** Opens PGlite in `dataDir` (in memory when undefined); a fresh one starts from the template. */
async function openPglite(dataDir: string | undefined): Promise<Database & { client: PGlite }> {
  const fresh = dataDir === undefined || !existsSync(path.join(dataDir, "PG_VERSION"));
  const loadDataDir = fresh ? await migratedTemplate(migrationsFolder) : undefined;
  const client = new PGlite(dataDir, loadDataDir ? { loadDataDir } : {});
  await client.waitReady;
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    client,
    db,
    kind: "pglite",
    migrate: async () => {
      await migratePglite(drizzlePglite({ client, schema }), { migrationsFolder });
    },
    ping: (timeoutMs = 2_000) =>
      client.closed ? Promise.resolve(false) : withTimeout(client.query("select 1"), timeoutMs),
    close: async () => {
      if (!client.closed) await client.close();
    },
  };
}

async function withTimeout(query: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([query.then(() => true as const), timeout]);
  } catch {
    return false;
  } finally {
    clearTimeout(timer);
  }
}

/** Runs raw SQL and returns its rows (both drivers answer `{ rows }`). */
export async function queryRows<T>(db: Tx, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}
