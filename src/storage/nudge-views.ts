/** The reads behind what a rep sees of a nudge: the nudge of a day, and its picks in order. */
import { and, eq, sql } from "drizzle-orm";
import type { CheckInChannel, PickKind } from "../domain/planner/types.js";
import { queryRows, type Tx } from "./database.js";
import type { PickStatus } from "./picks.js";
import { nudges } from "./schema.js";

export interface NudgeHeader {
  id: number;
  repId: number;
  localDate: string;
  moreDue: number;
}

export async function findNudgeHeader(db: Tx, nudgeId: number): Promise<NudgeHeader | undefined> {
  const [row] = await db
    .select({ id: nudges.id, repId: nudges.repId, localDate: nudges.localDate, moreDue: nudges.moreDue })
    .from(nudges)
    .where(eq(nudges.id, nudgeId));
  return row;
}

/** The id of the rep's nudge for a local date, if that nudge exists. */
export async function findNudgeIdForDay(
  db: Tx,
  repId: number,
  localDate: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: nudges.id })
    .from(nudges)
    .where(and(eq(nudges.repId, repId), eq(nudges.localDate, localDate)));
  return row?.id;
}

/** One row of `findNudgeViewRows`: a nudge with its rep, and one of its picks (null fields when none). */
export interface NudgeViewRow {
  nudgeId: number;
  localDate: string;
  moreDue: number;
  repId: number;
  workspaceId: number;
  email: string;
  name: string;
  timezone: string | null;
  slackUserId: string | null;
  teamsUserId: string | null;
  /** The workspace's settings as stored (resolved by the caller). */
  settings: unknown;
  pickId: number | null;
  kind: PickKind | null;
  reason: string | null;
  opener: string | null;
  status: PickStatus | null;
  doneAtMs: number | null;
  accountId: number | null;
  accountName: string | null;
  accountStatus: "active" | "lost" | null;
  lastContactMs: number | null;
  lastChannel: string | null;
  lastNote: string | null;
  contactName: string | null;
  contactEmail: string | null;
  contactPhone: string | null;
  promiseWhat: string | null;
  promiseDueMs: number | null;
  checkinChannel: CheckInChannel | null;
  checkinOrigin: string | null;
  doerName: string | null;
}

/**
 * Everything the views of these nudges show, in one query: one row per pick (a nudge without picks
 * gives one row with null pick fields), with its nudge, rep, workspace settings, account, promise,
 * check-in and the name of whoever finished it; ordered by nudge, then by the pick's position.
 * Nudges whose rep is gone are left out. Every join is a lateral subquery the planner cannot
 * flatten (`offset 0`), so the plan is an index lookup per nudge and per pick whatever the table
 * statistics say: before the first ANALYZE (a first morning) they claim hundreds of picks per
 * nudge, and a plain join scanned every pick and account of the book for each batch (300 ms to
 * 6.5 s for 250 nudges out of 10,000, against about 5 ms this way).
 * Instants come as epoch milliseconds, the same on both drivers.
 */
export async function findNudgeViewRows(db: Tx, nudgeIds: readonly number[]): Promise<NudgeViewRow[]> {
  if (nudgeIds.length === 0) return [];
  // Without statistics the estimates (hundreds of picks per nudge) also cross the JIT threshold:
  // compiling the query took a second, for a query that runs in milliseconds.
  return db.transaction(async (tx) => {
    await tx.execute(sql`set local jit = off`);
    return queryRows<NudgeViewRow>(
      tx,
      sql`select n.id as "nudgeId", n.local_date::text as "localDate", n.more_due::int as "moreDue",
      r.id as "repId", r.workspace_id as "workspaceId", r.email, r.name, r.timezone,
      r.slack_user_id as "slackUserId", r.teams_user_id as "teamsUserId", w.settings,
      k.id as "pickId", k.kind, k.reason, k.opener, k.status, k.done_at_ms as "doneAtMs",
      k.account_id as "accountId", k.account_name as "accountName", k.account_status as "accountStatus", k.last_contact_ms as "lastContactMs",
      k.last_channel as "lastChannel", k.last_note as "lastNote", k.contact_name as "contactName",
      k.contact_email as "contactEmail", k.contact_phone as "contactPhone",
      k.promise_what as "promiseWhat", k.promise_due_ms as "promiseDueMs",
      k.checkin_channel as "checkinChannel", k.checkin_origin as "checkinOrigin", k.doer_name as "doerName"
    from unnest(${`{${nudgeIds.join(",")}}`}::int[]) as x(id)
    cross join lateral (select * from nudges n where n.id = x.id offset 0) n
    cross join lateral (select * from reps r where r.id = n.rep_id offset 0) r
    cross join lateral (select w.settings from workspaces w where w.id = r.workspace_id offset 0) w
    left join lateral (
      select k.id, k.position, k.kind, k.reason, k.opener, k.status,
        (extract(epoch from k.done_at) * 1000)::float8 as done_at_ms,
        a.id as account_id, a.name as account_name, a.status as account_status,
        (extract(epoch from a.last_contact_at) * 1000)::float8 as last_contact_ms,
        a.last_channel, a.last_note, a.contact_name, a.contact_email, a.contact_phone,
        p.what as promise_what, (extract(epoch from p.due_at) * 1000)::float8 as promise_due_ms,
        c.channel as checkin_channel, c.origin as checkin_origin, d.name as doer_name
      from picks k
      cross join lateral (select * from accounts a where a.id = k.account_id offset 0) a
      left join lateral (select * from promises p where p.id = k.promise_id offset 0) p on true
      left join lateral (select * from checkins c where c.id = k.checkin_id offset 0) c on true
      left join lateral (select d.name from reps d where d.id = k.done_by_rep_id offset 0) d on true
      where k.nudge_id = n.id
      offset 0
    ) k on true
    order by n.id, k.position`,
    );
  });
}
