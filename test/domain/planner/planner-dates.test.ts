/**
 * The stored planner dates are exact: on random accounts, zones and settings, the pure planner
 * (`accountCandidate`) makes an active account a candidate on a day exactly when the day is on or
 * after its `nextPickOn`, and never a lost one through these dates.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayNumber } from "../../../src/domain/planner/calendar.js";
import { accountCandidate } from "../../../src/domain/planner/candidates.js";
import {
  dayText,
  firstDayOverReviewAge,
  firstDayOverReviewAgeBySearch,
  plannerDates,
} from "../../../src/domain/planner/planner-dates.js";
import type { CheckInOutcome, PlannerAccount, Tier } from "../../../src/domain/planner/types.js";
import { resolveSettings } from "../../../src/domain/settings.js";
import { addDays } from "../../../src/domain/time.js";

const DAY_MS = 86_400_000;
const ZONES = ["UTC", "Europe/Lisbon", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"];
const OUTCOMES: CheckInOutcome[] = ["connected", "no_answer", "at_risk", "issue_raised", "opportunity"];
const TIERS: Tier[] = ["A", "B", "C"];
const START = "2026-01-20";

const datedAccountArb = fc.record({
  tier: fc.constantFrom(...TIERS),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  contactMsAgo: fc.option(fc.integer({ min: 0, max: 120 * DAY_MS }), { nil: null }),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  orderDaysAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  orderInterval: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  reviewMsAgo: fc.option(fc.integer({ min: 0, max: 400 * DAY_MS }), { nil: null }),
  lost: fc.boolean(),
});

const settingsArb = fc.record({
  cadenceDays: fc.record({
    A: fc.integer({ min: 1, max: 14 }),
    B: fc.integer({ min: 1, max: 30 }),
    C: fc.integer({ min: 1, max: 90 }),
  }),
  riskGapFactor: fc.constantFrom(1.25, 1.5, 2, 3),
  reviewMonths: fc.integer({ min: 1, max: 12 }),
});

type DatedInput = typeof datedAccountArb extends fc.Arbitrary<infer T> ? T : never;

function account(a: DatedInput): PlannerAccount {
  const now = new Date(`${START}T12:00:00Z`).getTime();
  return {
    id: 1,
    externalId: "X",
    name: "X",
    ownerRepId: 1,
    status: a.lost ? "lost" : "active",
    tier: a.tier,
    valueRank: 1,
    valuePercentile: 1,
    value: 1000,
    valueBasis: "revenue",
    cadenceDays: a.cadenceDays,
    lastContactAt: a.contactMsAgo === null ? null : new Date(now - a.contactMsAgo),
    lastChannel: null,
    lastOutcome: a.outcome,
    lastNote: null,
    lastOrderAt: a.orderDaysAgo === null ? null : addDays(START, -a.orderDaysAgo),
    avgOrderIntervalDays: a.orderInterval,
    lastReviewAt: a.reviewMsAgo === null ? null : new Date(now - a.reviewMsAgo),
    customerSince: null,
    snoozedUntil: null,
    departure: null,
  };
}

describe("planner dates", () => {
  it("an active account is a candidate exactly on and after its next pick day", () => {
    fc.assert(
      fc.property(datedAccountArb, settingsArb, fc.constantFrom(...ZONES), (a, s, zone) => {
        const settings = resolveSettings(s);
        const acc = account(a);
        const dates = plannerDates(acc, zone, settings);
        // The day before the next pick day and the day itself, and a day far on: every day
        // starts a year of day-start lookups, so only the telling days are asked.
        const next = dates.nextPickOn;
        const days = Number.isFinite(next)
          ? [next - 1, next, next + 40]
          : [dayNumber(START), dayNumber(START) + 300];
        for (const day of days) {
          const date = dayText(day);
          const candidate = accountCandidate(acc, { date, settings, zoneOf: () => zone });
          if (acc.status === "active") expect(candidate !== null, date).toBe(day >= next);
          else expect(next).toBe(Number.POSITIVE_INFINITY);
        }
      }),
      { numRuns: 40 },
    );
    // Every day asked builds a year of day starts (calendar.ts): slow on a loaded machine.
  }, 120_000);

  it("the first day a review is over its age agrees with the review cutoff, month ends included", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: dayNumber("2024-01-01"), max: dayNumber("2027-12-31") }),
        fc.integer({ min: 1, max: 12 }),
        (day, months) => {
          expect(firstDayOverReviewAge(day, months)).toBe(firstDayOverReviewAgeBySearch(day, months));
        },
      ),
      { numRuns: 100 },
    );
  });
});
