/**
 * Reads the planner's inputs in bulk: reps, accounts by id (with tier, snooze and open
 * departure), and due promises. One query each, whatever the number of rows.
 */
import { sql } from "drizzle-orm";
import type { PlannerAccount, PlannerPromise, PlannerRep } from "../domain/planner/types.js";
import type { WorkspaceSettings } from "../domain/settings.js";
import { addDays } from "../domain/time.js";
import { intArray } from "./candidates.js";
import { queryRows, type Tx } from "./database.js";
import { type AccountRow, accountColumnsSql, msSql, toPlannerAccount } from "./planner-account-rows.js";
import type { ValueRanking } from "./value-ranking.js";

/**
 * More sort memory and no JIT for the planner's few large scans, local to the current
 * transaction (or to the caller's when there is one).
 */
export async function tunePlanningTransaction(tx: Tx): Promise<void> {
  await tx.execute(sql`select set_config('work_mem', '64MB', true), set_config('jit', 'off', true)`);
}

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
    sql`select p.id, p.account_id, p.rep_id, ${msSql("p.due_at")} as due_ms, p.what
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
    select ${accountColumnsSql(ranking)},
      s.until as snoozed_until, d.lost_on::text as lost_on, d.reason as lost_reason,
      d.exit_interview_rep_id, ${msSql("d.exit_interview_at")} as exit_interview_ms,
      ${msSql("d.last_win_back_at")} as last_win_back_ms
    from accounts a join wanted w on w.id = a.id
      left join snoozed s on s.account_id = a.id
      left join departure d on d.account_id = a.id and a.status = 'lost'
    where a.workspace_id = ${workspaceId}
    order by a.id`,
  );
  return rows.map((r) => toPlannerAccount(r, ranking));
}
