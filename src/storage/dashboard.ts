/**
 * The manager's dashboard in a few grouped queries: contacts per week by source, the departed
 * folder by reason, and the closed loop (flagged at risk, then contacted within
 * a week, then ordered again). Each runs once per dashboard, whatever the number of reps.
 */
import { sql } from "drizzle-orm";
import type { Tx } from "./database.js";

/** The reps as one int[] parameter, however many there are (a list would bind one each). */
function idList(repIds: number[]) {
  return sql`${`{${repIds.join(",")}}`}::int[]`;
}

/** Check-ins per ISO week (Monday, UTC) and source since `since`, by reps in `repIds`. */
export async function countContactsByWeek(
  db: Tx,
  workspaceId: number,
  repIds: number[],
  since: Date,
): Promise<{ week: string; source: string; n: number }[]> {
  if (repIds.length === 0) return [];
  const rows = await db.execute<{ week: string; source: string; n: number }>(sql`
    select to_char(date_trunc('week', c.at at time zone 'UTC'), 'YYYY-MM-DD') as week, c.source, count(*)::int as n
    from checkins c
    where c.workspace_id = ${workspaceId} and c.rep_id = any(${idList(repIds)}) and c.at >= ${since.toISOString()}::timestamptz
    group by 1, 2 order by 1, 2`);
  return rowsOf<{ week: string; source: string; n: number }>(rows);
}

/** Lost accounts not won back, by reason: how many and their yearly revenue. */
export async function countDeparturesByReason(
  db: Tx,
  workspaceId: number,
  repIds: number[],
): Promise<{ reason: string; n: number; revenue: number }[]> {
  if (repIds.length === 0) return [];
  const rows = await db.execute<{ reason: string; n: number; revenue: number }>(sql`
    select d.reason, count(*)::int as n, coalesce(sum(a.annual_revenue), 0)::float8 as revenue
    from departures d join accounts a on a.id = d.account_id
    where d.workspace_id = ${workspaceId} and d.won_back_at is null and a.owner_rep_id = any(${idList(repIds)})
    group by d.reason order by n desc, d.reason`);
  return rowsOf<{ reason: string; n: number; revenue: number }>(rows);
}

export interface ClosedLoop {
  flagged: number;
  contacted: number;
  contactedOrdered: number;
  notContacted: number;
  notContactedOrdered: number;
}

/**
 * Accounts flagged at risk between `since` and `until` (a check-in ending at_risk or
 * issue_raised, or a risk pick in a nudge; the first flag counts), split into those contacted
 * within 7 days after the flag and those not, with how many of each ordered again after it.
 */
export async function closedLoop(
  db: Tx,
  workspaceId: number,
  repIds: number[],
  since: Date,
  until: Date,
): Promise<ClosedLoop> {
  const empty = { flagged: 0, contacted: 0, contactedOrdered: 0, notContacted: 0, notContactedOrdered: 0 };
  if (repIds.length === 0) return empty;
  const from = since.toISOString();
  const to = until.toISOString();
  const rows = await db.execute<Record<keyof ClosedLoop, number>>(sql`
    with flags as (
      select c.account_id, c.at from checkins c
      where c.workspace_id = ${workspaceId} and c.outcome in ('at_risk', 'issue_raised')
        and c.at >= ${from}::timestamptz and c.at < ${to}::timestamptz
      union all
      select p.account_id, (n.local_date::timestamp at time zone 'UTC') from picks p join nudges n on n.id = p.nudge_id
      where p.workspace_id = ${workspaceId} and p.kind = 'risk'
        and n.local_date >= ${from}::timestamptz::date and n.local_date < ${to}::timestamptz::date
    ),
    first_flag as (
      select f.account_id, min(f.at) as at from flags f
      join accounts a on a.id = f.account_id
      where a.owner_rep_id = any(${idList(repIds)})
      group by f.account_id
    ),
    -- materialized: each flagged account's "contacted within a week" is looked up once, not once per count below.
    judged as materialized (
      select ff.account_id,
        exists (select 1 from checkins c where c.account_id = ff.account_id
                and c.at > ff.at and c.at <= ff.at + interval '7 days') as contacted,
        coalesce(a.last_order_at > (ff.at at time zone 'UTC')::date, false) as ordered
      from first_flag ff join accounts a on a.id = ff.account_id
    )
    select count(*)::int as "flagged",
      (count(*) filter (where contacted))::int as "contacted",
      (count(*) filter (where contacted and ordered))::int as "contactedOrdered",
      (count(*) filter (where not contacted))::int as "notContacted",
      (count(*) filter (where not contacted and ordered))::int as "notContactedOrdered"
    from judged`);
  return rowsOf<ClosedLoop>(rows)[0] ?? empty;
}

/** Rows of `db.execute` on either engine (node-postgres returns `{ rows }`, PGlite an array or `{ rows }`). */
function rowsOf<T>(result: unknown): T[] {
  if (Array.isArray(result)) return result as T[];
  return ((result as { rows?: T[] }).rows ?? []) as T[];
}
