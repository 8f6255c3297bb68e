/**
 * Where sent nudges live on their platform (the message reference saved at send time), and which
 * nudges a change touched, so that every visible copy can be redrawn after it.
 */
import { and, eq, gt, inArray, isNotNull, lte, ne, sql } from "drizzle-orm";
import { queryRows, type Tx } from "./database.js";
import { nudges, picks } from "./schema.js";

export interface NudgeMessage {
  nudgeId: number;
  ref: Record<string, string>;
}

/** The sent messages of these nudges (nudges not sent, or sent nowhere, are left out). */
export async function listNudgeMessages(db: Tx, nudgeIds: number[]): Promise<NudgeMessage[]> {
  if (nudgeIds.length === 0) return [];
  const rows = await db
    .select({ nudgeId: nudges.id, ref: nudges.messageRef })
    .from(nudges)
    .where(and(inArray(nudges.id, nudgeIds), isNotNull(nudges.messageRef)));
  return rows.flatMap((r) => (r.ref ? [{ nudgeId: r.nudgeId, ref: r.ref }] : []));
}

/** The nudges whose picks a check-in finished (a typed `log` of a picked account, say). */
export async function listNudgesOfCheckIn(db: Tx, checkInId: number): Promise<number[]> {
  const rows = await db
    .selectDistinct({ nudgeId: picks.nudgeId })
    .from(picks)
    .where(eq(picks.checkinId, checkInId));
  return rows.map((r) => r.nudgeId);
}

/** The nudges with a pick that ended in (`after`, `until`]: their Undo buttons expire now. */
export async function listNudgesEndedBetween(db: Tx, after: Date, until: Date): Promise<number[]> {
  const rows = await db
    .selectDistinct({ nudgeId: picks.nudgeId })
    .from(picks)
    .where(and(ne(picks.status, "open"), gt(picks.doneAt, after), lte(picks.doneAt, until)));
  return rows.map((r) => r.nudgeId);
}

/** The nudge holding pick `pickId`, when that nudge is rep `repId`'s. */
export async function findNudgeOfPick(db: Tx, pickId: number, repId: number): Promise<number | undefined> {
  const [row] = await db
    .select({ nudgeId: picks.nudgeId })
    .from(picks)
    .innerJoin(nudges, eq(nudges.id, picks.nudgeId))
    .where(and(eq(picks.id, pickId), eq(nudges.repId, repId)));
  return row?.nudgeId;
}

/**
 * The sent nudges of the local date of `at` (each in its rep's zone) holding a pick of an account
 * changed since `since` (an import's contacts move the accounts' last contact): the messages to
 * redraw after it, found in one query whatever the size of the import.
 */
export async function listTodaysNudgesOfAccountsChangedSince(
  db: Tx,
  workspaceId: number,
  at: Date,
  since: Date,
): Promise<number[]> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`
    select distinct n.id
      from nudges n
      join reps r on r.id = n.rep_id
      join workspaces w on w.id = n.workspace_id
      join picks p on p.nudge_id = n.id
      join accounts a on a.id = p.account_id
     where n.workspace_id = ${workspaceId}
       and n.message_ref is not null
       and n.local_date = (${at.toISOString()}::timestamptz at time zone coalesce(r.timezone, w.settings->>'timezone', 'UTC'))::date
       and a.updated_at >= ${since.toISOString()}::timestamptz`,
  );
  return rows.map((r) => Number(r.id));
}
