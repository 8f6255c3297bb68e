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
import { connect, createServer, type Server } from "node:net";
import path from "node:path";
import type { PGlite } from "@electric-sql/pglite";
import { Connection } from "./embedded-connection.js";

export { lastReadyStatus } from "./embedded-connection.js";

/** The port number in the socket's name, as libpq and `pg` expect: `<dir>/.s.PGSQL.<port>`. */
export const EMBEDDED_SOCKET_PORT = 5432;
const SOCKET_NAME = `.s.PGSQL.${EMBEDDED_SOCKET_PORT}`;
const OWNER_FILE = "owner.json";
/** Longest unix socket path Linux accepts (sun_path is 108 bytes with its NUL). */
const MAX_SOCKET_PATH = 107;

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
