/**
 * Turns a failed Bot Connector call into the core's ChannelSendError: a 429 carries when to retry
 * (Retry-After), a user who removed the app or a conversation that is gone is permanent, anything
 * else is worth retrying later.
 */
import { ChannelSendError } from "../../app/ports.js";

/** Teams does not always send Retry-After with a 429; wait this long then. */
export const DEFAULT_RETRY_AFTER_MS = 5_000;

interface ConnectorErrorShape {
  statusCode?: unknown;
  code?: unknown;
  message?: unknown;
  response?: { status?: unknown; headers?: { get?: (name: string) => string | undefined } };
}

export function httpStatusOf(err: unknown): number | undefined {
  if (typeof err !== "object" || err === null) return undefined;
  const e = err as ConnectorErrorShape;
  const status = typeof e.statusCode === "number" ? e.statusCode : e.response?.status;
  return typeof status === "number" ? status : undefined;
}

export function toChannelSendError(err: unknown, what: string): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  const status = httpStatusOf(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (status === 429) {
    return new ChannelSendError(`Teams asked to slow down (HTTP 429) while ${what}`, {
      retryAfterMs: retryAfterMs(err) ?? DEFAULT_RETRY_AFTER_MS,
    });
  }
  if (status === 403 || status === 404) {
    return new ChannelSendError(
      `Teams refused ${what} (HTTP ${status}): the user removed the app or the conversation is gone; ${detail}`,
      { permanent: true },
    );
  }
  return new ChannelSendError(`Teams failed ${what}${status ? ` (HTTP ${status})` : ""}: ${detail}`);
}

function retryAfterMs(err: unknown): number | undefined {
  const headers = (err as ConnectorErrorShape).response?.headers;
  const raw = typeof headers?.get === "function" ? headers.get("retry-after") : undefined;
  if (!raw) return undefined;
  const seconds = Number(raw);
  if (Number.isFinite(seconds) && seconds >= 0) return Math.round(seconds * 1000);
  const at = Date.parse(raw);
  return Number.isFinite(at) ? Math.max(0, at - Date.now()) : undefined;
}
