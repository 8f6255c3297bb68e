/**
 * Reads the planner's inputs in bulk: reps, accounts by id (with tier, snooze and open
 * departure), and due promises. One query each, whatever the number of rows.
 */
import { sql } from "drizzle-orm";
import type {
  CheckInChannel,
  CheckInOutcome,
  PlannerAccount,
  PlannerPromise,
  PlannerRep,
  Tier,
} from "../../domain/planner/types.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { addDays } from "../../domain/time.js";
import { queryRows, type Tx } from "../../storage/database.js";
import { intArray } from "./candidate-sql.js";
import { bucketSql, standingOf, tierSql, type ValueRanking, valueSql } from "./value-ranking.js";

/** Instants travel as epoch milliseconds and dates as text: both drivers then agree. */
const ms = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/**
 * The reps to plan (all of the workspace's when `repIds` is omitted), plus the paused reps whose
 * backup is among them: their picks go to that backup.
 */
export async function loadPlannerReps(
  db: Tx,
  workspaceId: number,
  date: string,
  settings: WorkspaceSettings,
  repIds?: readonly number[],
): Promise<PlannerRep[]> {
  const only =
    repIds === undefined
      ? sql`true`
      : sql`(id = any(${intArray(repIds)}::int[])
             or (backup_rep_id = any(${intArray(repIds)}::int[]) and paused_until >= ${date}::date))`;
  const rows = await queryRows<{
    id: number;
    name: string;
    timezone: string;
    handful: number;
    paused_until: string | null;
    backup_rep_id: number | null;
  }>(
    db,
    sql`select id, name, coalesce(timezone, ${settings.timezone}) as timezone,
          coalesce(handful, ${settings.handful})::int as handful, paused_until::text as paused_until, backup_rep_id
        from reps where workspace_id = ${workspaceId} and ${only} order by id`,
  );
  return rows.map((r) => ({
    id: r.id,
    workspaceId,
    name: r.name,
    timezone: r.timezone,
    handful: r.handful,
    pausedUntil: r.paused_until,
    backupRepId: r.backup_rep_id,
  }));
}

/** Open promises of these reps due before the end of `date` in each rep's zone. */
export async function findDuePromises(
  db: Tx,
  workspaceId: number,
  date: string,
  settings: WorkspaceSettings,
  repIds: readonly number[],
): Promise<PlannerPromise[]> {
  if (repIds.length === 0) return [];
  const rows = await queryRows<{
    id: number;
    account_id: number;
    rep_id: number;
    due_ms: number;
    what: string;
  }>(
    db,
    sql`select p.id, p.account_id, p.rep_id, ${ms("p.due_at")} as due_ms, p.what
        from promises p join reps r on r.id = p.rep_id
        where p.workspace_id = ${workspaceId} and p.status = 'open'
          and p.rep_id = any(${intArray(repIds)}::int[])
          and p.due_at < (${addDays(date, 1)}::date::timestamp at time zone coalesce(r.timezone, ${settings.timezone}))
        order by p.due_at, p.id`,
  );
  return rows.map((r) => ({
    id: r.id,
    accountId: r.account_id,
    repId: r.rep_id,
    dueAt: new Date(r.due_ms),
    what: r.what,
  }));
}

interface AccountRow {
  id: number;
  external_id: string;
  name: string;
  owner_rep_id: number;
  status: "active" | "lost";
  tier: Tier;
  bucket: number;
  value: number;
  by_profit: boolean;
  cadence_days: number | null;
  last_contact_ms: number | null;
  last_channel: CheckInChannel | null;
  last_outcome: CheckInOutcome | null;
  last_order_at: string | null;
  avg_order_interval_days: number | null;
  last_review_ms: number | null;
  customer_since: string | null;
  snoozed_until: string | null;
  lost_on: string | null;
  lost_reason: string | null;
  exit_interview_rep_id: number | null;
  exit_interview_ms: number | null;
  last_win_back_ms: number | null;
}

/** The accounts with these ids, as the planner sees them on `date`. */
export async function loadPlannerAccounts(
  db: Tx,
  workspaceId: number,
  date: string,
  ranking: ValueRanking,
  ids: readonly number[],
): Promise<PlannerAccount[]> {
  if (ids.length === 0) return [];
  const rows = await queryRows<AccountRow>(
    db,
    sql`
    with wanted as (select distinct unnest(${intArray(ids)}::int[]) as id),
    snoozed as (
      select z.account_id, max(z.until)::text as until from snoozes z join wanted w on w.id = z.account_id
      where z.until > ${date}::date group by z.account_id
    ),
    departure as (
      select distinct on (d.account_id) d.* from departures d join wanted w on w.id = d.account_id
      where d.won_back_at is null order by d.account_id, d.lost_on desc, d.id desc
    )
    select a.id, a.external_id, a.name, a.owner_rep_id, a.status, ${tierSql(ranking)} as tier, ${bucketSql} as bucket,
      ${valueSql}::float8 as value, a.gross_profit is not null as by_profit, a.cadence_days,
      ${ms("a.last_contact_at")} as last_contact_ms, a.last_channel, a.last_outcome,
      a.last_order_at::text as last_order_at, a.avg_order_interval_days,
      ${ms("a.last_review_at")} as last_review_ms, a.customer_since::text as customer_since,
      s.until as snoozed_until, d.lost_on::text as lost_on, d.reason as lost_reason,
      d.exit_interview_rep_id, ${ms("d.exit_interview_at")} as exit_interview_ms,
      ${ms("d.last_win_back_at")} as last_win_back_ms
    from accounts a join wanted w on w.id = a.id
      left join snoozed s on s.account_id = a.id
      left join departure d on d.account_id = a.id and a.status = 'lost'
    where a.workspace_id = ${workspaceId}
    order by a.id`,
  );
  return rows.map((r) => toPlannerAccount(r, ranking));
}

const toDate = (msOrNull: number | null) => (msOrNull === null ? null : new Date(msOrNull));

function toPlannerAccount(r: AccountRow, ranking: ValueRanking): PlannerAccount {
  // Lost accounts are outside the ranking of active ones: rank 0 means "not ranked".
  const standing =
    r.status === "active"
      ? standingOf(ranking, { id: r.id, value: r.value, bucket: r.bucket })
      : { valueRank: 0, valuePercentile: 1 };
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    ownerRepId: r.owner_rep_id,
    status: r.status,
    tier: r.tier,
    ...standing,
    value: r.value,
    valueBasis: r.by_profit ? "profit" : "revenue",
    cadenceDays: r.cadence_days,
    lastContactAt: toDate(r.last_contact_ms),
    lastChannel: r.last_channel,
    lastOutcome: r.last_outcome,
    lastOrderAt: r.last_order_at,
    avgOrderIntervalDays: r.avg_order_interval_days,
    lastReviewAt: toDate(r.last_review_ms),
    customerSince: r.customer_since,
    snoozedUntil: r.snoozed_until,
    departure:
      r.lost_on === null
        ? null
        : {
            lostOn: r.lost_on,
            reason: r.lost_reason ?? "",
            exitInterviewRepId: r.exit_interview_rep_id,
            exitInterviewAt: toDate(r.exit_interview_ms),
            lastWinBackAt: toDate(r.last_win_back_ms),
          },
  };
}
