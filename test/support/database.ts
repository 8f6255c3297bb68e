/**
 * One database per test file: an in-memory PGlite, or (in the `postgres` project) a fresh
 * database on the TEST_DATABASE_URL server. Tables are emptied before each test.
 */
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, beforeEach } from "vitest";
import { type Database, type Db, openDatabase, queryRows } from "../../src/storage/database.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";

export const onPostgres = process.env.TEST_DB_KIND === "postgres";

export interface TestDatabase {
  readonly database: Database;
  readonly db: Db;
  /** The default workspace's id, re-created empty before each test. */
  readonly workspaceId: number;
  /** Connection string of this file's database (postgres project only). */
  readonly url: string | undefined;
}

/** Opens a migrated database for this file. */
export async function openTestDatabase(): Promise<{
  database: Database;
  url: string | undefined;
  drop(): Promise<void>;
}> {
  if (!onPostgres) {
    const database = await openDatabase({ dataDir: ":memory:" });
    await database.migrate();
    return { database, url: undefined, drop: () => database.close() };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const name = `rt_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = replaceDatabaseName(base, name);
  const database = await openDatabase({ url, poolSize: 10 });
  await database.migrate();
  return {
    database,
    url,
    drop: async () => {
      await database.close();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`drop database if exists ${name} with (force)`);
      await c.end();
    },
  };
}

export function replaceDatabaseName(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/** Registers hooks that give this file a database and empty it before every test. */
export function useTestDatabase(): TestDatabase {
  let opened: Awaited<ReturnType<typeof openTestDatabase>> | undefined;
  let workspaceId = 0;
  beforeAll(async () => {
    opened = await openTestDatabase();
  });
  afterAll(async () => {
    await opened?.drop();
  });
  const current = () => {
    if (!opened) throw new Error("the test database is opened in beforeAll; use it inside a test or hook");
    return opened;
  };
  beforeEach(async () => {
    await truncateAll(current().database.db);
    workspaceId = (await ensureDefaultWorkspace(current().database.db)).id;
  });
  return {
    get database() {
      return current().database;
    },
    get db() {
      return current().database.db;
    },
    get workspaceId() {
      return workspaceId;
    },
    get url() {
      return current().url;
    },
  };
}

export async function truncateAll(db: Db): Promise<void> {
  const tables = await queryRows<{ tablename: string }>(
    db,
    sql`select tablename from pg_tables where schemaname = 'public'`,
  );
  const names = tables.map((r) => `"${r.tablename}"`).join(", ");
  if (names) await db.execute(sql.raw(`truncate ${names} restart identity cascade`));
}
