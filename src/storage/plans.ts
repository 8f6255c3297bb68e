/**
 * Saves a morning's plans: one `claimed` nudge per rep with picks and its picks, each with one
 * multi-row statement (rows travel as one JSON parameter, so any number fits). Reps who already
 * have a nudge for that date keep it untouched. Run it in a transaction: all or nothing.
 */
import { sql } from "drizzle-orm";
import type { RepPlan } from "../domain/planner/types.js";
import { queryRows, type Tx } from "./database.js";

/** nudges.more_due is a smallint. */
const MAX_MORE_DUE = 32_767;

export interface SavedPlans {
  nudges: number;
  picks: number;
}

export async function savePlans(
  db: Tx,
  workspaceId: number,
  date: string,
  plans: readonly RepPlan[],
  moreDue: ReadonlyMap<number, number> = new Map(),
): Promise<SavedPlans> {
  const withPicks = plans.filter((p) => p.picks.length > 0);
  if (withPicks.length === 0) return { nudges: 0, picks: 0 };
  const nudgeRows = JSON.stringify(
    withPicks.map((p) => ({ rep_id: p.repId, more_due: Math.min(moreDue.get(p.repId) ?? 0, MAX_MORE_DUE) })),
  );
  const created = await queryRows<{ id: number; rep_id: number }>(
    db,
    sql`insert into nudges (workspace_id, rep_id, local_date, status, more_due)
        select ${workspaceId}, r.rep_id, ${date}::date, 'claimed', r.more_due
        from json_to_recordset(${nudgeRows}::json) as r(rep_id int, more_due int)
        on conflict (rep_id, local_date) do nothing
        returning id, rep_id`,
  );
  const nudgeOf = new Map(created.map((n) => [n.rep_id, n.id]));
  const pickRows = withPicks.flatMap((plan) => {
    const nudgeId = nudgeOf.get(plan.repId);
    if (nudgeId === undefined) return [];
    return plan.picks.map((p, position) => ({
      nudge_id: nudgeId,
      account_id: p.accountId,
      position,
      kind: p.kind,
      reason: p.reason,
      opener: p.opener,
      promise_id: p.promiseId,
    }));
  });
  if (pickRows.length > 0) {
    await db.execute(
      sql`insert into picks (workspace_id, nudge_id, account_id, position, kind, reason, opener, promise_id)
          select ${workspaceId}, r.nudge_id, r.account_id, r.position, r.kind, r.reason, r.opener, r.promise_id
          from json_to_recordset(${JSON.stringify(pickRows)}::json)
            as r(nudge_id int, account_id int, position int, kind text, reason text, opener text, promise_id int)`,
    );
  }
  return { nudges: created.length, picks: pickRows.length };
}
