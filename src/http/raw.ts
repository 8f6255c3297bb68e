/**
 * Helpers for routes that work on Node's raw request and response (Bolt's and botbuilder's
 * handlers, and any route registered as a `Route`): coded JSON answers, body limits, reading.
 */
import type { IncomingMessage, ServerResponse } from "node:http";

/** Bodies above this are refused before they are read (a route may set a lower limit). */
export const MAX_BODY_BYTES = 1_000_000;

/** The path of a request target, or undefined when the target is not a URL (`//a:b/`, `http://[/`). */
export function pathOf(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

/** The declared content-length, or 0 when there is none (a chunked body is counted as read). */
export function declaredLength(req: IncomingMessage): number {
  const value = Number(req.headers["content-length"] ?? 0);
  return Number.isFinite(value) ? value : Number.POSITIVE_INFINITY;
}

export function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

/** A coded error answer: `{ "error": message, "code": CODE }`. */
export function sendError(res: ServerResponse, status: number, code: string, message: string): void {
  sendJson(res, status, { error: message, code });
}

/** 413, and the connection closed so that the rest of the body is not read. */
export function refuseTooLarge(res: ServerResponse): void {
  res.setHeader("connection", "close");
  sendError(res, 413, "BODY_TOO_LARGE", "request body too large");
}

export class BodyTooLargeError extends Error {
  readonly code = "BODY_TOO_LARGE";
  constructor() {
    super("request body too large");
  }
}

/** Reads a request body up to `limit` bytes; rejects with BodyTooLargeError beyond it. */
export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    req.on("data", (chunk: Buffer) => {
      if (done) return;
      size += chunk.length;
      if (size > limit) {
        done = true;
        reject(new BodyTooLargeError());
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on("end", () => {
      if (!done) resolve(Buffer.concat(chunks));
    });
    req.on("error", reject);
  });
}
