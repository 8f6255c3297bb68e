import { describe, expect, it } from "vitest";
import { escalationReason, type IgnoredHistory, isIgnored } from "../../../src/domain/nudges/ignored.js";
import { resolveSettings } from "../../../src/domain/settings.js";

const settings = resolveSettings({});
const TODAY = "2026-03-12";

describe("ignored picks", () => {
  it.each([
    {
      status: "open",
      localDate: "2026-03-11",
      delivered: true,
      ignored: true,
      why: "delivered yesterday, still open",
    },
    {
      status: "open",
      localDate: TODAY,
      delivered: true,
      ignored: false,
      why: "today's, the day is not over",
    },
    { status: "open", localDate: "2026-03-11", delivered: false, ignored: false, why: "never delivered" },
    { status: "done", localDate: "2026-03-11", delivered: true, ignored: false, why: "done" },
    { status: "snoozed", localDate: "2026-03-11", delivered: true, ignored: false, why: "snoozed" },
    { status: "skipped", localDate: "2026-03-11", delivered: true, ignored: false, why: "not my account" },
  ] as const)("a pick $why is ignored: $ignored", ({ ignored, ...pick }) => {
    expect(isIgnored(pick, TODAY)).toBe(ignored);
  });
});

describe("ignored A accounts reach the manager's digest", () => {
  const a = (over: Partial<IgnoredHistory>): IgnoredHistory => ({
    tier: "A",
    ignoredOn: [],
    lastContactOn: "2026-02-20",
    neglected: false,
    ...over,
  });
  it.each([
    {
      why: "ignored on three working days (Thu, Fri, then Mon after the weekend)",
      account: a({ ignoredOn: ["2026-03-05", "2026-03-06", "2026-03-09"] }),
      reason: "ignored",
    },
    {
      why: "ignored on two working days, the holiday between them not counted",
      account: a({ ignoredOn: ["2026-04-03", "2026-04-07"] }),
      reason: null,
    },
    {
      why: "ignored three times, but a contact since restarts the count",
      account: a({ ignoredOn: ["2026-03-05", "2026-03-06", "2026-03-09"], lastContactOn: "2026-03-06" }),
      reason: null,
    },
    {
      why: "the same day counted once",
      account: a({ ignoredOn: ["2026-03-05", "2026-03-05", "2026-03-05"] }),
      reason: null,
    },
    { why: "overdue by twice its cadence", account: a({ neglected: true }), reason: "neglected" },
    {
      why: "a B account, however ignored",
      account: a({ tier: "B", ignoredOn: ["2026-03-05", "2026-03-06", "2026-03-09"], neglected: true }),
      reason: null,
    },
  ] as const)("$why: $reason", ({ account, reason }) => {
    expect(escalationReason(account, settings)).toBe(reason);
  });

  it("the number of days is a workspace setting", () => {
    const twice = a({ ignoredOn: ["2026-03-05", "2026-03-06"] });
    expect(escalationReason(twice, { ignoredEscalationDays: 2 })).toBe("ignored");
  });
});
