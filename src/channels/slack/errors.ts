/** Turns Web API failures into the core's ChannelSendError: when to retry, and what never heals. */
import { webApi } from "@slack/bolt";
import { ChannelSendError } from "../../app/ports.js";

/** Slack errors that the same call will keep getting: retrying them only delays the record. */
const PERMANENT = new Set([
  "users_not_found",
  "user_not_found",
  "channel_not_found",
  "not_in_channel",
  "is_archived",
  "invalid_auth",
  "not_authed",
  "account_inactive",
  "token_revoked",
  "token_expired",
  "no_permission",
  "missing_scope",
  "user_disabled",
  "cannot_dm_bot",
  "invalid_blocks",
  "msg_too_long",
]);

/** The Slack error code of a failed call (`users_not_found`), if it is a platform error. */
export function slackErrorCode(err: unknown): string | undefined {
  if (err instanceof Error && "code" in err && err.code === webApi.ErrorCode.PlatformError) {
    const data = (err as webApi.WebAPIPlatformError).data;
    return typeof data.error === "string" ? data.error : undefined;
  }
  return undefined;
}

export function toChannelSendError(err: unknown, what: string): ChannelSendError {
  if (err instanceof ChannelSendError) return err;
  if (err instanceof Error && "code" in err) {
    if (err.code === webApi.ErrorCode.RateLimitedError) {
      const seconds = (err as webApi.WebAPIRateLimitedError).retryAfter;
      return new ChannelSendError(`Slack rate limit on ${what}: retry after ${seconds}s`, {
        retryAfterMs: Math.max(1, seconds) * 1000,
      });
    }
    const code = slackErrorCode(err);
    if (code) {
      return new ChannelSendError(`Slack refused ${what}: ${code}`, { permanent: PERMANENT.has(code) });
    }
    if (err.code === webApi.ErrorCode.HTTPError) {
      return new ChannelSendError(`Slack answered ${what} with an HTTP error: ${err.message}`);
    }
  }
  return new ChannelSendError(`${what} failed: ${err instanceof Error ? err.message : String(err)}`);
}
