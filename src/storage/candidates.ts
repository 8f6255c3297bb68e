/**
 * Lets the database narrow the planner's candidates, so that a morning of a million accounts
 * does not travel to Node. It applies the planner's rules (domain/planner/) to find the accounts
 * that can be picked on `date`, and keeps only the best `keep` of each rep by the planner's own
 * score (domain/planner/score.ts, repeated here; change both together: the property test in
 * test/storage/candidates.db.test.ts proves that they agree). The planner then decides
 * on these few: it is exact as long as a rep's best candidates are not more than `keep - handful`
 * taken by other reps' promises. Snoozed accounts are left out here; due promises come through
 * `findDuePromises` whatever their account's state.
 */
import { type SQL, sql } from "drizzle-orm";
import { LOOKUP_DAYS, lookupDayStarts } from "../domain/planner/calendar.js";
import { reviewCutoff } from "../domain/planner/review.js";
import { DAYS_PER_MONTH, NEVER_CONTACTED_RATIO, RISK_BOOST } from "../domain/planner/score.js";
import type { PlannerAccount } from "../domain/planner/types.js";
import type { WorkspaceSettings } from "../domain/settings.js";
import { addDays } from "../domain/time.js";
import { queryRows, type Tx } from "./database.js";
import { type AccountRow, accountColumnsSql, toPlannerAccount } from "./planner-account-rows.js";
import { type ValueRanking, valueSql } from "./value-ranking.js";

export interface CandidateQuery {
  workspaceId: number;
  date: string;
  settings: WorkspaceSettings;
  ranking: ValueRanking;
  /** The reps whose accounts (or exit interviews) are looked at. */
  repIds: readonly number[];
  /** Their distinct time zones. */
  zones: readonly string[];
}

/** `{1,2,3}`: an int[] parameter (drizzle would spread a JavaScript array into a list). */
export function intArray(ids: readonly number[]): string {
  return `{${ids.join(",")}}`;
}

/**
 * Active accounts due by cadence (risk-adjusted) or due a review, not snoozed: the best `keep`
 * of each owner, whole (in the same round trip), and how many each owner has in all.
 */
export async function findActiveCandidates(
  db: Tx,
  q: CandidateQuery,
  keep: number,
): Promise<{ accountsByOwner: Map<number, PlannerAccount[]>; countByOwner: Map<number, number> }> {
  const accountsByOwner = new Map<number, PlannerAccount[]>();
  const countByOwner = new Map<number, number>();
  if (q.repIds.length === 0) return { accountsByOwner, countByOwner };
  const rows = await queryRows<AccountRow & { n: number }>(db, activeCandidatesSql(q, keep, q.zones));
  for (const r of rows) {
    countByOwner.set(r.owner_rep_id, r.n);
    const account = toPlannerAccount(r, q.ranking);
    const list = accountsByOwner.get(r.owner_rep_id);
    if (list) list.push(account);
    else accountsByOwner.set(r.owner_rep_id, [account]);
  }
  return { accountsByOwner, countByOwner };
}

/** The query of `findActiveCandidates` (exported to EXPLAIN it). */
export function activeCandidatesSql(q: CandidateQuery, keep: number, zones: readonly string[]): SQL {
  const { settings: s, date } = q;
  // The stored tier (storage/tiers.ts), from which the stored dates were derived.
  const tier = sql`a.tier`;
  return sql`
    with owner as (
      select id, coalesce(timezone, ${s.timezone}) as zone from reps
      where workspace_id = ${q.workspaceId} and id = any(${intArray(q.repIds)}::int[])
    ),
    facts as (
      select a.id, a.owner_rep_id, ${valueSql} as value,
        ${daysSinceSql(sql`a.last_contact_at`, date, zones)} as days,
        ${daysSinceSql(sql`a.last_review_at`, date, zones)} as review_days,
        coalesce(a.cadence_days, case ${tier}
          when 'A' then ${s.cadenceDays.A}::int when 'B' then ${s.cadenceDays.B}::int else ${s.cadenceDays.C}::int end) as cadence,
        ${tier} = 'A' as tier_a,
        coalesce(a.last_outcome in ('at_risk', 'issue_raised'), false)
          or coalesce(a.avg_order_interval_days > 0
            and ${date}::date - a.last_order_at > ${s.riskGapFactor}::float8 * a.avg_order_interval_days, false) as at_risk
      from accounts a join owner o on o.id = a.owner_rep_id
      where a.workspace_id = ${q.workspaceId} and a.status = 'active'
        -- Only what is due on the date or earlier (accounts_owner_next_pick_idx): the cost grows
        -- with the due accounts, not the book. The rules below still judge each of them.
        and a.next_pick_on <= ${date}::date
        and not exists (select 1 from snoozes z where z.account_id = a.id and z.until > ${date}::date)
    ),
    judged as (
      -- A review due counts only once the cadence has passed since the last contact (after-contact.ts).
      select *, tier_a and (review_days is null or review_days > ${date}::date - ${reviewCutoff(date, s)}::date)
          and (days is null or days >= cadence) as review_due,
        case when at_risk then (cadence + 1) / 2 else cadence end as eff_cadence,
        case when at_risk then ${RISK_BOOST}::float8 else 1 end as boost
      from facts
    ),
    scored as (
      select id, owner_rep_id,
        log(10 + greatest(value, 0)) * greatest(
          case when days is null then ${NEVER_CONTACTED_RATIO}::float8 * boost
               when days >= eff_cadence then days::float8 / eff_cadence * boost else 0 end,
          case when not review_due then 0
               when review_days is null then ${NEVER_CONTACTED_RATIO}::float8
               else review_days::float8 / ${s.reviewMonths * DAYS_PER_MONTH} end
        ) as score
      from judged
      where days is null or days >= eff_cadence or review_due
    ),
    ranked as (
      select id, owner_rep_id,
        row_number() over (partition by owner_rep_id order by score desc, id) as rn,
        count(*) over (partition by owner_rep_id) as n
      from scored
    )
    select r.n::int as n, c.* from ranked r
      -- Fetched by primary key for the few kept only (offset 0 keeps it a lookup per row).
      cross join lateral (select ${accountColumnsSql(q.ranking)} from accounts a where a.id = r.id offset 0) c
    where r.rn <= ${keep}`;
}

/** Above this many zones, every row converts its own time zone. */
const LOOKUP_ZONES = 8;

/**
 * SQL for the calendar days from `column` (an instant, read in the zone of the rep aliased `o`)
 * to `date`. Converting a million instants to local dates is the costliest part of the query,
 * so for each zone the day starts of the last three years travel as one array and each row
 * finds its day by binary search (width_bucket); only older instants convert their zone.
 */
function daysSinceSql(column: SQL, date: string, zones: readonly string[]): SQL {
  const exact = sql`(${date}::date - (${column} at time zone o.zone)::date)`;
  if (zones.length === 0 || zones.length > LOOKUP_ZONES) return exact;
  const branches = zones.map((zone) => {
    const starts = `{${lookupDayStarts(date, zone)
      .map((d) => d.toISOString())
      .join(",")}}`;
    // width_bucket is 0 before the first day start: null it out and take the exact path.
    return sql`when ${zone} then nullif(${LOOKUP_DAYS + 1} - width_bucket(${column}, ${starts}::timestamptz[]), ${LOOKUP_DAYS + 1})`;
  });
  return sql`coalesce(case o.zone ${sql.join(branches, sql` `)} end, ${exact})`;
}

/**
 * Lost accounts with an open departure that need a contact on `date`: an exit interview not yet
 * made (for the interviewer), or a win-back fallen due (for the owner). By the rep meant to call.
 */
export async function findLostCandidates(
  db: Tx,
  q: CandidateQuery,
): Promise<{ id: number; rep_id: number }[]> {
  if (q.repIds.length === 0) return [];
  const ids = intArray(q.repIds);
  const winBackBefore = addDays(q.date, -q.settings.winBackDays);
  return queryRows<{ id: number; rep_id: number }>(
    db,
    sql`
    with open_departure as (
      select distinct on (d.account_id) d.*, a.owner_rep_id,
        d.exit_interview_at is null and d.exit_interview_rep_id is not null
          and d.exit_interview_rep_id <> a.owner_rep_id as interview_pending
      from departures d join accounts a on a.id = d.account_id
      where d.workspace_id = ${q.workspaceId} and d.won_back_at is null and a.status = 'lost'
      order by d.account_id, d.lost_on desc, d.id desc
    )
    select od.account_id as id,
      case when od.interview_pending then od.exit_interview_rep_id else od.owner_rep_id end as rep_id
    from open_departure od left join reps r on r.id = od.owner_rep_id
    where (od.interview_pending and od.exit_interview_rep_id = any(${ids}::int[]))
       or (not od.interview_pending and od.owner_rep_id = any(${ids}::int[])
           and coalesce((coalesce(od.last_win_back_at, od.exit_interview_at)
                 at time zone coalesce(r.timezone, ${q.settings.timezone}))::date, od.lost_on) <= ${winBackBefore}::date)`,
  );
}
