import { describe, expect, it } from "vitest";
import { alsoDuePhrase, contactedWithinCadence } from "../../../src/domain/planner/after-contact.js";
import { cadenceFor, daysSince, isDue } from "../../../src/domain/planner/cadence.js";
import { isNeglected } from "../../../src/domain/planner/escalation.js";
import { reviewStatus } from "../../../src/domain/planner/review.js";
import { assessRisk, riskAdjustedCadence } from "../../../src/domain/planner/risk.js";
import { account, DATE, daysAgo, settings, ZONE } from "./book.js";

describe("cadence and due (rules 2-3)", () => {
  it.each([
    { tier: "A", override: null, expected: 7 },
    { tier: "B", override: null, expected: 30 },
    { tier: "C", override: null, expected: 90 },
    { tier: "C", override: 14, expected: 14 },
  ] as const)(
    "a $tier account with override $override is contacted every $expected days",
    ({ tier, override, expected }) => {
      expect(cadenceFor({ tier, cadenceDays: override }, settings)).toBe(expected);
    },
  );

  it.each([
    { days: null, cadence: 7, due: true, why: "never contacted" },
    { days: 7, cadence: 7, due: true, why: "days since contact reach the cadence" },
    { days: 6, cadence: 7, due: false, why: "one day short of the cadence" },
    { days: 40, cadence: 30, due: true, why: "overdue" },
  ])("due is $due when $why", ({ days, cadence, due }) => {
    expect(isDue(days, cadence)).toBe(due);
  });

  it("days are calendar days in the rep's zone: 23:30 yesterday in Berlin is one day ago", () => {
    expect(daysSince(daysAgo(1, "23:30"), DATE, ZONE)).toBe(1);
    expect(daysSince(daysAgo(0, "00:10"), DATE, ZONE)).toBe(0);
  });

  it("days count across a daylight-saving change (Berlin, 29 March 2026)", () => {
    const before = new Date("2026-03-28T22:30:00Z"); // 23:30 on the 28th in Berlin
    expect(daysSince(before, "2026-03-30", ZONE)).toBe(2);
  });

  it("contacts older than three years still count their days exactly", () => {
    expect(daysSince(new Date("2020-03-10T12:00:00Z"), DATE, ZONE)).toBe(2191);
  });
});

describe("risk (planner rule 5)", () => {
  it.each([
    {
      lastOrderAt: "2026-01-01",
      avg: 30,
      outcome: "connected",
      atRisk: true,
      why: "68 days without an order against a usual 30",
    },
    {
      lastOrderAt: "2026-02-01",
      avg: 30,
      outcome: "connected",
      atRisk: false,
      why: "37 days is within 1.5 intervals",
    },
    { lastOrderAt: null, avg: null, outcome: "at_risk", atRisk: true, why: "the last check-in said at risk" },
    {
      lastOrderAt: null,
      avg: null,
      outcome: "issue_raised",
      atRisk: true,
      why: "the last check-in raised an issue",
    },
    {
      lastOrderAt: "2025-01-01",
      avg: null,
      outcome: null,
      atRisk: false,
      why: "no usual interval, no signal",
    },
  ] as const)("at risk is $atRisk when $why", ({ lastOrderAt, avg, outcome, atRisk }) => {
    const risk = assessRisk({ lastOrderAt, avgOrderIntervalDays: avg, lastOutcome: outcome }, DATE, settings);
    expect(risk.atRisk).toBe(atRisk);
  });

  it("an account at risk is due again after half its cadence", () => {
    expect(riskAdjustedCadence(30, true)).toBe(15);
    expect(riskAdjustedCadence(7, true)).toBe(4);
    expect(riskAdjustedCadence(1, true)).toBe(1);
    expect(riskAdjustedCadence(30, false)).toBe(30);
  });
});

describe("relationship review (planner rule 8)", () => {
  it.each([
    { tier: "A", lastReviewAt: null, due: true, why: "an A account never reviewed" },
    {
      tier: "A",
      lastReviewAt: new Date("2025-09-01T10:00:00Z"),
      due: true,
      why: "an A account last reviewed over six months ago",
    },
    {
      tier: "A",
      lastReviewAt: new Date("2025-09-10T10:00:00Z"),
      due: false,
      why: "reviewed exactly six months ago",
    },
    { tier: "A", lastReviewAt: new Date("2026-01-10T10:00:00Z"), due: false, why: "reviewed two months ago" },
    { tier: "B", lastReviewAt: null, due: false, why: "a B account" },
  ] as const)("a review is due ($due) for $why", ({ tier, lastReviewAt, due }) => {
    expect(reviewStatus({ tier, status: "active", lastReviewAt }, DATE, ZONE, settings).due).toBe(due);
  });
});

describe("escalation (planner rule 10)", () => {
  it.each([
    { tier: "A", days: 14, neglected: true, why: "an A account untouched for twice its cadence" },
    { tier: "A", days: 13, neglected: false, why: "an A account a day short of twice its cadence" },
    { tier: "A", days: null, neglected: true, why: "an A account never contacted" },
    { tier: "B", days: 90, neglected: false, why: "a B account, however late" },
  ] as const)("neglected is $neglected for $why", ({ tier, days, neglected }) => {
    const a = account(1, 1, { tier, lastContactAt: days === null ? null : daysAgo(days) });
    expect(isNeglected(a, DATE, ZONE, settings)).toBe(neglected);
  });
});

describe("no nagging right after a contact (planner rule 14)", () => {
  it.each([
    { days: null, cadence: 7, held: false, why: "never contacted" },
    { days: 0, cadence: 7, held: true, why: "contacted today" },
    { days: 6, cadence: 7, held: true, why: "contacted a day short of the cadence" },
    { days: 7, cadence: 7, held: false, why: "the cadence has passed" },
  ])("a review or win-back is held back ($held) when $why", ({ days, cadence, held }) => {
    expect(contactedWithinCadence(days, cadence)).toBe(held);
  });

  it.each([
    { what: "review", months: 6, text: "also due: the six-month review" },
    { what: "review", months: 12, text: "also due: the twelve-month review" },
    { what: "review", months: 18, text: "also due: the 18-month review" },
    { what: "win_back", months: 6, text: "also due: a win-back contact" },
  ] as const)("the ride-along line reads '$text'", ({ what, months, text }) => {
    expect(alsoDuePhrase(what, months)).toBe(text);
  });
});
