/**
 * Plans a day for many reps: the ranking and the candidates are found once for all of them, then
 * the candidate accounts are loaded and planned one batch of reps at a time, so that memory stays
 * bounded however large the workspace. A paused rep travels in its backup's batch. Writes nothing.
 */
import { planDayWithMoreDue } from "../../domain/planner/plan-day.js";
import { makeRouter } from "../../domain/planner/routing.js";
import type { PlannerRep, RepPlan } from "../../domain/planner/types.js";
import type { Tx } from "../../storage/database.js";
import { tunePlanningTransaction } from "../../storage/planner-inputs.js";
import {
  findCandidateIds,
  loadBatchInput,
  loadPlanningBasis,
  type PlanInputParams,
} from "./load-plan-input.js";

/** Reps loaded and planned together. */
export const REPS_PER_BATCH = 2_000;

export interface PlannedReps {
  /** One plan per requested rep (every rep of the workspace when none are named). */
  plans: RepPlan[];
  /** Per rep: due picks that did not fit the handful and roll forward. */
  moreDue: Map<number, number>;
}

export function planReps(db: Tx, params: PlanInputParams): Promise<PlannedReps> {
  // One snapshot for every query (in this transaction, or in the caller's when there is one).
  return db.transaction(async (tx) => {
    await tunePlanningTransaction(tx);
    return planInTransaction(tx, params);
  });
}

async function planInTransaction(db: Tx, params: PlanInputParams): Promise<PlannedReps> {
  const basis = await loadPlanningBasis(db, params);
  const { reps } = basis;
  const candidates = await findCandidateIds(db, basis);
  const wanted = new Set(params.repIds ?? reps.map((r) => r.id));
  const plans: RepPlan[] = [];
  const moreDue = new Map<number, number>();
  const picked = new Set<number>();
  const batches = batchesByReceiver(reps, params.date);
  const load = (i: number) => {
    const pending = loadBatchInput(db, basis, candidates, batches[i]!);
    pending.catch(() => {}); // awaited below; this only keeps an abandoned load from crashing the process
    return pending;
  };
  let next = batches.length > 0 ? load(0) : undefined;
  for (let i = 0; next !== undefined; i++) {
    const input = await next;
    // The database reads the next batch while this one is planned.
    next = i + 1 < batches.length ? load(i + 1) : undefined;
    // An account picked in an earlier batch (say through a promise) is not picked again.
    input.accounts = input.accounts.filter((a) => !picked.has(a.id));
    const day = planDayWithMoreDue(input);
    for (const plan of day.plans) {
      for (const pick of plan.picks) picked.add(pick.accountId);
      if (!wanted.has(plan.repId)) continue;
      plans.push(plan);
      moreDue.set(plan.repId, day.moreDue.get(plan.repId) ?? 0);
    }
  }
  plans.sort((a, b) => a.repId - b.repId);
  return { plans, moreDue };
}

/** Batches of about REPS_PER_BATCH reps, each paused rep with the backup who covers it. */
function batchesByReceiver(reps: PlannerRep[], date: string): PlannerRep[][] {
  const route = makeRouter(reps, date);
  const groups = new Map<number, PlannerRep[]>();
  for (const rep of reps) {
    const key = route(rep.id) ?? rep.id;
    const group = groups.get(key);
    if (group) group.push(rep);
    else groups.set(key, [rep]);
  }
  const batches: PlannerRep[][] = [];
  let current: PlannerRep[] = [];
  for (const group of groups.values()) {
    current.push(...group);
    if (current.length >= REPS_PER_BATCH) {
      batches.push(current);
      current = [];
    }
  }
  if (current.length > 0) batches.push(current);
  return batches;
}
