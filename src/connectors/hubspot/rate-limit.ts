/**
 * HubSpot's rate limits, as its answers state them: a 429 is retried after `Retry-After` seconds
 * when given; else after the rolling window (`X-HubSpot-RateLimit-Interval-Milliseconds`) when the
 * window's allowance is used up (`X-HubSpot-RateLimit-Remaining: 0`); else after a second when the
 * per-second allowance is (`X-HubSpot-RateLimit-Secondly-Remaining: 0`, and the search endpoints'
 * 5 requests a second); else with a doubling delay. A 5xx is retried with the doubling delay.
 * Retries are bounded: after `maxRetries` the error goes up and the pass stops (its cursors keep
 * what was written).
 */

export interface RetryPolicy {
  maxRetries: number;
  /** First delay of the doubling backoff. */
  baseDelayMs: number;
  /** No single wait is longer (a daily limit reached is an error, not a wait). */
  maxWaitMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxRetries: 5,
  baseDelayMs: 1_000,
  maxWaitMs: 60_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** An error from the SDK: `ApiException` carries the status code, the body and the headers. */
interface HttpError {
  code: number;
  headers?: unknown;
}

function isHttpError(err: unknown): err is HttpError {
  return typeof err === "object" && err !== null && typeof (err as { code?: unknown }).code === "number";
}

function header(headers: unknown, name: string): string | undefined {
  if (!headers || typeof headers !== "object") return undefined;
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  for (const [key, value] of Object.entries(headers as Record<string, unknown>)) {
    if (key.toLowerCase() === name) return Array.isArray(value) ? String(value[0]) : String(value);
  }
  return undefined;
}

/** How long to wait before retrying after this error; undefined when it is not to be retried. */
export function retryDelayMs(err: unknown, attempt: number, policy: RetryPolicy): number | undefined {
  if (!isHttpError(err)) return undefined;
  const backoff = policy.baseDelayMs * 2 ** attempt;
  if (err.code >= 500 && err.code <= 599) return Math.min(backoff, policy.maxWaitMs);
  if (err.code !== 429) return undefined;
  const retryAfter = Number(header(err.headers, "retry-after"));
  if (Number.isFinite(retryAfter) && retryAfter >= 0 && header(err.headers, "retry-after") !== undefined) {
    return Math.min(retryAfter * 1000, policy.maxWaitMs);
  }
  if (header(err.headers, "x-hubspot-ratelimit-daily-remaining") === "0") return undefined;
  if (header(err.headers, "x-hubspot-ratelimit-remaining") === "0") {
    const interval = Number(header(err.headers, "x-hubspot-ratelimit-interval-milliseconds"));
    if (Number.isFinite(interval) && interval > 0) return Math.min(interval, policy.maxWaitMs);
  }
  if (header(err.headers, "x-hubspot-ratelimit-secondly-remaining") === "0") return 1_000;
  return Math.min(backoff, policy.maxWaitMs);
}

/** Counts of the calls made through `withRetries`. */
export interface CallStats {
  requests: number;
  retries: number;
  waitedMs: number;
}

/** Runs `call`, retrying a 429 or a 5xx as the policy says. */
export async function withRetries<T>(
  call: () => Promise<T>,
  policy: RetryPolicy,
  stats: CallStats,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    stats.requests += 1;
    try {
      return await call();
    } catch (err) {
      const delay = attempt < policy.maxRetries ? retryDelayMs(err, attempt, policy) : undefined;
      if (delay === undefined) throw err;
      stats.retries += 1;
      stats.waitedMs += delay;
      await policy.sleep(delay);
    }
  }
}
