import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  advance,
  type BucketLimits,
  type BucketState,
  DECREASE_FACTOR,
  newBucket,
  onRateLimited,
  take,
} from "../../src/domain/token-bucket.js";

const limits: BucketLimits = { ratePerSecond: 10, burst: 3 };

/** The instants at which calls arriving at `arrivals` (ms, sorted) may go. */
function slotsFor(bucket: BucketLimits, arrivals: number[]): number[] {
  let state: BucketState = newBucket(bucket, arrivals[0] ?? 0);
  return arrivals.map((t) => {
    const slot = take(state, bucket, t);
    state = slot.state;
    return t + slot.waitMs;
  });
}

describe("token bucket", () => {
  it.each([
    // calls at once from a full bucket: the burst goes at once, then one per 1/rate
    { calls: 1, starts: [0] },
    { calls: 3, starts: [0, 0, 0] },
    { calls: 5, starts: [0, 0, 0, 100, 200] },
  ])("$calls calls at the same instant start at $starts ms", ({ calls, starts }) => {
    const slots = slotsFor(
      limits,
      Array.from({ length: calls }, () => 0),
    );
    expect(slots.map((s) => Math.round(s))).toEqual(starts);
  });

  it("a bucket that was idle refills up to its burst and no more", () => {
    const drained = [0, 0, 0].reduce((s) => take(s, limits, 0).state, newBucket(limits, 0));
    expect(drained.tokens).toBe(0);
    expect(advance(drained, limits, 150).tokens).toBeCloseTo(1.5);
    expect(advance(drained, limits, 60_000).tokens).toBe(3);
  });

  it("after a 429 nothing goes before the Retry-After, and the rate drops", () => {
    const limited = onRateLimited(newBucket(limits, 0), limits, 1_000, 2_000);
    const slot = take(limited, limits, 1_000);
    expect(1_000 + slot.waitMs).toBeGreaterThanOrEqual(3_000);
    expect(limited.ratePerSecond).toBeCloseTo(10 * DECREASE_FACTOR);
  });

  it("the rate recovers to the published one after a quiet spell, never beyond", () => {
    let state = newBucket(limits, 0);
    for (let i = 0; i < 10; i++) state = onRateLimited(state, limits, i, 1_000);
    expect(state.ratePerSecond).toBeLessThan(2);
    expect(advance(state, limits, 10 * 60_000).ratePerSecond).toBe(10);
  });

  it("refuses limits that cannot pace anything", () => {
    expect(() => newBucket({ ratePerSecond: 0, burst: 1 }, 0)).toThrow(/rate/);
    expect(() => newBucket({ ratePerSecond: Number.NaN, burst: 1 }, 0)).toThrow(/rate/);
    expect(() => newBucket({ ratePerSecond: 1, burst: 0 }, 0)).toThrow(/burst/);
  });

  it("a Retry-After that is not a number blocks nothing but still slows down", () => {
    const state = onRateLimited(newBucket(limits, 0), limits, 0, Number.NaN);
    expect(state.blockedUntil).toBe(0);
    expect(state.ratePerSecond).toBeLessThan(10);
  });

  const bucketArb = fc.record({
    ratePerSecond: fc.double({ min: 0.5, max: 500, noNaN: true }),
    burst: fc.integer({ min: 1, max: 20 }),
  });
  const arrivalsArb = fc
    .array(fc.integer({ min: 0, max: 5_000 }), { minLength: 1, maxLength: 200 })
    .map((gaps) => {
      let t = 0;
      return gaps.map((g) => {
        t += g;
        return t;
      });
    });

  it("never lets more than burst + rate x time go in any window, and keeps the callers' order", () => {
    fc.assert(
      fc.property(bucketArb, arrivalsArb, (bucket, arrivals) => {
        const slots = slotsFor(bucket, arrivals);
        for (let i = 1; i < slots.length; i++) expect(slots[i]!).toBeGreaterThanOrEqual(slots[i - 1]! - 1e-6);
        for (let i = 0; i < slots.length; i++) {
          for (let j = i; j < slots.length; j++) {
            const allowed = bucket.burst + (bucket.ratePerSecond * (slots[j]! - slots[i]!)) / 1000;
            expect(j - i + 1).toBeLessThanOrEqual(allowed + 1e-6);
          }
        }
      }),
      { numRuns: 200 },
    );
  });

  it("never makes a caller wait when the calls stay under the rate", () => {
    fc.assert(
      fc.property(bucketArb, fc.integer({ min: 1, max: 100 }), (bucket, calls) => {
        const gap = 1000 / bucket.ratePerSecond;
        const arrivals = Array.from({ length: calls }, (_, i) => i * gap);
        const slots = slotsFor(bucket, arrivals);
        for (const [i, s] of slots.entries()) expect(s).toBeCloseTo(arrivals[i]!, 6);
      }),
      { numRuns: 200 },
    );
  });

  it("whatever the 429s, the rate stays between the floor and the published rate", () => {
    const event = fc.oneof(
      fc.record({ kind: fc.constant("take" as const), gap: fc.integer({ min: 0, max: 3_000 }) }),
      fc.record({
        kind: fc.constant("429" as const),
        gap: fc.integer({ min: 0, max: 3_000 }),
        retryAfterMs: fc.integer({ min: 0, max: 60_000 }),
      }),
    );
    fc.assert(
      fc.property(bucketArb, fc.array(event, { maxLength: 100 }), (bucket, events) => {
        let now = 0;
        let state = newBucket(bucket, now);
        for (const e of events) {
          now += e.gap;
          if (e.kind === "take") {
            const slot = take(state, bucket, now);
            expect(now + slot.waitMs).toBeGreaterThanOrEqual(state.blockedUntil - 1e-6);
            state = slot.state;
          } else {
            state = onRateLimited(state, bucket, now, e.retryAfterMs);
            expect(state.blockedUntil).toBeGreaterThanOrEqual(now + e.retryAfterMs);
          }
          expect(state.ratePerSecond).toBeLessThanOrEqual(bucket.ratePerSecond);
          expect(state.ratePerSecond).toBeGreaterThanOrEqual(Math.min(bucket.ratePerSecond, 0.1));
        }
      }),
      { numRuns: 200 },
    );
  });
});
