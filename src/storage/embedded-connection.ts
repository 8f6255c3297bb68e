/**
 * One client connection to the embedded database's owner: PostgreSQL wire protocol in, PGlite's
 * raw protocol out (see embedded-server.ts for how the owner is chosen).
 */
import type { Socket } from "node:net";
import type { PGlite } from "@electric-sql/pglite";

/** A client that holds the database inside a transaction and goes silent this long is cut off. */
const IDLE_IN_TRANSACTION_MS = 60_000;

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

/**
 * Frames the client's bytes into whole messages and hands them to PGlite. PGlite is one session,
 * so a client holds it exclusively (both of PGlite's own locks, as its `transaction` does) from
 * its first message until PGlite says it is idle again (ReadyForQuery 'I'): the service's own
 * queries interleave between the client's transactions, never inside them.
 */
export class Connection {
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
