import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { sql } from "drizzle-orm";
import pg from "pg";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { type Database, openDatabase, queryRows } from "../../src/storage/database.js";
import { claimDataDir, lastReadyStatus } from "../../src/storage/embedded-server.js";

const dirs: string[] = [];
const opened: { close(): Promise<void> }[] = [];

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "retention-embedded-"));
  dirs.push(dir);
  return dir;
}

async function owner(dataDir: string): Promise<Database> {
  const database = await openDatabase({ dataDir, role: "service", whenOwned: "refuse" });
  opened.push(database);
  await database.db.execute(sql`create table notes (text text not null)`);
  return database;
}

/** A raw `pg` client on the owner's socket, as the CLI's pool would open. */
async function clientOf(dataDir: string): Promise<pg.Client> {
  const client = new pg.Client({ host: dataDir, port: 5432, user: "postgres", database: "postgres" });
  client.on("error", () => {});
  await client.connect();
  opened.push({ close: () => client.end().catch(() => {}) });
  return client;
}

async function notes(database: Database): Promise<string[]> {
  const rows = await queryRows<{ text: string }>(database.db, sql`select text from notes order by text`);
  return rows.map((r) => r.text);
}

describe("the embedded database's owner serves other processes", { timeout: 120_000 }, () => {
  afterEach(async () => {
    for (const o of opened.splice(0).reverse()) await o.close();
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("when two processes claim one fresh DATA_DIR at once, exactly one owns it and the other is told where to connect", async () => {
    const dataDir = freshDataDir();
    const claims = await Promise.all([claimDataDir(dataDir, "cli"), claimDataDir(dataDir, "cli")]);
    for (const c of claims) if (c.owned) opened.push({ close: () => c.owned.release() });
    expect(claims.filter((c) => c.owned).length).toBe(1);
    const other = claims.find((c) => !c.owned);
    expect(other).toMatchObject({ socketDir: dataDir, port: 5432, owner: { pid: process.pid, role: "cli" } });
  });

  it("when a second process opens the same DATA_DIR, it reads and writes the owner's database", async () => {
    const dataDir = freshDataDir();
    const service = await owner(dataDir);
    const cli = await openDatabase({ dataDir, role: "cli" });
    opened.push(cli);
    await cli.db.execute(sql`insert into notes values ('from the cli')`);
    await service.db.execute(sql`insert into notes values ('from the service')`);
    expect(await notes(service)).toEqual(["from the cli", "from the service"]);
    expect(await notes(cli)).toEqual(["from the cli", "from the service"]);
  });

  it("when a client holds a transaction, the owner's own queries wait for its commit instead of running inside it", async () => {
    const dataDir = freshDataDir();
    const service = await owner(dataDir);
    const client = await clientOf(dataDir);
    await client.query("begin");
    await client.query("insert into notes values ('in the transaction')");
    const events: string[] = [];
    const read = notes(service).then((rows) => {
      events.push(`owner read ${rows.length}`);
    });
    await client.query("insert into notes values ('still in it')");
    events.push("client commits");
    await client.query("commit");
    await read;
    expect(events).toEqual(["client commits", "owner read 2"]);
  });

  it("when a client disconnects inside a transaction, its writes are rolled back and the owner goes on", async () => {
    const dataDir = freshDataDir();
    const service = await owner(dataDir);
    const client = await clientOf(dataDir);
    await client.query("begin");
    await client.query("insert into notes values ('never committed')");
    const ended = new Promise((resolve) => client.once("end", resolve));
    (client as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    await ended;
    expect(await notes(service)).toEqual([]);
    await service.db.execute(sql`insert into notes values ('after')`);
    expect(await notes(service)).toEqual(["after"]);
  });

  it("when a client's statement fails, the client gets the error and the database stays usable for both", async () => {
    const dataDir = freshDataDir();
    const service = await owner(dataDir);
    const client = await clientOf(dataDir);
    await expect(client.query("insert into notes values (null)")).rejects.toThrow(/null value/);
    await client.query("insert into notes values ($1)", ["ok"]);
    expect(await notes(service)).toEqual(["ok"]);
  });

  it("when the owner closes, its DATA_DIR can be owned again by the next process", async () => {
    const dataDir = freshDataDir();
    const first = await openDatabase({ dataDir, role: "service", whenOwned: "refuse" });
    await first.db.execute(sql`create table kept (n int)`);
    await first.db.execute(sql`insert into kept values (7)`);
    await first.close();
    const next = await openDatabase({ dataDir, role: "service", whenOwned: "refuse" });
    opened.push(next);
    expect(await queryRows(next.db, sql`select n from kept`)).toEqual([{ n: 7 }]);
  });
});

describe("lastReadyStatus", () => {
  it("reads the transaction status of the last ReadyForQuery in a reply, and none when there is none", () => {
    const ready = (status: string) => Buffer.from([0x5a, 0, 0, 0, 5, status.charCodeAt(0)]);
    const complete = Buffer.from([0x43, 0, 0, 0, 13, ...Buffer.from("SELECT 1\0")]);
    expect(lastReadyStatus(Buffer.concat([complete, ready("T"), complete, ready("I")]))).toBe("I");
    expect(lastReadyStatus(Buffer.concat([ready("I"), complete, ready("E")]))).toBe("E");
    expect(lastReadyStatus(complete)).toBeUndefined();
    expect(lastReadyStatus(new Uint8Array())).toBeUndefined();
  });
});
