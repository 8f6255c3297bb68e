import { describe, expect, it } from "vitest";
import { planDay, planDayWithMoreDue } from "../../../src/domain/planner/plan-day.js";
import type { PlanInput, PlannerAccount } from "../../../src/domain/planner/types.js";
import { account, DATE, daysAgo, input, onDay, promise, ranked, rep } from "./book.js";

const picksOf = (plan: PlanInput, repId = 1) => planDay(plan).find((p) => p.repId === repId)?.picks ?? [];
const namesOf = (plan: PlanInput, repId = 1) => picksOf(plan, repId).map((p) => p.accountName);

/** A book of `n` big A accounts of rep 1, all overdue, plus whatever else is given. */
function fullOfAAccounts(n: number, extra: PlannerAccount[] = []): PlannerAccount[] {
  const big = Array.from({ length: n }, (_, i) =>
    account(100 + i, 1, {
      name: `Big ${i}`,
      value: 5_000_000,
      lastContactAt: daysAgo(20),
      lastReviewAt: daysAgo(10),
    }),
  );
  return ranked([...big, ...extra]);
}

describe("the stories", () => {
  it("a long-term customer with good credit whose orders stopped months ago, whom nobody called, is picked and the reason says the orders stopped", () => {
    const book = ranked([
      account(1, 1, {
        name: "Old Faithful GmbH",
        value: 400_000,
        customerSince: "2009-05-01",
        lastContactAt: daysAgo(120),
        lastOrderAt: "2025-12-20",
        avgOrderIntervalDays: 21,
      }),
      account(2, 1, {
        name: "Busy AG",
        value: 900_000,
        lastContactAt: daysAgo(2),
        lastReviewAt: daysAgo(20),
      }),
    ]);
    const picks = picksOf(input({ reps: [rep(1)], accounts: book }));
    const pick = picks.find((p) => p.accountName === "Old Faithful GmbH");
    expect(pick?.kind).toBe("risk");
    expect(pick?.reason).toContain("orders stopped 3 months ago");
    expect(pick?.reason).toContain("120 days since last call");
  });

  it("a top-ten account called every week is not picked again before its cadence", () => {
    const topTen = Array.from({ length: 10 }, (_, i) =>
      account(i + 1, 1, { value: 1_000_000 - i, lastContactAt: daysAgo(3), lastReviewAt: daysAgo(40) }),
    );
    const book = ranked([
      ...topTen,
      ...Array.from({ length: 40 }, (_, i) => account(50 + i, 1, { value: 1_000 })),
    ]);
    expect(book[0]?.tier).toBe("A");
    expect(namesOf(input({ reps: [rep(1)], accounts: book }))).toEqual([]);

    const aWeekLater = book.map((a) => (a.id === 1 ? { ...a, lastContactAt: daysAgo(7) } : a));
    expect(namesOf(input({ reps: [rep(1)], accounts: aWeekLater }))).toEqual(["Account 1"]);
  });

  it("a promise due today for a C account is picked first, even when the handful is full of A accounts", () => {
    const small = account(1, 1, { name: "Tiny Ltd", value: 5_000, lastContactAt: daysAgo(1) });
    const book = fullOfAAccounts(8, [small]);
    expect(book.find((a) => a.id === 1)?.tier).toBe("C");
    const picks = picksOf(
      input({ reps: [rep(1)], accounts: book, promises: [promise(1, 1, 1, onDay(0, "16:00"))] }),
    );
    expect(picks[0]).toMatchObject({ accountName: "Tiny Ltd", kind: "promise", promiseId: 1 });
    expect(picks[0]?.reason).toContain('Promise due today 16:00: "send the figures"');
    expect(picks).toHaveLength(5);
  });
});

describe("promises first (planner rule 4)", () => {
  it("every due promise is picked even beyond the handful; the handful then takes nothing else", () => {
    const accounts = fullOfAAccounts(
      3,
      [1, 2, 3].map((id) => account(id, 1, { value: 1_000 })),
    );
    const promises = [1, 2, 3].map((id) => promise(id, id, 1, onDay(-id)));
    const picks = picksOf(input({ reps: [rep(1, { handful: 2 })], accounts, promises }));
    expect(picks.map((p) => p.kind)).toEqual(["promise", "promise", "promise"]);
    expect(picks.map((p) => p.promiseId)).toEqual([3, 2, 1]);
  });

  it("an overdue promise says since when; one due tomorrow waits", () => {
    const accounts = ranked([account(1, 1), account(2, 1)]);
    const promises = [
      promise(1, 1, 1, onDay(-2, "09:30"), "call back about the invoice"),
      promise(2, 2, 1, onDay(1)),
    ];
    const picks = picksOf(input({ reps: [rep(1)], accounts, promises }));
    expect(picks).toHaveLength(1);
    expect(picks[0]?.reason).toContain(
      'Promise overdue since Sun 8 Mar 09:30: "call back about the invoice"',
    );
  });

  it("a promise due at 23:59 local today counts; one at 00:00 tomorrow does not", () => {
    const accounts = ranked([account(1, 1), account(2, 1)]);
    const promises = [promise(1, 1, 1, onDay(0, "23:59")), promise(2, 2, 1, onDay(1, "00:00"))];
    expect(picksOf(input({ reps: [rep(1)], accounts, promises })).map((p) => p.promiseId)).toEqual([1]);
  });

  it("a due promise on a snoozed account is still picked: it is a commitment", () => {
    const accounts = ranked([account(1, 1, { snoozedUntil: "2026-04-01" })]);
    const picks = picksOf(input({ reps: [rep(1)], accounts, promises: [promise(1, 1, 1, onDay(0))] }));
    expect(picks.map((p) => p.kind)).toEqual(["promise"]);
  });
});

describe("due accounts, score and handful (rules 3, 6)", () => {
  it("takes the best-scored due accounts up to the rep's handful and counts the rest as more due", () => {
    const accounts = ranked(
      Array.from({ length: 9 }, (_, i) =>
        account(i + 1, 1, { value: 10_000 * (i + 1), lastContactAt: daysAgo(100) }),
      ),
    );
    const { plans, moreDue } = planDayWithMoreDue(input({ reps: [rep(1, { handful: 3 })], accounts }));
    expect(plans[0]?.picks.map((p) => p.accountId)).toEqual([9, 8, 7]);
    expect(moreDue.get(1)).toBe(6);
  });

  it("a never-contacted account is due", () => {
    const accounts = ranked([account(1, 1, { lastContactAt: null, lastChannel: null })]);
    const picks = picksOf(input({ reps: [rep(1)], accounts }));
    expect(picks[0]?.reason).toContain("never contacted");
  });

  it("equal scores are ordered by account id, whatever the input order", () => {
    const accounts = ranked(
      [5, 3, 4].map((id) => account(id, 1, { value: 1_000, lastContactAt: daysAgo(100) })),
    );
    expect(picksOf(input({ reps: [rep(1)], accounts })).map((p) => p.accountId)).toEqual([3, 4, 5]);
    expect(
      picksOf(input({ reps: [rep(1)], accounts: [...accounts].reverse() })).map((p) => p.accountId),
    ).toEqual([3, 4, 5]);
  });

  it("the reason reads like the spec's example", () => {
    const accounts = ranked([
      account(1, 1, {
        value: 2_000_000,
        lastContactAt: daysAgo(23),
        lastReviewAt: daysAgo(10),
        lastOrderAt: "2026-01-05",
        avgOrderIntervalDays: 30,
      }),
      ...Array.from({ length: 20 }, (_, i) => account(10 + i, 2, { value: 10_000 })),
    ]);
    expect(picksOf(input({ reps: [rep(1)], accounts }))[0]?.reason).toBe(
      "Top 5% by revenue · 23 days since last call (every 7) · orders stopped 2 months ago",
    );
  });
});

describe("risk (planner rule 5)", () => {
  it("an account flagged at risk on the last call comes back after half its cadence, above a plain due one", () => {
    const accounts = ranked(
      [
        account(1, 1, { value: 10_000, lastContactAt: daysAgo(15), lastOutcome: "at_risk" }),
        account(2, 1, { value: 10_000, lastContactAt: daysAgo(95) }),
      ],
      { 1: "B", 2: "C" },
    );
    const picks = picksOf(input({ reps: [rep(1)], accounts }));
    expect(picks.map((p) => [p.accountId, p.kind])).toEqual([
      [1, "risk"],
      [2, "due"],
    ]);
    expect(picks[0]?.reason).toContain("flagged at risk on last call");
  });
});

describe("not picked (planner rule 7)", () => {
  it("a snoozed account is left out until the snooze date, and is due again on it", () => {
    const book = (until: string) =>
      ranked([account(1, 1, { lastContactAt: daysAgo(100), snoozedUntil: until })]);
    expect(namesOf(input({ reps: [rep(1)], accounts: book("2026-03-11") }))).toEqual([]);
    expect(namesOf(input({ reps: [rep(1)], accounts: book(DATE) }))).toEqual(["Account 1"]);
  });

  it("a paused rep gets nothing; the backup gets the due accounts and promises, saying whom they cover for", () => {
    const accounts = ranked([
      account(1, 1, { lastContactAt: daysAgo(100) }),
      account(2, 2, { lastContactAt: daysAgo(100) }),
      account(3, 1),
    ]);
    const reps = [rep(1, { pausedUntil: "2026-03-20", backupRepId: 2, name: "Ana Lima" }), rep(2)];
    const plans = planDay(input({ reps, accounts, promises: [promise(1, 3, 1, onDay(0))] }));
    expect(plans.find((p) => p.repId === 1)?.picks).toEqual([]);
    const backup = plans.find((p) => p.repId === 2)?.picks ?? [];
    expect(backup.map((p) => [p.accountId, p.kind])).toEqual([
      [3, "promise"],
      [1, "due"],
      [2, "due"],
    ]);
    expect(backup[0]?.reason).toContain("covering for Ana Lima (away)");
  });

  it("a paused rep whose backup is not being planned (or is paused too) has its accounts wait", () => {
    const accounts = ranked([account(1, 1, { lastContactAt: daysAgo(100) })]);
    const alone = [rep(1, { pausedUntil: DATE, backupRepId: 2 })];
    expect(planDay(input({ reps: alone, accounts }))[0]?.picks).toEqual([]);
    const bothAway = [rep(1, { pausedUntil: DATE, backupRepId: 2 }), rep(2, { pausedUntil: DATE })];
    expect(planDay(input({ reps: bothAway, accounts })).flatMap((p) => p.picks)).toEqual([]);
  });

  it("a pause that ended yesterday no longer counts", () => {
    const accounts = ranked([account(1, 1, { lastContactAt: daysAgo(100) })]);
    expect(namesOf(input({ reps: [rep(1, { pausedUntil: "2026-03-09" })], accounts }))).toEqual([
      "Account 1",
    ]);
  });

  it("an account of a rep not being planned is never picked", () => {
    const accounts = ranked([account(1, 9, { lastContactAt: daysAgo(100) })]);
    expect(planDay(input({ reps: [rep(1)], accounts })).flatMap((p) => p.picks)).toEqual([]);
  });

  it("an account is never picked twice, even when two reps promised something on it", () => {
    const accounts = ranked([account(1, 1, { lastContactAt: daysAgo(100) })]);
    const promises = [promise(1, 1, 1, onDay(0, "10:00")), promise(2, 1, 2, onDay(0, "11:00"))];
    const all = planDay(input({ reps: [rep(1), rep(2)], accounts, promises })).flatMap((p) => p.picks);
    expect(all.map((p) => [p.accountId, p.promiseId])).toEqual([[1, 1]]);
  });
});

describe("relationship review (planner rule 8) and no nagging right after a contact (planner rule 14)", () => {
  const overdueReview = (over: Partial<PlannerAccount>) =>
    ranked([
      account(1, 1, { value: 1_000_000, lastReviewAt: daysAgo(245), ...over }),
      account(2, 1, { value: 10_000 }),
    ]);

  it.each([
    { days: 1, picked: [] as string[], why: "called yesterday" },
    { days: 3, picked: [], why: "called three days ago" },
    { days: 6, picked: [], why: "called six days ago (cadence 7)" },
    { days: 7, picked: ["review"], why: "called a week ago: the cadence has passed" },
  ])("an A account not reviewed for eight months and $why gets picks $picked", ({ days, picked }) => {
    const picks = picksOf(
      input({ reps: [rep(1)], accounts: overdueReview({ lastContactAt: daysAgo(days) }) }),
    );
    expect(picks.map((p) => p.kind)).toEqual(picked);
    if (picked.length > 0)
      expect(picks[0]?.reason).toContain("relationship review due (last one 8 months ago)");
  });

  it("an A account never contacted and never reviewed gets a review pick", () => {
    const picks = picksOf(
      input({ reps: [rep(1)], accounts: overdueReview({ lastContactAt: null, lastReviewAt: null }) }),
    );
    expect(picks.map((p) => [p.kind, p.reason])).toEqual([
      ["review", "Top 50% by revenue · never contacted (every 7) · relationship review due (none yet)"],
    ]);
  });

  it("a review held back by a recent call rides along on the account's promise pick", () => {
    const accounts = overdueReview({ lastContactAt: daysAgo(1) });
    const picks = picksOf(input({ reps: [rep(1)], accounts, promises: [promise(1, 1, 1, onDay(0))] }));
    expect(picks.map((p) => p.kind)).toEqual(["promise"]);
    expect(picks[0]?.reason).toMatch(/· also due: the six-month review$/);
  });

  it("a review held back by a recent call rides along on a risk pick", () => {
    const accounts = overdueReview({ lastContactAt: daysAgo(4), lastOutcome: "at_risk" });
    const picks = picksOf(input({ reps: [rep(1)], accounts }));
    expect(picks.map((p) => p.kind)).toEqual(["risk"]);
    expect(picks[0]?.reason).toContain("flagged at risk on last call · also due: the six-month review");
  });
});

describe("lost accounts (rules 7, 9)", () => {
  const lost = (over: Partial<NonNullable<PlannerAccount["departure"]>>) =>
    account(1, 1, {
      status: "lost",
      valueRank: 0,
      lastContactAt: daysAgo(200),
      departure: {
        lostOn: "2026-03-01",
        reason: "price",
        exitInterviewRepId: 2,
        exitInterviewAt: null,
        lastWinBackAt: null,
        ...over,
      },
    });

  it("a lost account gets an exit interview pick for the rep its departure names, not for the owner", () => {
    const plans = planDay(input({ reps: [rep(1), rep(2)], accounts: [lost({})] }));
    expect(plans.find((p) => p.repId === 1)?.picks).toEqual([]);
    const pick = plans.find((p) => p.repId === 2)?.picks[0];
    expect(pick?.kind).toBe("exit_interview");
    expect(pick?.reason).toContain('Exit interview · lost 9 days ago: "price"');
  });

  it("after the exit interview, the owner gets a win-back pick every 90 days", () => {
    const interviewed = (daysBack: number) => lost({ exitInterviewAt: daysAgo(daysBack) });
    expect(
      planDay(input({ reps: [rep(1), rep(2)], accounts: [interviewed(89)] })).flatMap((p) => p.picks),
    ).toEqual([]);
    const plans = planDay(input({ reps: [rep(1), rep(2)], accounts: [interviewed(90)] }));
    expect(plans.find((p) => p.repId === 1)?.picks[0]?.kind).toBe("win_back");
    const later = lost({ exitInterviewAt: daysAgo(300), lastWinBackAt: daysAgo(91) });
    const again = planDay(input({ reps: [rep(1), rep(2)], accounts: [later] }));
    expect(again.find((p) => p.repId === 1)?.picks[0]?.reason).toContain(
      "last win-back 3 months ago (every 90 days)",
    );
  });

  it.each([
    { days: 10, picked: [] as string[], why: "called ten days ago (cadence 90)" },
    { days: 90, picked: ["win_back"], why: "called 90 days ago" },
  ])("a win-back fallen due is picked $picked when the account was $why", ({ days, picked }) => {
    const account = { ...lost({ exitInterviewAt: daysAgo(200) }), lastContactAt: daysAgo(days) };
    const plans = planDay(input({ reps: [rep(1), rep(2)], accounts: [account] }));
    expect(plans.flatMap((p) => p.picks).map((p) => p.kind)).toEqual(picked);
  });

  it("a win-back held back by a recent contact rides along on a promise to the account", () => {
    const account = { ...lost({ exitInterviewAt: daysAgo(200) }), lastContactAt: daysAgo(10) };
    const promises = [promise(1, 1, 1, onDay(0))];
    const picks = planDay(input({ reps: [rep(1), rep(2)], accounts: [account], promises })).flatMap(
      (p) => p.picks,
    );
    expect(picks.map((p) => p.kind)).toEqual(["promise"]);
    expect(picks[0]?.reason).toMatch(/also due: a win-back contact$/);
  });

  it("a lost account is otherwise never picked, however long since the last call", () => {
    const quiet = lost({ exitInterviewRepId: 2, exitInterviewAt: daysAgo(10) });
    expect(planDay(input({ reps: [rep(1), rep(2)], accounts: [quiet] })).flatMap((p) => p.picks)).toEqual([]);
  });

  it("an exit interview never goes to the owner, even as the interviewer's backup", () => {
    const reps = [rep(1), rep(2, { pausedUntil: DATE, backupRepId: 1 })];
    expect(planDay(input({ reps, accounts: [lost({})] })).flatMap((p) => p.picks)).toEqual([]);
  });
});
