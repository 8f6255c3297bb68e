import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { planDay } from "../../../src/domain/planner/plan-day.js";
import { isPromiseDue } from "../../../src/domain/planner/promises.js";
import { isPaused } from "../../../src/domain/planner/routing.js";
import type {
  PlanInput,
  PlannerAccount,
  PlannerPromise,
  PlannerRep,
  RepPlan,
} from "../../../src/domain/planner/types.js";
import { account, DATE, daysAgo, input, onDay, promise, rep, ZONE } from "./book.js";

/** Reps 1-4 are planned; reps 5 and 6 belong to nobody planned here (another workspace, say). */
const PLANNED = [1, 2, 3, 4];
const ANY_REP = [1, 2, 3, 4, 5, 6];

const repArb = (id: number) =>
  fc
    .record({
      handful: fc.integer({ min: 1, max: 6 }),
      paused: fc.boolean(),
      backupRepId: fc.option(fc.constantFrom(...ANY_REP), { nil: null }),
    })
    .map(({ handful, paused, backupRepId }) =>
      rep(id, {
        handful,
        pausedUntil: paused ? "2026-03-12" : null,
        backupRepId: paused ? backupRepId : null,
      }),
    );

const accountArb = (id: number) =>
  fc
    .record({
      owner: fc.constantFrom(...ANY_REP),
      tier: fc.constantFrom("A", "B", "C" as const),
      value: fc.integer({ min: 0, max: 5_000_000 }),
      contactDays: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }),
      reviewDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      outcome: fc.constantFrom("connected", "at_risk", "issue_raised", "no_answer", null),
      orderGap: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
      snoozeDays: fc.option(fc.integer({ min: -5, max: 20 }), { nil: null }),
      lost: fc.option(
        fc.record({
          daysAgo: fc.integer({ min: 0, max: 400 }),
          interviewer: fc.option(fc.constantFrom(...ANY_REP), { nil: null }),
          interviewDays: fc.option(fc.integer({ min: 0, max: 300 }), { nil: null }),
        }),
        { freq: 5, nil: null },
      ),
    })
    .map(
      (a): PlannerAccount =>
        account(id, a.owner, {
          tier: a.tier,
          value: a.value,
          valueRank: a.lost ? 0 : id,
          valuePercentile: 0.5,
          lastContactAt: a.contactDays === null ? null : daysAgo(a.contactDays),
          lastReviewAt: a.reviewDays === null ? null : daysAgo(a.reviewDays),
          lastOutcome: a.outcome,
          lastOrderAt: a.orderGap === null ? null : shiftDate(-a.orderGap),
          avgOrderIntervalDays: a.orderGap === null ? null : 30,
          snoozedUntil: a.snoozeDays === null ? null : shiftDate(a.snoozeDays),
          status: a.lost ? "lost" : "active",
          departure: a.lost
            ? {
                lostOn: shiftDate(-a.lost.daysAgo),
                reason: "price",
                exitInterviewRepId: a.lost.interviewer,
                exitInterviewAt: a.lost.interviewDays === null ? null : daysAgo(a.lost.interviewDays),
                lastWinBackAt: null,
              }
            : null,
        }),
    );

const bookArb = fc.integer({ min: 0, max: 25 }).chain((n) =>
  fc
    .record({
      reps: fc.tuple(...PLANNED.map(repArb)),
      accounts: fc.tuple(...Array.from({ length: n }, (_, i) => accountArb(i + 1))),
      promises: fc.array(
        fc.record({
          account: fc.integer({ min: 1, max: Math.max(1, n) }),
          rep: fc.constantFrom(...ANY_REP),
          day: fc.integer({ min: -5, max: 3 }),
        }),
        { maxLength: 6 },
      ),
    })
    .map(({ reps, accounts, promises }) =>
      input({
        reps,
        accounts,
        promises:
          n === 0 ? [] : promises.map((p, i) => promise(i + 1, p.account, p.rep, onDay(p.day, "12:00"))),
      }),
    ),
);

function shiftDate(days: number): string {
  const d = new Date(`${DATE}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Due promises whose rep (or that rep's backup) is being planned today. */
function servedDuePromises(plan: PlanInput): PlannerPromise[] {
  const reps = new Map(plan.reps.map((r) => [r.id, r]));
  const accounts = new Set(plan.accounts.map((a) => a.id));
  return plan.promises.filter((p) => {
    const owner = reps.get(p.repId);
    if (!owner || !accounts.has(p.accountId) || !isPromiseDue(p, plan.date, ZONE)) return false;
    if (!isPaused(owner, plan.date)) return true;
    const backup = owner.backupRepId === null ? undefined : reps.get(owner.backupRepId);
    return backup !== undefined && backup.id !== owner.id && !isPaused(backup, plan.date);
  });
}

/** Reps whose accounts `rep` may be handed: itself, and the paused reps it backs up. */
function coveredBy(plan: PlanInput, r: PlannerRep): Set<number> {
  const covered = new Set([r.id]);
  for (const other of plan.reps) {
    if (other.backupRepId === r.id && isPaused(other, plan.date)) covered.add(other.id);
  }
  return covered;
}

const allPicks = (plans: RepPlan[]) => plans.flatMap((p) => p.picks);

describe("planner properties", () => {
  it("is deterministic, whatever the order of accounts and promises", () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const shuffled = {
          ...plan,
          accounts: [...plan.accounts].reverse(),
          promises: [...plan.promises].reverse(),
        };
        expect(planDay(shuffled)).toEqual(planDay(plan));
        expect(planDay(plan)).toEqual(planDay(plan));
      }),
    );
  });

  it("never gives a rep more than the handful plus the due promises it receives", () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        for (const p of planDay(plan)) {
          const r = plan.reps.find((x) => x.id === p.repId)!;
          const promised = p.picks.filter((x) => x.kind === "promise").length;
          expect(p.picks.length).toBeLessThanOrEqual(r.handful + promised);
          expect(p.picks.slice(0, promised).every((x) => x.kind === "promise")).toBe(true);
        }
      }),
    );
  });

  it("never picks a snoozed account (unless a due promise names it), another rep's account, or one of reps not planned", () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const byId = new Map(plan.accounts.map((a) => [a.id, a]));
        for (const p of planDay(plan)) {
          const r = plan.reps.find((x) => x.id === p.repId)!;
          const covered = coveredBy(plan, r);
          if (isPaused(r, plan.date)) expect(p.picks).toEqual([]);
          for (const pick of p.picks) {
            const a = byId.get(pick.accountId)!;
            if (pick.kind === "promise") {
              const made = plan.promises.find((x) => x.id === pick.promiseId)!;
              expect(covered.has(made.repId)).toBe(true);
              continue;
            }
            expect(a.snoozedUntil === null || a.snoozedUntil <= plan.date).toBe(true);
            const meantFor = pick.kind === "exit_interview" ? a.departure?.exitInterviewRepId : a.ownerRepId;
            expect(covered.has(meantFor ?? -1)).toBe(true);
            expect(PLANNED).toContain(meantFor);
            if (pick.kind === "exit_interview") expect(p.repId).not.toBe(a.ownerRepId);
            if (a.status === "lost") expect(["exit_interview", "win_back"]).toContain(pick.kind);
          }
        }
      }),
    );
  });

  it("picks every due promise's account, never any account twice", () => {
    fc.assert(
      fc.property(bookArb, (plan) => {
        const picked = allPicks(planDay(plan)).map((p) => p.accountId);
        expect(new Set(picked).size).toBe(picked.length);
        for (const due of servedDuePromises(plan)) expect(picked).toContain(due.accountId);
      }),
    );
  });

  const raised = (
    plan: PlanInput,
    accountId: number,
    change: (a: PlannerAccount) => PlannerAccount,
  ): PlanInput => ({
    ...plan,
    accounts: plan.accounts.map((a) => (a.id === accountId ? change(a) : a)),
  });

  function rankAfter(
    plan: PlanInput,
    changed: (accountId: number) => PlanInput,
    check: (before: number, after: number) => void,
  ): void {
    for (const p of planDay(plan)) {
      p.picks.forEach((pick, position) => {
        if (pick.kind === "promise") return;
        const after = planDay(changed(pick.accountId)).find((x) => x.repId === p.repId)!;
        check(
          position,
          after.picks.findIndex((x) => x.accountId === pick.accountId),
        );
      });
    }
  }

  it("raising an account's value never lowers its rank", () => {
    fc.assert(
      fc.property(bookArb, fc.integer({ min: 1, max: 10_000_000 }), (plan, extra) => {
        rankAfter(
          plan,
          (id) => raised(plan, id, (a) => ({ ...a, value: a.value + extra })),
          (before, after) => {
            expect(after).toBeGreaterThanOrEqual(0);
            expect(after).toBeLessThanOrEqual(before);
          },
        );
      }),
    );
  });

  it("raising an account's days overdue never lowers its rank", () => {
    fc.assert(
      fc.property(bookArb, fc.integer({ min: 1, max: 300 }), (plan, extraDays) => {
        rankAfter(
          plan,
          (id) =>
            raised(plan, id, (a) =>
              a.lastContactAt === null
                ? a
                : { ...a, lastContactAt: new Date(a.lastContactAt.getTime() - extraDays * 86_400_000) },
            ),
          (before, after) => {
            expect(after).toBeGreaterThanOrEqual(0);
            expect(after).toBeLessThanOrEqual(before);
          },
        );
      }),
    );
  });
});
