/**
 * One owner for an embedded (PGlite) data directory. The first process to open it claims it by
 * binding a unix socket, `DATA_DIR/.s.PGSQL.5432`, and serves the PostgreSQL wire protocol from
 * its PGlite there; any later process (the CLI beside the running service) connects to that
 * socket with `pg` like to any PostgreSQL, so there is never a second writer on the directory.
 *
 * The claim's liveness is the socket itself: a live owner accepts connections, while the socket
 * file a SIGKILLed owner leaves behind refuses them, so a stale claim is detected and taken over.
 * Claiming is atomic (`link` of a freshly bound socket onto the well-known name), and taking over
 * a stale one is serialised by a short-lived `mkdir` lock, so two starters never both win.
 */
import { randomBytes } from "node:crypto";
import { linkSync, mkdirSync, readFileSync, rmdirSync, statSync, unlinkSync, writeFileSync } from "node:fs";
import { connect, createServer, type Server, type Socket } from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";

/** The port number in the socket's name, as libpq and `pg` expect: `<dir>/.s.PGSQL.<port>`. */
export const EMBEDDED_SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`;
const OWNER_FILE = "owner.json";
/** Longest unix socket path Linux accepts (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;
/** A client that holds the database inside a transaction and goes silent this long is cut off. */
const IDLE_IN_TRANSACTION_MS = 60_000;

export interface OwnerInfo {
  pid: number;
  role: string;
  since: string;
}

export interface DataDirClaim {
  /** Starts answering clients from `db`; connections that arrived earlier wait for it. */
  serve(db: PGlite): void;
  /** Stops serving (rolling back any open client transaction) and gives the directory up. */
  release(): Promise<void>;
}

export type ClaimResult =
  | { owned: DataDirClaim }
  | { owned: undefined; socketDir: string; port: number; owner: OwnerInfo | undefined };

/** Claims `dataDir` for this process, or says who owns it and where to connect. */
export async function claimDataDir(dataDir: string, role: string): Promise<ClaimResult> {
  const dir = path.resolve(dataDir);
  mkdirSync(dir, { recursive: true });
  const socketPath = path.join(dir, SOCKET_NAME);
  const tempPath = `${socketPath}.${process.pid}.${randomBytes(3).toString("hex")}`;
  if (Buffer.byteLength(tempPath) > MAX_SOCKET_PATH) {
    throw new Error(
      `DATA_DIR ${dir} is too long a path for the embedded database's socket (${MAX_SOCKET_PATH} bytes at most with its name); use a shorter DATA_DIR or set DATABASE_URL`,
    );
  }
  const served = new Deferred<PGlite>();
  const connections = new Set<Connection>();
  const server = createServer((socket) => {
    const connection = new Connection(socket, served.promise);
    connections.add(connection);
    socket.once("close", () => connections.delete(connection));
  });
  await listen(server, tempPath);

  for (let attempt = 0; ; attempt++) {
    try {
      linkSync(tempPath, socketPath);
    } catch (err) {
      if (!isCode(err, "EEXIST") || attempt >= 20) {
        await closeServer(server, tempPath);
        throw err;
      }
      if (await answers(socketPath)) {
        await closeServer(server, tempPath);
        return { owned: undefined, socketDir: dir, port: EMBEDDED_SOCKET_PORT, owner: readOwner(dir) };
      }
      await removeStaleSocket(socketPath);
      continue;
    }
    unlinkQuietly(tempPath);
    const inode = statSync(socketPath).ino;
    const info: OwnerInfo = { pid: process.pid, role, since: new Date().toISOString() };
    writeFileSync(path.join(dir, OWNER_FILE), `${JSON.stringify(info)}\n`);
    let released: Promise<void> | undefined;
    return {
      owned: {
        serve: (db) => served.resolve(db),
        release: () => {
          released ??= (async () => {
            if (inodeOf(socketPath) === inode) {
              unlinkQuietly(path.join(dir, OWNER_FILE));
              unlinkQuietly(socketPath);
            }
            const closing = closeServer(server, tempPath);
            await Promise.all([...connections].map((c) => c.close()));
            await closing;
          })();
          return released;
        },
      },
    };
  }
}

/** Whether a process accepts connections on `socketPath` (a timeout counts as alive: never steal). */
function answers(socketPath: string): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(socketPath);
    const timer = setTimeout(() => finish(true), 2_000);
    function finish(alive: boolean) {
      clearTimeout(timer);
      socket.destroy();
      resolve(alive);
    }
    socket.once("connect", () => finish(true));
    socket.once("error", () => finish(false));
  });
}

/** Removes a socket nobody answers on, under a lock so that two takers cannot race. */
async function removeStaleSocket(socketPath: string): Promise<void> {
  const lock = `${socketPath}.takeover`;
  try {
    mkdirSync(lock);
  } catch (err) {
    if (!isCode(err, "EEXIST")) throw err;
    // Another process is taking over; a lock older than a few seconds was left by a crash.
    const age = Date.now() - (statSafe(lock)?.mtimeMs ?? 0);
    if (age > 5_000) rmdirQuietly(lock);
    else await new Promise((resolve) => setTimeout(resolve, 50));
    return;
  }
  try {
    if (!(await answers(socketPath))) unlinkQuietly(socketPath);
  } finally {
    rmdirQuietly(lock);
  }
}

function readOwner(dir: string): OwnerInfo | undefined {
  try {
    return JSON.parse(readFileSync(path.join(dir, OWNER_FILE), "utf8")) as OwnerInfo;
  } catch {
    return undefined;
  }
}

// --- One client connection: PostgreSQL wire protocol in, PGlite's raw protocol out. ---

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/**
 * Frames the client's bytes into whole messages and hands them to PGlite. PGlite is one session,
 * so a client holds it exclusively (both of PGlite's own locks, as its `transaction` does) from
 * its first message until PGlite says it is idle again (ReadyForQuery 'I'): the service's own
 * queries interleave between the client's transactions, never inside them.
 */
class Connection {
  private pending = Buffer.alloc(0);
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  private unlock: (() => void) | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly socket: Socket,
    private readonly db: Promise<PGlite>,
  ) {
    socket.on("data", (data) => {
      this.pending = this.pending.length === 0 ? data : Buffer.concat([this.pending, data]);
      this.enqueue(() => this.pump());
    });
    socket.on("error", () => socket.destroy());
    socket.once("close", () => void this.close());
  }

  /** Ends the connection; an open transaction is rolled back before PGlite is given back. */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.socket.destroy();
      this.enqueue(() => this.rollbackAndUnlock());
      await this.chain;
    })();
    return this.closed;
  }

  private enqueue(step: () => Promise<void>): void {
    this.chain = this.chain.then(step).catch(() => {
      this.socket.destroy();
    });
  }

  private async pump(): Promise<void> {
    if (this.socket.destroyed) return;
    if (!this.started) {
      if (this.pending.length < 8) return;
      const length = this.pending.readInt32BE(0);
      if (length < 8 || length > 10_000) throw new Error("bad startup packet");
      if (this.pending.length < length) return;
      const code = this.pending.readInt32BE(4);
      const message = this.take(length);
      if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
        this.socket.write("N");
        return this.pump();
      }
      if (code === CANCEL_REQUEST) throw new Error("cancel requests are not supported");
      this.started = true;
      await this.execute(message);
      return this.pump();
    }
    let end = 0;
    let terminate = false;
    while (this.pending.length - end >= 5) {
      const length = this.pending.readInt32BE(end + 1);
      if (length < 4) throw new Error("bad message length");
      if (this.pending.length - end < 1 + length) break;
      if (this.pending[end] === 0x58 /* 'X' Terminate */) {
        terminate = true;
        break;
      }
      end += 1 + length;
    }
    if (end > 0) await this.execute(this.take(end));
    if (terminate) await this.close();
  }

  private take(length: number): Buffer {
    const head = this.pending.subarray(0, length);
    this.pending = this.pending.subarray(length);
    return head;
  }

  private async execute(messages: Buffer): Promise<void> {
    const db = await this.db;
    if (!this.unlock) this.unlock = await lockExclusively(db);
    this.armIdleTimer();
    const reply = await db.execProtocolRaw(new Uint8Array(messages));
    if (reply.length > 0 && !this.socket.destroyed) this.socket.write(reply);
    if (lastReadyStatus(reply) === "I") this.releaseLock();
  }

  private async rollbackAndUnlock(): Promise<void> {
    if (!this.unlock) return;
    try {
      const db = await this.db;
      // Sync ends any half-sent extended query; ROLLBACK ends a transaction (a no-op outside one).
      await db.execProtocolRaw(new Uint8Array(Buffer.concat([syncMessage(), queryMessage("ROLLBACK")])));
    } finally {
      this.releaseLock();
    }
  }

  private releaseLock(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    const unlock = this.unlock;
    this.unlock = undefined;
    unlock?.();
  }

  private armIdleTimer(): void {
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.socket.destroy(), IDLE_IN_TRANSACTION_MS);
    this.idleTimer.unref();
  }
}

/** Takes PGlite's transaction and query locks (in the order its own `query` does) until released. */
function lockExclusively(db: PGlite): Promise<() => void> {
  return new Promise((acquired) => {
    void db._runExclusiveTransaction(() =>
      db._runExclusiveQuery(() => new Promise<void>((release) => acquired(release))),
    );
  });
}

/** The transaction status of the last ReadyForQuery in a reply ('I', 'T', 'E'), if any. */
export function lastReadyStatus(reply: Uint8Array): string | undefined {
  const view = Buffer.from(reply.buffer, reply.byteOffset, reply.byteLength);
  let status: string | undefined;
  let at = 0;
  while (at + 5 <= view.length) {
    const length = view.readInt32BE(at + 1);
    if (length < 4) break;
    if (view[at] === 0x5a /* 'Z' */ && at + 5 < view.length) status = String.fromCharCode(view[at + 5]!);
    at += 1 + length;
  }
  return status;
}

function syncMessage(): Buffer {
  return Buffer.from([0x53, 0, 0, 0, 4]);
}

function queryMessage(text: string): Buffer {
  const body = Buffer.from(`${text}\0`, "utf8");
  const head = Buffer.alloc(5);
  head[0] = 0x51; // 'Q'
  head.writeInt32BE(4 + body.length, 1);
  return Buffer.concat([head, body]);
}

// --- Small helpers. ---

class Deferred<T> {
  resolve!: (value: T) => void;
  readonly promise = new Promise<T>((resolve) => {
    this.resolve = resolve;
  });
}

function listen(server: Server, socketPath: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(socketPath, () => {
      server.off("error", reject);
      resolve();
    });
  });
}

function closeServer(server: Server, tempPath: string): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    unlinkQuietly(tempPath);
  });
}

function isCode(err: unknown, code: string): boolean {
  return (err as NodeJS.ErrnoException | undefined)?.code === code;
}

function inodeOf(file: string): number | undefined {
  return statSafe(file)?.ino;
}

function statSafe(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}

function unlinkQuietly(file: string): void {
  try {
    unlinkSync(file);
  } catch {}
}

function rmdirQuietly(dir: string): void {
  try {
    rmdirSync(dir);
  } catch {}
}
