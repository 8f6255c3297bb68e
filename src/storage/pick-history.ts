/** What became of the picks delivered to reps: the history the adaptive handful reads. */
import { sql } from "drizzle-orm";
import type { PickHistory } from "../domain/planner/handful.js";
import { intArray } from "./candidates.js";
import { queryRows, type Tx } from "./database.js";

/**
 * Per rep, the picks of sent nudges for local dates in [from, to), and how many of them were
 * done or snoozed. Reps with no such picks are absent.
 */
export async function findPickHistory(
  db: Tx,
  repIds: readonly number[],
  from: string,
  to: string,
): Promise<Map<number, PickHistory>> {
  if (repIds.length === 0) return new Map();
  const rows = await queryRows<{ rep_id: number; delivered: number; acted_on: number }>(
    db,
    sql`select n.rep_id, count(*)::int as delivered,
          count(*) filter (where p.status in ('done', 'snoozed'))::int as acted_on
        from nudges n join picks p on p.nudge_id = n.id
        where n.rep_id = any(${intArray(repIds)}::int[]) and n.status = 'sent'
          and n.local_date >= ${from}::date and n.local_date < ${to}::date
        group by n.rep_id`,
  );
  return new Map(rows.map((r) => [r.rep_id, { delivered: r.delivered, actedOn: r.acted_on }]));
}
