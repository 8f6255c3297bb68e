/**
 * What every request to `POST /slack/events` passes before Bolt sees it. Bolt's receiver checks
 * only that a timestamp is not older than five minutes, and trusts a signed body's shape: a
 * signed `payload=null` rejects a promise nobody catches, a payload without `user` ends in a 500.
 * Here: the body is read up to a limit (413), the timestamp must be whole seconds within five
 * minutes either side of now (401), the signature must match (401), and the body must have the
 * shape of what Slack sends (400). Only then is the buffered body handed to Bolt.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { z } from "zod";
import { hasControlCharacter, holdsControlCharacter } from "../../domain/control-characters.js";
import {
  BodyTooLargeError,
  declaredLength,
  type Route,
  readBody,
  refuseTooLarge,
  sendError,
  sendJson,
} from "../../http/server.js";

/** Slack's payloads are small; a view submission with every input full stays far below this. */
export const SLACK_MAX_BODY_BYTES = 256 * 1024;
/** How far a request's timestamp may be from now, either way. */
export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

const id = z.string().min(1).max(256);

const slashCommand = z.looseObject({
  command: z.string().min(1).max(64),
  team_id: id,
  user_id: id,
  trigger_id: id,
  text: z.string().max(4000).default(""),
  response_url: z.string().max(2048).optional(),
});

const withUser = z.looseObject({ type: z.string().min(1).max(64), user: z.looseObject({ id }) });

const blockActions = withUser.extend({
  type: z.literal("block_actions"),
  trigger_id: id,
  container: z.looseObject({ type: z.string().max(64) }),
  actions: z
    .array(z.looseObject({ action_id: z.string().max(256) }))
    .min(1)
    .max(16),
});

const eventEnvelope = z.looseObject({ type: z.string().min(1).max(64) });

export type GuardResult =
  | { ok: true }
  | { ok: false; status: 400 | 401; code: string; message: string }
  /** A slash command Slack should show the caller a sentence for (Slack displays a 200's text). */
  | { ok: false; status: 200; code: string; message: string };

/** True when `header` is a timestamp in whole seconds within the allowed skew of `nowMs`. */
export function isFreshTimestamp(header: string | string[] | undefined, nowMs: number): boolean {
  if (typeof header !== "string" || !/^\d{1,10}$/.test(header)) return false;
  return Math.abs(Math.floor(nowMs / 1000) - Number(header)) <= MAX_CLOCK_SKEW_SECONDS;
}

function validSignature(secret: string, timestamp: string, body: Buffer, header: unknown): boolean {
  if (typeof header !== "string" || !header.startsWith("v0=")) return false;
  const expected = createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest();
  const given = Buffer.from(header.slice(3), "hex");
  return given.length === expected.length && timingSafeEqual(given, expected);
}

/** Checks a signed Slack request's body against the shapes Slack sends. */
export function checkSlackBody(contentType: string | undefined, text: string): GuardResult {
  const bad = (message: string): GuardResult => ({ ok: false, status: 400, code: "BAD_SLACK_BODY", message });
  const type = contentType?.split(";")[0]?.trim().toLowerCase();
  if (type === "application/x-www-form-urlencoded") {
    const form = new URLSearchParams(text);
    if (form.get("ssl_check") === "1") return { ok: true };
    const payload = form.get("payload");
    if (payload === null) {
      const command = slashCommand.safeParse(Object.fromEntries(form));
      if (!command.success) return bad(`not a slash command: ${firstIssue(command.error)}`);
      if (hasControlCharacter(command.data.text)) {
        return {
          ok: false,
          status: 200,
          code: "CONTROL_CHARACTER",
          message: ":warning: Your command holds a control character (NUL, say); type it again without it.",
        };
      }
      return { ok: true };
    }
    return checkPayload(parseJson(payload), bad);
  }
  if (type === "application/json") return checkEnvelope(parseJson(text), bad);
  return bad("unsupported content type");
}

function checkPayload(value: unknown, bad: (m: string) => GuardResult): GuardResult {
  if (!isPlainObject(value)) return bad("payload must be a JSON object");
  if (holdsControlCharacter(value)) return bad("payload holds a NUL or another control character");
  const shape = value.type === "block_actions" ? blockActions : withUser;
  const result = shape.safeParse(value);
  return result.success ? { ok: true } : bad(`payload: ${firstIssue(result.error)}`);
}

function checkEnvelope(value: unknown, bad: (m: string) => GuardResult): GuardResult {
  if (!isPlainObject(value)) return bad("body must be a JSON object");
  if (holdsControlCharacter(value)) return bad("body holds a NUL or another control character");
  const result = eventEnvelope.safeParse(value);
  return result.success ? { ok: true } : bad(`body: ${firstIssue(result.error)}`);
}

/** Wraps Bolt's request listener with the checks above; `nowMs` is the real clock, as Slack's. */
export function guardSlackRequests(
  signingSecret: string,
  listener: (req: IncomingMessage, res: ServerResponse) => void,
  nowMs: () => number = Date.now,
): Route["handle"] {
  return async (req, res) => {
    if (req.method !== "POST") {
      listener(req, res);
      return;
    }
    if (declaredLength(req) > SLACK_MAX_BODY_BYTES) return refuseTooLarge(res);
    let body: Buffer;
    try {
      body = await readBody(req, SLACK_MAX_BODY_BYTES);
    } catch (err) {
      if (err instanceof BodyTooLargeError) return refuseTooLarge(res);
      throw err;
    }
    const timestamp = req.headers["x-slack-request-timestamp"];
    if (!isFreshTimestamp(timestamp, nowMs()) || typeof timestamp !== "string") {
      return sendError(res, 401, "STALE_REQUEST", "the request timestamp is missing, stale or in the future");
    }
    if (!validSignature(signingSecret, timestamp, body, req.headers["x-slack-signature"])) {
      return sendError(res, 401, "BAD_SIGNATURE", "the request signature does not match");
    }
    const check = checkSlackBody(req.headers["content-type"], body.toString("utf8"));
    if (!check.ok) {
      if (check.status === 200)
        return sendJson(res, 200, { response_type: "ephemeral", text: check.message });
      return sendError(res, check.status, check.code, check.message);
    }
    // Bolt reads a request's body from `rawBody` when it is already there.
    (req as IncomingMessage & { rawBody?: Buffer }).rawBody = body;
    listener(req, res);
  };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  return issue ? `${issue.path.join(".") || "value"}: ${issue.message}` : "invalid";
}
