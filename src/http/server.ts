/**
 * The service's HTTP server, on Fastify (docs/decisions/0009-fastify.md). Two kinds of routes:
 * - `Route`s work on Node's raw request and response (Bolt's and botbuilder's handlers, health,
 *   metrics): Fastify routes the request, does not read its body, and hands it over.
 * - `register` adds native Fastify routes (the web pages), with Fastify's body parsing and limits.
 * Whatever a request holds, it ends in a coded answer and never ends the process: a request target
 * that is no URL is 400, a body over the limit 413, a route that throws 500.
 */
import type http from "node:http";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  LogController,
} from "fastify";
import type { Logger } from "pino";
import { declaredLength, MAX_BODY_BYTES, pathOf, refuseTooLarge, sendError } from "./raw.js";

export {
  BodyTooLargeError,
  declaredLength,
  MAX_BODY_BYTES,
  pathOf,
  readBody,
  refuseTooLarge,
  sendError,
  sendJson,
} from "./raw.js";

export interface Route {
  method: "GET" | "POST";
  /** Exact path, or a prefix when it ends with `*`. */
  path: string;
  handle(req: http.IncomingMessage, res: http.ServerResponse): void | Promise<void>;
}

export interface HttpServer {
  server: http.Server;
  /** The Fastify instance (tests use `app.inject`). */
  app: FastifyInstance;
  listen(port: number, host?: string): Promise<number>;
  close(): Promise<void>;
}

export interface HttpServerOptions {
  /** Called once per answered request, with the route's path (or `unmatched`) and the seconds spent. */
  observe?: (route: string, method: string, status: number, seconds: number) => void;
  /** Adds native Fastify routes and plugins (pages, forms); runs before the server is ready. */
  register?: (app: FastifyInstance) => void | Promise<void>;
}

export function createHttpServer(
  routes: Route[],
  logger: Logger,
  options: HttpServerOptions = {},
): HttpServer {
  const app = Fastify({
    // Fastify logs at warn and above only: its "Server listening" line would come before ours.
    loggerInstance: logger.child({}, { level: "warn" }) as FastifyBaseLogger,
    logController: new LogController({ disableRequestLogging: true }),
    // A request target that is no URL (`http://[/`) is refused with our code.
    frameworkErrors: (err, _request, reply) => {
      const answer = reply as unknown as FastifyReply;
      if (err.code === "FST_ERR_BAD_URL") {
        answer
          .code(400)
          .send({ error: "the request target is not a valid path", code: "BAD_REQUEST_TARGET" });
      } else answer.code(400).send({ error: "bad request", code: "BAD_REQUEST" });
    },
    bodyLimit: MAX_BODY_BYTES,
    keepAliveTimeout: 65_000,
    // Malformed HTTP (a bad request line, oversized headers) is answered 400 and the socket closed.
    clientErrorHandler: (err: NodeJS.ErrnoException, socket) => {
      logger.debug({ code: err.code }, "malformed HTTP request refused");
      if (socket.writable) {
        const body = JSON.stringify({ error: "malformed HTTP request", code: "BAD_REQUEST_HTTP" });
        socket.end(
          `HTTP/1.1 400 Bad Request\r\nconnection: close\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
        );
      } else socket.destroy();
    },
  });
  const started = new WeakMap<object, number>();
  app.addHook("onRequest", async (request, reply) => {
    started.set(request.raw, performance.now());
    if (pathOf(request.raw.url) === undefined) {
      return reply
        .code(400)
        .send({ error: "the request target is not a valid path", code: "BAD_REQUEST_TARGET" });
    }
  });
  app.addHook("onResponse", async (request, reply) => {
    const since = started.get(request.raw) ?? performance.now();
    const route = request.is404 ? "unmatched" : (request.routeOptions.url ?? "unmatched");
    options.observe?.(route, request.method, reply.statusCode, (performance.now() - since) / 1000);
  });
  app.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.name === "ZodError") {
      return reply.code(400).send({ error: "the request's input is not valid", code: "BAD_INPUT" });
    }
    const status = err.statusCode ?? 500;
    if (status >= 500) {
      request.log.error({ err, path: pathOf(request.raw.url) }, "request failed");
      return reply.code(500).send({ error: "internal error", code: "INTERNAL" });
    }
    if (status === 413) {
      reply.header("connection", "close");
      return reply.code(413).send({ error: "request body too large", code: "BODY_TOO_LARGE" });
    }
    return reply.code(status).send({ error: err.message, code: err.code ?? "BAD_REQUEST" });
  });
  const rawPaths: string[] = [];
  app.setNotFoundHandler((request, reply) => {
    const pathname = pathOf(request.raw.url) ?? "";
    const allowed =
      rawPaths.some((p) => matches(p, pathname)) || app.hasRoute({ url: pathname, method: "GET" });
    if (allowed) return reply.code(405).send({ error: "method not allowed", code: "METHOD_NOT_ALLOWED" });
    return reply.code(404).send({ error: "not found", code: "NOT_FOUND" });
  });

  // Raw routes: the body is left unread on the request for the route's own handler.
  app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser("*", (_request, _payload, done) => done(null, undefined));
    for (const route of routes) {
      rawPaths.push(route.path);
      scope.route({
        method: route.method,
        url: route.path,
        handler: async (request, reply) => {
          reply.hijack();
          const { raw: req } = request;
          const res = reply.raw;
          if (declaredLength(req) > MAX_BODY_BYTES) {
            req.resume();
            refuseTooLarge(res);
            return;
          }
          try {
            await route.handle(req, res);
          } catch (err) {
            logger.error({ err, path: pathOf(req.url) }, "request failed");
            if (!res.headersSent) sendError(res, 500, "INTERNAL", "internal error");
            else res.end();
          }
        },
      });
    }
  });
  if (options.register) app.register(async (scope) => options.register?.(scope));

  return {
    server: app.server,
    app,
    listen: async (port, host) => {
      await app.listen({ port, host: host ?? "0.0.0.0" });
      const address = app.server.address();
      return typeof address === "object" && address ? address.port : port;
    },
    close: async () => {
      app.server.closeIdleConnections();
      await app.close();
    },
  };
}

function matches(pattern: string, pathname: string): boolean {
  return pattern.endsWith("*") ? pathname.startsWith(pattern.slice(0, -1)) : pattern === pathname;
}
