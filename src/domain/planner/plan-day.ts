/**
 * The planner: the handful of contacts each rep should make on `date` (docs/planner-rules.md).
 * Pure and deterministic: same input, same plans.
 *
 *   1. Due promises (planner rule 4) go first, oldest first, and the handful never cuts them.
 *   2. Every other account that needs a contact today becomes a candidate (candidates.ts): due by
 *      cadence (planner rules 2 and 3), at risk (planner rule 5), review due (planner rule 8),
 *      exit interview or win-back (planner rule 9). Snoozed accounts are left out (planner rule 7).
 *   3. A paused rep's candidates go to the backup, or wait (routing.ts, planner rule 7).
 *   4. Each rep gets the best-scored candidates (planner rule 6) up to the handful left after
 *      promises. An account is never picked twice, not even for two reps (planner rule 12).
 */
import { accountCandidate, type Candidate, promiseCandidate } from "./candidates.js";
import { byDueTime, isPromiseDue } from "./promises.js";
import { coveringPhrase, joinReason } from "./reasons.js";
import { makeRouter } from "./routing.js";
import { byScore } from "./score.js";
import type { Pick, PlanInput, RepPlan } from "./types.js";

export interface DayPlan {
  /** One plan per rep of the input, in the input's order (paused reps get an empty one). */
  plans: RepPlan[];
  /** Per rep: candidates that did not fit the handful and roll forward ("and N more due"). */
  moreDue: Map<number, number>;
}

/** The picks of every rep in the input for `input.date`. */
export function planDay(input: PlanInput): RepPlan[] {
  return planDayWithMoreDue(input).plans;
}

/** Like `planDay`, also counting what rolls forward for each rep. */
export function planDayWithMoreDue(input: PlanInput): DayPlan {
  const repsById = new Map(input.reps.map((r) => [r.id, r]));
  const zoneOf = (repId: number) => repsById.get(repId)?.timezone;
  const route = makeRouter(input.reps, input.date);
  const accounts = new Map(input.accounts.map((a) => [a.id, a]));
  const picked = new Set<number>();
  const promisesByRep = new Map<number, Candidate[]>();
  const poolByRep = new Map<number, Candidate[]>();

  const ctx = { date: input.date, settings: input.settings, zoneOf };
  for (const promise of [...input.promises].sort(byDueTime)) {
    const account = accounts.get(promise.accountId);
    const zone = zoneOf(promise.repId);
    if (!account || zone === undefined || picked.has(account.id) || !isPromiseDue(promise, input.date, zone))
      continue;
    const receiver = route(promise.repId);
    if (receiver === null) continue;
    picked.add(account.id);
    push(
      promisesByRep,
      receiver,
      covering(promiseCandidate(promise, account, { ...ctx, zone }), receiver, input),
    );
  }

  for (const account of input.accounts) {
    if (picked.has(account.id) || isSnoozed(account, input.date)) continue;
    const candidate = accountCandidate(account, ctx);
    if (candidate === null) continue;
    const receiver = route(candidate.repId);
    // An exit interview is never handed to the owner, even as someone's backup.
    if (receiver === null || (candidate.kind === "exit_interview" && receiver === account.ownerRepId))
      continue;
    push(poolByRep, receiver, covering(candidate, receiver, input));
  }

  const unloaded = unloadedByReceiver(input, route);
  const plans: RepPlan[] = [];
  const moreDue = new Map<number, number>();
  for (const rep of input.reps) {
    const promised = promisesByRep.get(rep.id) ?? [];
    const pool = (poolByRep.get(rep.id) ?? []).sort((a, b) => byScore(toScored(a), toScored(b)));
    const room = Math.max(0, rep.handful - promised.length);
    const chosen = pool.slice(0, room);
    plans.push({ repId: rep.id, picks: [...promised, ...chosen].map(toPick) });
    moreDue.set(rep.id, pool.length - chosen.length + (unloaded.get(rep.id) ?? 0));
  }
  return { plans, moreDue };
}

/** Snoozed until a date: left out before it, due again on it. */
export function isSnoozed(account: { snoozedUntil: string | null }, date: string): boolean {
  return account.snoozedUntil !== null && account.snoozedUntil > date;
}

function covering(candidate: Candidate, receiver: number, input: PlanInput): Candidate {
  if (receiver === candidate.repId) return candidate;
  const away = input.reps.find((r) => r.id === candidate.repId);
  return {
    ...candidate,
    repId: receiver,
    explain: () => joinReason([candidate.explain(), coveringPhrase(away?.name)]),
    opener: candidate.opener,
  };
}

function unloadedByReceiver(input: PlanInput, route: (repId: number) => number | null): Map<number, number> {
  const counts = new Map<number, number>();
  for (const [repId, n] of input.unloadedCandidates ?? []) {
    const receiver = route(repId);
    if (receiver !== null) counts.set(receiver, (counts.get(receiver) ?? 0) + n);
  }
  return counts;
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function toScored(c: Candidate): { score: number; accountId: number } {
  return { score: c.score, accountId: c.account.id };
}

function toPick(c: Candidate): Pick {
  return {
    accountId: c.account.id,
    externalId: c.account.externalId,
    accountName: c.account.name,
    kind: c.kind,
    reason: c.explain(),
    opener: c.opener(),
    score: c.score,
    promiseId: c.promiseId,
  };
}
