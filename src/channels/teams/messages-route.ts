/**
 * `POST /api/messages`: hands Bot Framework activities from our node:http server to botbuilder's
 * `CloudAdapter.process`, which expects an Express-like request (parsed body) and response
 * (`status`, `header`, `send`, `end`). Without an app id, only loopback callers get in.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import type { CloudAdapter, TurnContext } from "botbuilder";
import type { Logger } from "pino";
import {
  BodyTooLargeError,
  declaredLength,
  type Route,
  readBody,
  refuseTooLarge,
  sendError,
} from "../../http/server.js";
import { checkActivity } from "./activity-shape.js";

/** Activities are small; Teams caps messages at about 28 KB, cards and all. */
const MAX_BODY_BYTES = 256 * 1024;

export interface MessagesRouteOptions {
  adapter: CloudAdapter;
  logic: (context: TurnContext) => Promise<void>;
  /** True when no app id is configured: there is no JWT to check, so accept loopback only. */
  loopbackOnly: boolean;
  logger: Logger;
}

export function messagesRoute(options: MessagesRouteOptions): Route {
  return {
    method: "POST",
    path: "/api/messages",
    handle: async (req, res) => {
      if (options.loopbackOnly && !isLoopback(req.socket.remoteAddress)) {
        req.resume();
        sendError(res, 401, "LOOPBACK_ONLY", "MICROSOFT_APP_ID is not set: only local requests are accepted");
        return;
      }
      if (declaredLength(req) > MAX_BODY_BYTES) {
        refuseTooLarge(res);
        return;
      }
      let body: unknown;
      try {
        body = JSON.parse((await readBody(req, MAX_BODY_BYTES)).toString("utf8"));
      } catch (err) {
        if (err instanceof BodyTooLargeError) refuseTooLarge(res);
        else sendError(res, 400, "BAD_JSON", "body is not JSON");
        return;
      }
      const check = checkActivity(body);
      if (!check.ok) {
        sendError(res, 400, "BAD_ACTIVITY", check.message);
        return;
      }
      await options.adapter.process(
        { body: body as Record<string, unknown>, headers: req.headers, method: req.method },
        expressLikeResponse(req, res),
        options.logic,
      );
    },
  };
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === "::1" || address.startsWith("127.") || address.startsWith("::ffff:127.");
}

function expressLikeResponse(req: IncomingMessage, res: ServerResponse) {
  let status = 200;
  let payload: unknown;
  const headers: Record<string, string> = {};
  return {
    socket: req.socket,
    status(code: number) {
      status = code;
    },
    header(name: string, value: unknown) {
      headers[name.toLowerCase()] = String(value);
    },
    send(body: unknown) {
      payload = body;
    },
    end() {
      if (res.writableEnded) return;
      if (payload === undefined || payload === null) {
        res.writeHead(status, headers).end();
        return;
      }
      const text = typeof payload === "string" ? payload : JSON.stringify(payload);
      const type =
        typeof payload === "string" ? "text/plain; charset=utf-8" : "application/json; charset=utf-8";
      res.writeHead(status, { "content-type": type, ...headers, "content-length": Buffer.byteLength(text) });
      res.end(text);
    },
  };
}
