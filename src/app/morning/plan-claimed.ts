/**
 * Plans the claimed nudges that have no picks yet and saves their picks, one transaction per
 * (workspace, local date): either a nudge gets all its picks, or none and it is planned again.
 */
import type { RepPlan } from "../../domain/planner/types.js";
import type { Tx } from "../../storage/database.js";
import { insertPicks, markEmpty, setMoreDue, type WorkNudge } from "../../storage/nudges.js";
import type { AppContext } from "../ports.js";

/** The planner as the daily run uses it (`planReps` in production). */
export type PlanRepsFn = (
  db: Tx,
  input: { workspaceId: number; date: string; now: Date; repIds?: number[] },
) => Promise<{ plans: RepPlan[]; moreDue: Map<number, number> }>;

export interface PlanOutcome {
  /** Nudges whose picks are saved: to be sent. */
  ready: WorkNudge[];
  /** Nudges of reps with nothing due: ended `empty`, no message. */
  empty: WorkNudge[];
  /** Nudges the planner failed on, with the error: to be retried. */
  failed: { nudge: WorkNudge; error: unknown }[];
}

const MAX_MORE_DUE = 32_767;

export async function planClaimed(
  ctx: AppContext,
  list: WorkNudge[],
  now: Date,
  planner: PlanRepsFn,
): Promise<PlanOutcome> {
  const outcome: PlanOutcome = { ready: [], empty: [], failed: [] };
  for (const group of groupByDay(list)) {
    try {
      await planGroup(ctx, group, now, planner, outcome);
    } catch (groupError) {
      if (group.length === 1) {
        outcome.failed.push({ nudge: group[0]!, error: groupError });
        continue;
      }
      // One rep's bad data must not hold back everyone's morning: plan them one by one.
      ctx.logger.warn(
        { err: groupError, reps: group.length },
        "planning a group failed; planning each rep alone",
      );
      for (const nudge of group) {
        try {
          await planGroup(ctx, [nudge], now, planner, outcome);
        } catch (error) {
          outcome.failed.push({ nudge, error });
        }
      }
    }
  }
  return outcome;
}

async function planGroup(
  ctx: AppContext,
  group: WorkNudge[],
  now: Date,
  planner: PlanRepsFn,
  outcome: PlanOutcome,
): Promise<void> {
  const first = group[0]!;
  const saved = await ctx.db.transaction(async (tx) => {
    const { plans, moreDue: moreDueByRep } = await planner(tx, {
      workspaceId: first.workspaceId,
      date: first.localDate,
      now,
      repIds: group.map((n) => n.repId),
    });
    const byRep = new Map(plans.map((p) => [p.repId, p]));
    const result: { ready: WorkNudge[]; empty: WorkNudge[] } = { ready: [], empty: [] };
    const toSave: { workspaceId: number; nudgeId: number; picks: RepPlan["picks"] }[] = [];
    const more: { nudgeId: number; moreDue: number }[] = [];
    for (const nudge of group) {
      const picks = byRep.get(nudge.repId)?.picks ?? [];
      if (picks.length === 0) {
        result.empty.push(nudge);
        continue;
      }
      toSave.push({ workspaceId: nudge.workspaceId, nudgeId: nudge.id, picks });
      const moreDue = moreDueByRep.get(nudge.repId) ?? 0;
      if (moreDue > 0) more.push({ nudgeId: nudge.id, moreDue: Math.min(moreDue, MAX_MORE_DUE) });
      result.ready.push({ ...nudge, planned: true });
    }
    // A few statements per group, not a few per rep: a morning can hold thousands of reps.
    await markEmpty(
      tx,
      result.empty.map((n) => n.id),
    );
    await insertPicks(tx, toSave);
    await setMoreDue(tx, more);
    return result;
  });
  outcome.ready.push(...saved.ready);
  outcome.empty.push(...saved.empty);
}

function groupByDay(list: WorkNudge[]): WorkNudge[][] {
  const groups = new Map<string, WorkNudge[]>();
  for (const nudge of list) {
    const key = `${nudge.workspaceId}|${nudge.localDate}`;
    const group = groups.get(key);
    if (group) group.push(nudge);
    else groups.set(key, [nudge]);
  }
  return [...groups.values()];
}
