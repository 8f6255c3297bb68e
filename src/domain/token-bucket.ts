/**
 * A token bucket that paces calls to a chat platform, adapted from the platform's answers. Pure:
 * every function takes the instant (milliseconds on any monotonic scale) and returns a new state.
 *
 * - `take` reserves the next slot: the caller waits `waitMs`, then calls. Slots are handed out in
 *   order, so the first caller goes first and a slow platform delays only the later ones.
 * - `onRateLimited` (a 429 with Retry-After) stops every slot until the platform's instant and
 *   lowers the rate (multiplicative decrease), so a limit lower than the published one is found.
 * - Without 429s the rate climbs back towards the configured one (additive increase per second).
 */

export interface BucketLimits {
  /** The published sustained rate, calls per second. */
  ratePerSecond: number;
  /** Calls that may go at once after a quiet spell (the platform's tolerated burst). */
  burst: number;
  /** The rate never drops below this (calls per second) however many 429s come. */
  minRatePerSecond?: number;
}

export interface BucketState {
  /** Tokens available at `at`; negative when slots are reserved ahead. */
  tokens: number;
  /** The instant `tokens` refers to. */
  at: number;
  /** The current rate, adapted from 429s; at most `limits.ratePerSecond`. */
  ratePerSecond: number;
  /** No slot starts before this instant (a Retry-After in force). */
  blockedUntil: number;
}

/** Share of the rate kept after a 429. */
export const DECREASE_FACTOR = 0.8;
/** Share of the configured rate regained per second without a 429. */
export const RECOVERY_PER_SECOND = 0.02;

export function newBucket(limits: BucketLimits, now: number): BucketState {
  assertLimits(limits);
  return { tokens: limits.burst, at: now, ratePerSecond: limits.ratePerSecond, blockedUntil: now };
}

/** The state at `now`: tokens refilled at the current rate, the rate recovered, capped at the burst. */
export function advance(state: BucketState, limits: BucketLimits, now: number): BucketState {
  if (!(now > state.at)) return state;
  const seconds = (now - state.at) / 1000;
  // The refill counts only time outside a Retry-After block.
  const from = Math.max(state.at, Math.min(state.blockedUntil, now));
  const refillSeconds = (now - from) / 1000;
  const tokens = Math.min(limits.burst, state.tokens + refillSeconds * state.ratePerSecond);
  const ratePerSecond = Math.min(
    limits.ratePerSecond,
    state.ratePerSecond + seconds * RECOVERY_PER_SECOND * limits.ratePerSecond,
  );
  return { ...state, tokens, at: now, ratePerSecond };
}

/** Reserves one slot: how long the caller waits before calling, and the state after. */
export function take(
  state: BucketState,
  limits: BucketLimits,
  now: number,
): { waitMs: number; state: BucketState } {
  const s = advance(state, limits, now);
  const blockedMs = Math.max(0, s.blockedUntil - now);
  // Tokens missing for this slot arrive at the current rate once the block is over.
  const missing = Math.max(0, 1 - s.tokens);
  const waitMs = blockedMs + (missing / s.ratePerSecond) * 1000;
  return { waitMs, state: { ...s, tokens: s.tokens - 1 } };
}

/** A 429: nothing goes before `now + retryAfterMs`, and the rate drops. */
export function onRateLimited(
  state: BucketState,
  limits: BucketLimits,
  now: number,
  retryAfterMs: number,
): BucketState {
  const s = advance(state, limits, now);
  const floor = limits.minRatePerSecond ?? Math.min(limits.ratePerSecond, 0.1);
  const retry = Number.isFinite(retryAfterMs) && retryAfterMs > 0 ? retryAfterMs : 0;
  return {
    ...s,
    // Reservations made before the 429 are void (their callers find the block and step back).
    tokens: 0,
    ratePerSecond: Math.max(floor, s.ratePerSecond * DECREASE_FACTOR),
    blockedUntil: Math.max(s.blockedUntil, now + retry),
  };
}

function assertLimits(limits: BucketLimits): void {
  if (!(limits.ratePerSecond > 0) || !Number.isFinite(limits.ratePerSecond)) {
    throw new RangeError(`a bucket's rate must be a positive number, got ${limits.ratePerSecond}`);
  }
  if (!(limits.burst >= 1) || !Number.isFinite(limits.burst)) {
    throw new RangeError(`a bucket's burst must be at least 1, got ${limits.burst}`);
  }
}
