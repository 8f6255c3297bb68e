/**
 * The nudge repository: claiming (rep, local date) once across any number of replicas, leasing
 * claimed nudges to one worker at a time, writing picks, and recording how each nudge ended.
 *
 * Exactly-once rests on two things: the unique (rep_id, local_date) key, which lets only one
 * INSERT … ON CONFLICT DO NOTHING claim a rep's day, and a lease (`claimed_by`, `next_attempt_at`)
 * taken by a conditional UPDATE … FOR UPDATE SKIP LOCKED, so a claimed nudge is worked by one
 * replica at a time and picked up again once the lease runs out (a crash) or a retry falls due.
 */
import { and, eq, inArray, sql } from "drizzle-orm";
import type { Pick } from "../domain/planner/types.js";
import { unnestColumns } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";
import { nudges } from "./schema.js";

export type NudgeStatus = (typeof nudges.$inferSelect)["status"];

/** A nudge in the hands of a worker. */
export interface WorkNudge {
  id: number;
  workspaceId: number;
  repId: number;
  localDate: string;
  status: NudgeStatus;
  attempts: number;
  /** The rep's own zone and nudge hour, or null for the workspace's. */
  repTimezone: string | null;
  repNudgeHour: number | null;
  /** True when its picks are already saved (planned before a crash or a failed send). */
  planned: boolean;
}

/** What makes a rep due, from the workspace's settings (the rep's own values win). */
export interface DueDefaults {
  timezone: string;
  nudgeHour: number;
  cutoffHour: number;
  workingDays: number[];
}

export interface ClaimDueInput {
  workspaceId: number;
  defaults: DueDefaults;
  /** Local readings of `now` for every zone the workspace's reps use. */
  clocks: { zone: string; localDate: string; hour: number; weekday: number }[];
  now: Date;
  workerId: string;
  /** Until when the claimer holds the claimed nudges. */
  leaseUntil: Date;
}

/** The distinct zones of a workspace's reps (the workspace's zone for those without one). */
export async function listRepZones(db: Tx, workspaceId: number, defaultZone: string): Promise<string[]> {
  const rows = await queryRows<{ zone: string }>(
    db,
    sql`select distinct coalesce(timezone, ${defaultZone}) as zone from reps where workspace_id = ${workspaceId}`,
  );
  return rows.map((r) => r.zone);
}

/**
 * Claims, in one statement, every rep of the workspace whose local time has reached their nudge
 * hour on a working day that is not a holiday and who has no nudge for that local date. Paused
 * reps get a `paused` row, reps past the cut-off a `missed` row (so each day is recorded once);
 * the others a `claimed` row leased to `workerId`. Returns only the rows this call inserted.
 */
export async function claimDueNudges(db: Tx, input: ClaimDueInput): Promise<WorkNudge[]> {
  const { workspaceId, defaults } = input;
  if (input.clocks.length === 0) return [];
  const clocks = JSON.stringify(
    input.clocks.map((c) => ({ zone: c.zone, local_date: c.localDate, hour: c.hour, weekday: c.weekday })),
  );
  const workingDays = `{${defaults.workingDays.join(",")}}`;
  return queryRows<WorkNudge>(
    db,
    sql`
    with clock as (
      select * from json_to_recordset(${clocks}::json)
        as c(zone text, local_date date, hour int, weekday int)
    ),
    -- Materialized: the anti-join reads nudges before the insert grows it (no quadratic scan
    -- on a first morning, when the table's statistics still say it is empty).
    due as materialized (
      select r.id as rep_id, c.local_date,
        case
          when r.paused_until is not null and r.paused_until >= c.local_date then 'paused'
          when c.hour >= greatest(${defaults.cutoffHour}::int, coalesce(r.nudge_hour, ${defaults.nudgeHour}::int) + 1)
            then 'missed'
          else 'claimed'
        end as status
      from reps r
      join clock c on c.zone = coalesce(r.timezone, ${defaults.timezone}::text)
      where r.workspace_id = ${workspaceId}
        and c.hour >= coalesce(r.nudge_hour, ${defaults.nudgeHour}::int)
        and c.weekday = any(coalesce(r.working_days, ${workingDays}::smallint[]))
        and not exists (
          select 1 from holidays h where h.workspace_id = ${workspaceId} and h."on" = c.local_date)
        and not exists (
          select 1 from nudges n where n.rep_id = r.id and n.local_date = c.local_date)
    )
    insert into nudges (workspace_id, rep_id, local_date, status, claimed_at, claimed_by, next_attempt_at)
    select ${workspaceId}, d.rep_id, d.local_date, d.status, ${input.now.toISOString()}::timestamptz,
      ${input.workerId}, case when d.status = 'claimed' then ${input.leaseUntil.toISOString()}::timestamptz end
    from due d
    -- One order for every replica, so that concurrent claims queue instead of deadlocking.
    order by d.rep_id
    on conflict (rep_id, local_date) do nothing
    returning id, workspace_id as "workspaceId", rep_id as "repId", local_date::text as "localDate",
      status, attempts, null::text as "repTimezone", null::int as "repNudgeHour", false as planned`,
  );
}

export interface LeasePendingInput {
  now: Date;
  workerId: string;
  leaseUntil: Date;
  /** A claimed nudge with no lease (claimed before leases, or by hand) is stale this long after its claim. */
  staleAfterMs: number;
  /** Retries due this soon after `now` are taken too. */
  graceMs: number;
  limit: number;
  /** Only this workspace's nudges (the CLI acting on one workspace); all when omitted. */
  workspaceId?: number;
}

/**
 * Leases claimed nudges whose lease ran out (a worker crashed) or whose retry fell due, skipping
 * rows another replica is leasing at this very moment. Returns them with their rep's zone.
 */
export async function leasePendingNudges(db: Tx, input: LeasePendingInput): Promise<WorkNudge[]> {
  const now = input.now.toISOString();
  const rows = await queryRows<WorkNudge>(
    db,
    sql`
    with pending as (
      select n.id from nudges n
      where n.status = 'claimed'
        and (${input.workspaceId ?? null}::int is null or n.workspace_id = ${input.workspaceId ?? null}::int)
        and coalesce(n.next_attempt_at, n.claimed_at + ${input.staleAfterMs} * interval '1 millisecond')
          <= ${now}::timestamptz + ${input.graceMs} * interval '1 millisecond'
      order by n.id
      limit ${input.limit}
      for update of n skip locked
    )
    update nudges n
    set claimed_by = ${input.workerId}, next_attempt_at = ${input.leaseUntil.toISOString()}::timestamptz
    from pending p, reps r
    where n.id = p.id and r.id = n.rep_id and n.status = 'claimed'
    returning n.id, n.workspace_id as "workspaceId", n.rep_id as "repId", n.local_date::text as "localDate",
      n.status, n.attempts, r.timezone as "repTimezone", r.nudge_hour::int as "repNudgeHour",
      exists (select 1 from picks k where k.nudge_id = n.id) as planned`,
  );
  return rows.sort((a, b) => a.id - b.id);
}

/**
 * Extends this worker's lease just before it sends; false when the nudge is no longer claimed by
 * it (another replica took it over after the lease ran out, or it ended), so it must not send.
 */
export async function renewLease(db: Tx, id: number, workerId: string, until: Date): Promise<boolean> {
  const rows = await db
    .update(nudges)
    .set({ nextAttemptAt: until })
    .where(and(eq(nudges.id, id), eq(nudges.status, "claimed"), eq(nudges.claimedBy, workerId)))
    .returning({ id: nudges.id });
  return rows.length === 1;
}

/** Saves the picks of several nudges in one statement, each in the order its rep sees them, all `open`. */
export async function insertPicks(
  db: Tx,
  list: { workspaceId: number; nudgeId: number; picks: Pick[] }[],
): Promise<void> {
  const rows = list.flatMap(({ workspaceId, nudgeId, picks: chosen }) =>
    chosen.map((p, position) => ({ workspaceId, nudgeId, position, pick: p })),
  );
  if (rows.length === 0) return;
  // One statement of typed arrays, whatever the number of picks (no parameter limit, no row
  // objects for the query builder). picks.workspace_id has no foreign key: it is the nudge's,
  // which has one (migration 0010).
  const input = unnestColumns([
    ["workspace_id", "int", rows.map((r) => r.workspaceId)],
    ["nudge_id", "int", rows.map((r) => r.nudgeId)],
    ["account_id", "int", rows.map((r) => r.pick.accountId)],
    ["position", "int", rows.map((r) => r.position)],
    ["kind", "text", rows.map((r) => r.pick.kind)],
    ["reason", "text", rows.map((r) => r.pick.reason)],
    ["opener", "text", rows.map((r) => r.pick.opener)],
    ["promise_id", "int", rows.map((r) => r.pick.promiseId)],
  ]);
  await db.execute(
    sql`insert into picks (workspace_id, nudge_id, account_id, position, kind, reason, opener, promise_id)
        select x.workspace_id, x.nudge_id, x.account_id, x.position, x.kind, x.reason, x.opener, x.promise_id
        from ${input}
        on conflict do nothing`,
  );
}

/** Records, per nudge, how many due accounts did not fit the handful (shown as "and N more"). */
export async function setMoreDue(db: Tx, list: { nudgeId: number; moreDue: number }[]): Promise<void> {
  if (list.length === 0) return;
  const values = JSON.stringify(list.map((m) => ({ id: m.nudgeId, more: m.moreDue })));
  await db.execute(sql`
    update nudges n set more_due = v.more
    from json_to_recordset(${values}::json) as v(id int, more smallint)
    where n.id = v.id`);
}

/** Ends claimed nudges of reps with nothing due: `empty`, no message. */
export async function markEmpty(db: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(nudges)
    .set({ status: "empty", nextAttemptAt: null })
    .where(and(inArray(nudges.id, ids), eq(nudges.status, "claimed")));
}

/** Number of picks saved for a nudge. */
export async function countPicks(db: Tx, nudgeId: number): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from picks where nudge_id = ${nudgeId}`,
  );
  return row?.n ?? 0;
}
