/**
 * What happens after a nudge could not be sent: try again later (when the platform said, or with
 * exponential backoff), or give up and record it as failed with the error.
 */
import { ChannelSendError } from "../ports.js";

export interface RetryPolicy {
  /** Attempts in all (rate-limited ones included) before a nudge is recorded as failed. */
  maxAttempts: number;
  /** Delay after the first failure; doubled after each further one. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 60_000,
  maxDelayMs: 15 * 60_000,
};

export type FailureDecision =
  | { kind: "retry"; at: Date; error: string; rateLimited: boolean }
  | { kind: "failed"; error: string };

/**
 * Decides after a failed attempt; `attemptsBefore` counts the attempts made before this one.
 * A 429's Retry-After is honoured as given; a permanent error is not retried.
 */
export function decideAfterFailure(
  err: unknown,
  attemptsBefore: number,
  now: Date,
  policy: RetryPolicy = defaultRetryPolicy,
): FailureDecision {
  const error = describeError(err);
  const attempts = attemptsBefore + 1;
  const options = err instanceof ChannelSendError ? err.options : {};
  if (options.permanent || attempts >= policy.maxAttempts) {
    return {
      kind: "failed",
      error: options.permanent ? error : `${error} (gave up after ${attempts} attempts)`,
    };
  }
  if (options.retryAfterMs !== undefined) {
    return { kind: "retry", at: new Date(now.getTime() + options.retryAfterMs), error, rateLimited: true };
  }
  const delay = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempts - 1));
  return { kind: "retry", at: new Date(now.getTime() + delay), error, rateLimited: false };
}

/** A one-line error for `last_error`, bounded so a huge response body cannot bloat the row. */
export function describeError(err: unknown): string {
  const text =
    err instanceof Error ? `${err.name === "Error" ? "" : `${err.name}: `}${err.message}` : String(err);
  return text.length > 500 ? `${text.slice(0, 497)}...` : text;
}
