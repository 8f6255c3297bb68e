import { describe, expect, it } from "vitest";
import { OPENER_LIMIT, type OpenerFacts, suggestOpener } from "../../../src/domain/planner/opener.js";
import { planDay } from "../../../src/domain/planner/plan-day.js";
import { account, DATE, daysAgo, input, onDay, promise, ranked, rep, ZONE } from "./book.js";

/** A pick on DATE with no facts at all; each case adds the ones it is about. */
function facts(over: Partial<OpenerFacts>): OpenerFacts {
  return {
    kind: "due",
    date: DATE,
    zone: ZONE,
    lastContactAt: null,
    lastOutcome: null,
    lastNote: null,
    lastOrderAt: null,
    avgOrderIntervalDays: null,
    customerSince: null,
    promise: null,
    departure: null,
    ...over,
  };
}

const calledOn3Feb = { lastContactAt: new Date("2026-02-03T10:00:00Z"), lastOutcome: "connected" as const };

describe("the suggested opener", () => {
  it.each([
    {
      why: "a due account with a usual order gap and a note",
      over: {
        lastOrderAt: "2025-12-15",
        avgOrderIntervalDays: 30,
        ...calledOn3Feb,
        lastNote: "asked about bulk pricing",
      },
      opener:
        "Orders usually come every 30 days and the last was in December 2025; last time (3 Feb) you noted 'asked about bulk pricing'.",
    },
    {
      why: "a risk pick whose orders stopped, with a recent last order",
      over: { kind: "risk", lastOrderAt: "2026-02-20", avgOrderIntervalDays: 7, ...calledOn3Feb },
      opener: "Orders usually come every 7 days and the last was on 20 Feb; last time (3 Feb) you spoke.",
    },
    {
      why: "a risk pick from a worried last call, no order facts",
      over: { kind: "risk", lastContactAt: calledOn3Feb.lastContactAt, lastOutcome: "at_risk" },
      opener: "Last time (3 Feb) they sounded at risk.",
    },
    {
      why: "a promise",
      over: {
        kind: "promise",
        promise: { what: "send the figures" },
        ...calledOn3Feb,
        lastOutcome: "left_message",
      },
      opener: 'Start with what you promised: "send the figures"; last time (3 Feb) you left a message.',
    },
    {
      why: "a review of a long-standing customer",
      over: { kind: "review", customerSince: "2009-05-01", ...calledOn3Feb },
      opener:
        "Suggest a meeting to review how things are going after 16 years as a customer; last time (3 Feb) you spoke.",
    },
    {
      why: "an exit interview",
      over: { kind: "exit_interview", departure: { lostOn: "2026-03-01", reason: "price" } },
      opener: 'Ask what made them leave (they gave "price") and what would have kept them.',
    },
    {
      why: "a win-back",
      over: { kind: "win_back", departure: { lostOn: "2025-10-01", reason: "moved to a rival" } },
      opener: 'They left in October 2025 over "moved to a rival"; ask whether that has changed.',
    },
    {
      why: "a win-back without a departure reason",
      over: { kind: "win_back", departure: { lostOn: "2026-01-20", reason: " " } },
      opener: "They left on 20 Jan; ask whether that has changed.",
    },
    {
      why: "a due account never contacted, with no facts",
      over: {},
      opener: "Introduce yourself.",
    },
    {
      why: "a due account whose last contact has no outcome",
      over: { lastContactAt: calledOn3Feb.lastContactAt },
      opener: "Your last contact was on 3 Feb.",
    },
    {
      why: "a contact from another year",
      over: { lastContactAt: new Date("2025-11-03T10:00:00Z"), lastOutcome: "no_answer" },
      opener: "Last time (3 Nov 2025) nobody answered.",
    },
    {
      why: "a customer of less than a year",
      over: { kind: "review", customerSince: "2025-06-01", lastContactAt: null },
      opener: "Suggest a meeting to review how things are going.",
    },
  ] as Array<{ why: string; over: Partial<OpenerFacts>; opener: string }>)(
    "for $why it reads: $opener",
    ({ over, opener }) => {
      expect(suggestOpener(facts(over))).toBe(opener);
    },
  );

  it("never states a fact the bot lacks: no order, note, tenure or promise words without them", () => {
    for (const kind of ["due", "risk", "review", "promise", "exit_interview", "win_back"] as const) {
      const text = suggestOpener(facts({ kind }));
      expect(text).not.toMatch(/order|noted|years|promised|"|'|\d/);
      expect(text).toMatch(/^[A-Z].*\.$/);
    }
  });

  it("stays within the limit with the longest notes, promises and reasons, cutting them with an ellipsis", () => {
    const long = "word ".repeat(400);
    const text = suggestOpener(
      facts({
        kind: "promise",
        promise: { what: long },
        lastNote: long,
        ...calledOn3Feb,
        departure: { lostOn: "2026-01-01", reason: long },
      }),
    );
    expect(text.length).toBeLessThanOrEqual(OPENER_LIMIT);
    expect(text).toContain("…");
    for (const kind of ["exit_interview", "win_back"] as const) {
      const lost = suggestOpener(
        facts({ kind, departure: { lostOn: "2026-01-01", reason: long }, lastNote: long }),
      );
      expect(lost.length).toBeLessThanOrEqual(OPENER_LIMIT);
    }
  });

  it("notes spread over several lines read as one line", () => {
    const text = suggestOpener(facts({ ...calledOn3Feb, lastNote: "call back\n\nafter   the fair" }));
    expect(text).toBe("Last time (3 Feb) you noted 'call back after the fair'.");
  });
});

describe("the planner gives every pick an opener", () => {
  it("a promise pick, a due pick and a win-back each carry their own sentence", () => {
    const accounts = ranked([
      account(1, 1, {
        value: 900_000,
        lastContactAt: daysAgo(40),
        lastNote: "wants a demo",
        lastReviewAt: daysAgo(20),
      }),
      account(2, 1, { value: 5_000, lastContactAt: daysAgo(100) }),
      account(3, 1, { value: 10_000, lastContactAt: daysAgo(1) }),
    ]);
    const picks =
      planDay(input({ reps: [rep(1)], accounts, promises: [promise(1, 3, 1, onDay(0))] }))[0]?.picks ?? [];
    expect(picks.map((p) => [p.accountName, p.opener])).toEqual([
      ["Account 3", 'Start with what you promised: "send the figures"; last time (9 Mar) you spoke.'],
      ["Account 1", "Last time (29 Jan) you noted 'wants a demo'."],
      ["Account 2", "Last time (30 Nov 2025) you spoke."],
    ]);
  });
});
