/**
 * The service's HTTP server. Adapters (health, metrics, Slack, Teams) register routes; anything
 * else is 404. Whatever a request holds, it ends in a coded answer and never ends the process: a
 * request target that is no URL is 400, a body over the limit 413, a route that throws 500.
 */
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { Logger } from "pino";

export interface Route {
  method: "GET" | "POST";
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  handle(req: IncomingMessage, res: ServerResponse): void | Promise<void>;
}

export interface HttpServer {
  server: http.Server;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

/** Bodies above this are refused before they are read (a route may set a lower limit). */
export const MAX_BODY_BYTES = 1_000_000;

export interface HttpServerOptions {
  /** Called once per answered request, with the route's path (or `unmatched`) and the seconds spent. */
  observe?: (route: string, method: string, status: number, seconds: number) => void;
}

export function createHttpServer(
  routes: Route[],
  logger: Logger,
  options: HttpServerOptions = {},
): HttpServer {
  const server = http.createServer((req, res) => {
    const started = performance.now();
    let routeName = "unmatched";
    res.once("finish", () =>
      options.observe?.(routeName, req.method ?? "", res.statusCode, (performance.now() - started) / 1000),
    );
    const pathname = pathOf(req.url);
    if (pathname === undefined) {
      req.resume();
      sendError(res, 400, "BAD_REQUEST_TARGET", "the request target is not a valid path");
      return;
    }
    const route = routes.find((r) => r.method === req.method && matches(r.path, pathname));
    if (!route) {
      req.resume();
      const allowed = routes.some((r) => matches(r.path, pathname));
      if (allowed) sendError(res, 405, "METHOD_NOT_ALLOWED", "method not allowed");
      else sendError(res, 404, "NOT_FOUND", "not found");
      return;
    }
    routeName = route.path;
    if (declaredLength(req) > MAX_BODY_BYTES) {
      refuseTooLarge(res);
      return;
    }
    Promise.resolve()
      .then(() => route.handle(req, res))
      .catch((err: unknown) => {
        logger.error({ err, path: pathname }, "request failed");
        if (!res.headersSent) sendError(res, 500, "INTERNAL", "internal error");
        else res.end();
      });
  });
  server.keepAliveTimeout = 65_000;
  // Malformed HTTP (a bad request line, oversized headers) is answered 400 and the socket closed.
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    logger.debug({ code: err.code }, "malformed HTTP request refused");
    if (socket.writable) {
      const body = JSON.stringify({ error: "malformed HTTP request", code: "BAD_REQUEST_HTTP" });
      socket.end(
        `HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
      );
    } else socket.destroy();
  });
  return {
    server,
    listen: (port, host) =>
      new Promise((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => {
          const address = server.address();
          resolve(typeof address === "object" && address ? address.port : port);
        });
      }),
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeIdleConnections();
      }),
  };
}

/** The path of a request target, or undefined when the target is not a URL (`//a:b/`, `http://[/`). */
export function pathOf(target: string | undefined): string | undefined {
  try {
    return new URL(target ?? "/", "http://localhost").pathname;
  } catch {
    return undefined;
  }
}

function matches(pattern: string, pathname: string): boolean {
  return pattern.endsWith("*") ? pathname.startsWith(pattern.slice(0, -1)) : pattern === pathname;
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
