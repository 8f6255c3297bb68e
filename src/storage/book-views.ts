/**
 * What the manager's views and the rep's home show of the book, as set queries over the accounts
 * of the reps in scope: coverage per rep and tier with the revenue at risk (one grouped scan), the
 * most valuable overdue accounts, and the neglect order (planner rule 10), each with a LIMIT.
 * Tiers come from `accountTierSql` (account-tier.ts: the stored tier); cadence, days since contact (in calendar
 * days of the owner's zone, as the planner counts them) and "within cadence" follow
 * domain/planner/cadence.ts and domain/reports/coverage.ts: change both together (the property
 * test in test/storage/book-views.db.test.ts proves that they agree).
 */
import { type SQL, sql } from "drizzle-orm";
import { LOOKUP_DAYS, lookupDayStarts } from "../domain/planner/calendar.js";
import type { Tier } from "../domain/planner/types.js";
import { MAX_OVERDUE_WEIGHT } from "../domain/reports/coverage.js";
import type { WorkspaceSettings } from "../domain/settings.js";
import { accountTierSql } from "./account-tier.js";
import { queryRows, type Tx } from "./database.js";
import { valueSql } from "./value-ranking.js";

export interface BookScope {
  workspaceId: number;
  /** The reps whose active accounts are looked at. */
  repIds: readonly number[];
  /** The local date, now, of every zone of those reps. */
  zoneDates: readonly { zone: string; date: string }[];
  settings: Pick<WorkspaceSettings, "timezone" | "cadenceDays">;
}

/** `{1,2,3}`: an int[] parameter (drizzle would spread a JavaScript array into a list). */
function intArray(ids: readonly number[]): string {
  return `{${ids.join(",")}}`;
}

/** Above this many zones, every row converts its own time zone. */
const LOOKUP_ZONES = 8;

/**
 * SQL for the calendar days from `column` (an instant) to the local date `today` of the row's
 * `zone`. For a few zones the day starts of the last three years travel as arrays and each row
 * finds its day by binary search (width_bucket), as the planner's candidate query does; older
 * instants, and every row when there are many zones, convert their zone.
 */
function daysSinceSql(column: SQL, zoneDates: BookScope["zoneDates"]): SQL {
  const exact = sql`(today - (${column} at time zone zone)::date)`;
  if (zoneDates.length === 0 || zoneDates.length > LOOKUP_ZONES) return exact;
  const branches = zoneDates.map(({ zone, date }) => {
    const starts = `{${lookupDayStarts(date, zone)
      .map((d) => d.toISOString())
      .join(",")}}`;
    return sql`when ${zone} then nullif(${LOOKUP_DAYS + 1} - width_bucket(${column}, ${starts}::timestamptz[]), ${LOOKUP_DAYS + 1})`;
  });
  return sql`coalesce(case zone ${sql.join(branches, sql` `)} end, ${exact})`;
}

/**
 * `facts`: per active account in scope, its id, name, owner, value, tier, cadence, days since
 * contact (null: never) and whether it is within cadence; plus whatever `extra` selects from the
 * account row `a`.
 */
function factsSql(scope: BookScope, extra: SQL = sql``): SQL {
  const { settings: s } = scope;
  // The local date of the owner's zone, as a CASE: a join on the zones would hide from the
  // planner how many reps are in scope (it then loops over the accounts index rep by rep).
  const today = sql`case o.zone ${sql.join(
    scope.zoneDates.map(({ zone, date }) => sql`when ${zone} then ${date}::date`),
    sql` `,
  )} end`;
  return sql`
    owner as (
      select r.id, coalesce(r.timezone, ${s.timezone}) as zone from reps r
      where r.workspace_id = ${scope.workspaceId} and r.id = any(${intArray(scope.repIds)}::int[])
    ),
    -- No optimisation fences: the planner folds these steps into one scan and computes only what
    -- the query reads (a fence made each step copy every row: twice the CPU).
    tiered as (
      select a.id, a.name, a.owner_rep_id, ${valueSql}::float8 as value, a.cadence_days, a.last_contact_at,
        ${accountTierSql()} as tier, o.zone, ${today} as today ${extra}
      from accounts a join owner o on o.id = a.owner_rep_id
      where a.workspace_id = ${scope.workspaceId} and a.status = 'active'
    ),
    facts as (
      select *, days is not null and days < cadence as within
      from (
        select t.*, ${daysSinceSql(sql`last_contact_at`, scope.zoneDates)} as days,
          coalesce(cadence_days::int, case tier when 'A' then ${s.cadenceDays.A}::int
            when 'B' then ${s.cadenceDays.B}::int else ${s.cadenceDays.C}::int end) as cadence
        from tiered t
      ) d
    )`;
}

export interface CoverageGroup {
  repId: number;
  tier: Tier;
  total: number;
  withinCadence: number;
  /** Overdue for contact (not within cadence). */
  overdue: number;
  /** At risk on `riskDate`: orders stopped, or the last contact ended at_risk / issue_raised. */
  atRisk: number;
  /** Overdue or at risk: how many, and their yearly value. */
  flagged: number;
  flaggedValue: number;
}

/**
 * Per rep in scope and tier that has accounts: how many, how many within cadence, how many
 * overdue, at risk (judged on the workspace's date `riskDate`) or either, and the value of the
 * latter. One grouped scan of the accounts in scope.
 */
export async function countCoverage(
  db: Tx,
  scope: BookScope,
  risk: { riskDate: string; gapFactor: number },
): Promise<CoverageGroup[]> {
  if (scope.repIds.length === 0) return [];
  const atRisk = sql`(a.last_outcome in ('at_risk', 'issue_raised')
    or coalesce(a.avg_order_interval_days > 0
      and (${risk.riskDate}::date - a.last_order_at) > ${risk.gapFactor}::float8 * a.avg_order_interval_days, false))`;
  return queryRows<CoverageGroup>(
    db,
    sql`with ${factsSql(scope, sql`, coalesce(${atRisk}, false) as at_risk`)}
    select owner_rep_id as "repId", tier, count(*)::int as total,
      (count(*) filter (where within))::int as "withinCadence",
      (count(*) filter (where not within))::int as overdue,
      (count(*) filter (where at_risk))::int as "atRisk",
      (count(*) filter (where not within or at_risk))::int as flagged,
      coalesce(sum(value) filter (where not within or at_risk), 0)::float8 as "flaggedValue"
    from facts group by 1, 2`,
  );
}

export interface OverdueAccount {
  id: number;
  name: string;
  ownerRepId: number;
  tier: Tier;
  value: number;
  cadence: number;
  /** Days since the last contact; null when never contacted. */
  days: number | null;
}

const overdueColumns = sql`id, name, owner_rep_id as "ownerRepId", tier, value, cadence, days`;

/** The `limit` most valuable accounts in scope that are overdue for contact (ties by id). */
export async function listMostValuableOverdue(
  db: Tx,
  scope: BookScope,
  limit: number,
): Promise<OverdueAccount[]> {
  if (scope.repIds.length === 0) return [];
  return queryRows<OverdueAccount>(
    db,
    sql`with ${factsSql(scope)}
    select ${overdueColumns} from facts where not within order by value desc, id limit ${limit}`,
  );
}

/**
 * The first `limit` overdue accounts in scope in the neglect order of `rankNeglected`
 * (domain/reports/coverage.ts): escalated A accounts first (planner rule 10), then value times
 * how overdue (capped), then value, then id.
 */
export async function listNeglected(
  db: Tx,
  scope: BookScope,
  escalationFactor: number,
  limit: number,
): Promise<OverdueAccount[]> {
  if (scope.repIds.length === 0) return [];
  const ratio = sql`case when days is null then 'Infinity'::float8 else days::float8 / cadence end`;
  return queryRows<OverdueAccount>(
    db,
    sql`with ${factsSql(scope)}
    select ${overdueColumns} from facts where not within
    order by (tier = 'A' and ${ratio} >= ${escalationFactor}::float8) desc,
      greatest(value, 0) * least(${ratio}, ${MAX_OVERDUE_WEIGHT}::float8) desc, value desc, id
    limit ${limit}`,
  );
}

/**
 * The A accounts in scope that may be escalated to the manager (planner rule 10): those
 * untouched for `escalationFactor` cadences or more (never contacted counts), and those in
 * `alsoIds` (their picks were ignored); most valuable first.
 */
export async function listEscalationCandidates(
  db: Tx,
  scope: BookScope,
  escalationFactor: number,
  alsoIds: readonly number[],
): Promise<OverdueAccount[]> {
  if (scope.repIds.length === 0) return [];
  return queryRows<OverdueAccount>(
    db,
    sql`with ${factsSql(scope)}
    select ${overdueColumns} from facts
    where tier = 'A' and (days is null or days::float8 / cadence >= ${escalationFactor}::float8
      or id = any(${intArray(alsoIds)}::int[]))
    order by value desc, id`,
  );
}
