/**
 * Keeps the planner's stored dates (accounts.at_risk_from, due_on, review_due_on, next_pick_on)
 * equal to what domain/planner/planner-dates.ts derives from the account's facts, its stored tier
 * and its owner's zone: one set statement over the accounts a write touched (or over a rep's, or
 * the whole workspace's after a settings change), writing only the rows whose dates moved.
 * The SQL repeats `plannerDates`; the property test in test/storage/planner-dates.db.test.ts
 * proves that they agree (change both together).
 */
import { type SQL, sql } from "drizzle-orm";
import type { WorkspaceSettings } from "../domain/settings.js";
import { queryRows, type Tx } from "./database.js";

/** Which accounts of the workspace to derive again. */
export type DatesScope =
  | { accountIds: readonly number[] }
  | { repIds: readonly number[] }
  /** Every account written in this transaction (an import sets updated_at = now()). */
  | { writtenInTransaction: true }
  | { all: true };

export type DatesSettings = Pick<
  WorkspaceSettings,
  "timezone" | "cadenceDays" | "riskGapFactor" | "reviewMonths"
>;

/** Derives the dates again for the accounts in `scope`; returns how many rows changed. */
export async function refreshPlannerDates(
  db: Tx,
  workspaceId: number,
  settings: DatesSettings,
  scope: DatesScope,
): Promise<number> {
  if ("accountIds" in scope && scope.accountIds.length === 0) return 0;
  if ("repIds" in scope && scope.repIds.length === 0) return 0;
  const [row] = await queryRows<{ n: number }>(db, refreshSql(workspaceId, settings, scopeSql(scope)));
  return row?.n ?? 0;
}

function scopeSql(scope: DatesScope): SQL {
  if ("accountIds" in scope) return sql`a.id = any(${`{${scope.accountIds.join(",")}}`}::int[])`;
  if ("repIds" in scope) return sql`a.owner_rep_id = any(${`{${scope.repIds.join(",")}}`}::int[])`;
  if ("writtenInTransaction" in scope) return sql`a.updated_at >= now()`;
  return sql`true`;
}

function refreshSql(workspaceId: number, s: DatesSettings, scope: SQL): SQL {
  return sql`
    with facts as (
      select a.id, a.status, a.tier,
        (a.last_contact_at at time zone coalesce(o.timezone, ${s.timezone}))::date as contact_day,
        (a.last_review_at at time zone coalesce(o.timezone, ${s.timezone}))::date as review_day,
        coalesce(a.cadence_days, case a.tier when 'A' then ${s.cadenceDays.A}::int
          when 'B' then ${s.cadenceDays.B}::int else ${s.cadenceDays.C}::int end) as cadence,
        -- Planner rule 5: a risky outcome, always; a gap over the factor, from the day after floor(factor * interval).
        case when a.last_outcome in ('at_risk', 'issue_raised') then '-infinity'::date
             when a.last_order_at is not null and a.avg_order_interval_days > 0
               then a.last_order_at + (floor(${s.riskGapFactor}::float8 * a.avg_order_interval_days)::int + 1)
             else 'infinity'::date end as risk_from
      from accounts a join reps o on o.id = a.owner_rep_id
      where a.workspace_id = ${workspaceId} and ${scope}
    ),
    review_age as (
      select *, (review_day + 1 + make_interval(months => ${s.reviewMonths}::int))::date as plus_months
      from facts
    ),
    derived as (
      select id, status, risk_from,
        case when contact_day is null then '-infinity'::date
             else least(contact_day + cadence, greatest(risk_from, contact_day + (cadence + 1) / 2)) end as due_on,
        case when status <> 'active' or tier <> 'A' then 'infinity'::date
             else greatest(
               case when review_day is null then '-infinity'::date
                    when extract(day from plus_months) = extract(day from review_day + 1) then plus_months
                    else (date_trunc('month', plus_months) + interval '1 month')::date end,
               coalesce(contact_day + cadence, '-infinity'::date)) end as review_due_on
      from review_age
    ),
    changed as (
      update accounts a set at_risk_from = d.risk_from, due_on = d.due_on, review_due_on = d.review_due_on,
        next_pick_on = case when d.status = 'active' then least(d.due_on, d.review_due_on) else 'infinity'::date end
      from derived d
      where a.id = d.id
        and (a.at_risk_from, a.due_on, a.review_due_on, a.next_pick_on) is distinct from
            (d.risk_from, d.due_on, d.review_due_on,
             case when d.status = 'active' then least(d.due_on, d.review_due_on) else 'infinity'::date end)
      returning 1
    )
    select count(*)::int as n from changed`;
}
