import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultRetryPolicy, retryDelayMs, withRetries } from "../../src/connectors/hubspot/rate-limit.js";

const policy = { ...defaultRetryPolicy, sleep: async () => {} };
const headerValue = fc.oneof(
  fc.constant("0"),
  fc.nat({ max: 100_000 }).map(String),
  fc.string({ maxLength: 6 }),
);
const headersArb = fc.record(
  {
    "retry-after": headerValue,
    "x-hubspot-ratelimit-remaining": headerValue,
    "x-hubspot-ratelimit-interval-milliseconds": headerValue,
    "x-hubspot-ratelimit-secondly-remaining": headerValue,
    "x-hubspot-ratelimit-daily-remaining": headerValue,
  },
  { requiredKeys: [] },
);

describe("HubSpot rate-limit backoff", () => {
  it("whatever the headers, a wait is between 0 and the policy's longest; only 429 and 5xx are retried", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 100, max: 599 }),
        headersArb,
        fc.nat({ max: 10 }),
        (code, headers, attempt) => {
          const delay = retryDelayMs({ code, headers }, attempt, policy);
          if (code !== 429 && code < 500) expect(delay).toBeUndefined();
          if (delay !== undefined) {
            expect(delay).toBeGreaterThanOrEqual(0);
            expect(delay).toBeLessThanOrEqual(policy.maxWaitMs);
          }
        },
      ),
    );
  });

  it("Retry-After is obeyed in seconds; without it, a spent window waits its interval", () => {
    expect(retryDelayMs({ code: 429, headers: { "Retry-After": "3" } }, 0, policy)).toBe(3000);
    expect(
      retryDelayMs(
        {
          code: 429,
          headers: {
            "x-hubspot-ratelimit-remaining": "0",
            "x-hubspot-ratelimit-interval-milliseconds": "10000",
          },
        },
        0,
        policy,
      ),
    ).toBe(10_000);
    expect(
      retryDelayMs({ code: 429, headers: { "x-hubspot-ratelimit-secondly-remaining": "0" } }, 3, policy),
    ).toBe(1000);
    expect(
      retryDelayMs({ code: 429, headers: { "x-hubspot-ratelimit-daily-remaining": "0" } }, 0, policy),
    ).toBe(undefined);
    expect(retryDelayMs(new Error("socket hang up"), 0, policy)).toBeUndefined();
  });

  it("retries at most maxRetries times, then the error goes up", async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat({ max: 6 }), fc.nat({ max: 10 }), async (maxRetries, failures) => {
        const stats = { requests: 0, retries: 0, waitedMs: 0 };
        let calls = 0;
        const call = async () => {
          calls += 1;
          if (calls <= failures) throw Object.assign(new Error("busy"), { code: 503 });
          return "ok";
        };
        const outcome = await withRetries(call, { ...policy, maxRetries }, stats).catch(() => "failed");
        expect(outcome).toBe(failures <= maxRetries ? "ok" : "failed");
        expect(stats.retries).toBe(Math.min(failures, maxRetries));
        expect(calls).toBe(Math.min(failures, maxRetries) + 1);
      }),
    );
  });
});
