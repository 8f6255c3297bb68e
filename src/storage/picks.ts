/**
 * The picks repository: one account in a rep's nudge, and how it ended (done by a contact,
 * snoozed, skipped as "not mine", or open again after an Undo).
 */
import { eq, type SQL, sql } from "drizzle-orm";
import { queryRows, type Tx } from "./database.js";
import { accounts, nudges, picks, reps } from "./schema.js";

export type PickRow = typeof picks.$inferSelect;
export type PickStatus = PickRow["status"];

/** A pick locked for a click, with what deciding the click needs. */
export interface PickForUpdate {
  pick: PickRow;
  nudge: { id: number; workspaceId: number; repId: number };
  accountName: string;
  /** The rep whose nudge holds the pick, and their manager. */
  owner: { id: number; name: string; managerId: number | null };
}

/**
 * Locks the pick (so double clicks queue: the second sees the first's result) and returns it with
 * its nudge, account name and owner; undefined when there is no such pick.
 */
export async function findPickForUpdate(db: Tx, pickId: number): Promise<PickForUpdate | undefined> {
  if (!Number.isSafeInteger(pickId)) return undefined;
  const [pick] = await db.select().from(picks).where(eq(picks.id, pickId)).for("update");
  if (!pick) return undefined;
  const [row] = await db
    .select({
      nudgeId: nudges.id,
      workspaceId: nudges.workspaceId,
      repId: nudges.repId,
      accountName: accounts.name,
      ownerName: reps.name,
      managerId: reps.managerId,
    })
    .from(nudges)
    .innerJoin(reps, eq(reps.id, nudges.repId))
    .innerJoin(accounts, eq(accounts.id, pick.accountId))
    .where(eq(nudges.id, pick.nudgeId));
  if (!row) return undefined;
  return {
    pick,
    nudge: { id: row.nudgeId, workspaceId: row.workspaceId, repId: row.repId },
    accountName: row.accountName,
    owner: { id: row.repId, name: row.ownerName, managerId: row.managerId },
  };
}

/** Ends the pick with `status`, done by `repId` at `at`, answered by `checkinId` if any. */
export async function finishPick(
  db: Tx,
  pickId: number,
  end: { status: Exclude<PickStatus, "open">; at: Date; repId: number; checkinId: number | null },
): Promise<void> {
  await db
    .update(picks)
    .set({ status: end.status, doneAt: end.at, doneByRepId: end.repId, checkinId: end.checkinId })
    .where(eq(picks.id, pickId));
}

export async function reopenPick(db: Tx, pickId: number): Promise<void> {
  await db
    .update(picks)
    .set({ status: "open", doneAt: null, doneByRepId: null, checkinId: null })
    .where(eq(picks.id, pickId));
}

/**
 * The nudges (alias `n`, joined to their rep `r` and workspace `w`) of the local date of the
 * instant `at`, each in its rep's zone.
 */
export const nudgeOfTheDay = (at: SQL) =>
  sql`n.local_date = (${at} at time zone coalesce(r.timezone, w.settings->>'timezone', 'UTC'))::date`;

/**
 * Marks done by the check-in the account's open picks in nudges for the contact's local date (in
 * each nudge's rep's zone), and the pick `pickId` itself (a click, even on a later day).
 */
export async function finishPicksOfContact(
  db: Tx,
  contact: {
    workspaceId: number;
    accountId: number;
    repId: number;
    at: Date;
    checkInId: number;
    pickId?: number | undefined;
  },
): Promise<void> {
  const at = contact.at.toISOString();
  await db.execute(sql`
    update picks p
       set status = 'done', done_at = ${at}::timestamptz, done_by_rep_id = ${contact.repId}, checkin_id = ${contact.checkInId}
      from nudges n
      join reps r on r.id = n.rep_id
      join workspaces w on w.id = n.workspace_id
     where p.nudge_id = n.id
       and p.workspace_id = ${contact.workspaceId}
       and p.account_id = ${contact.accountId}
       and p.status = 'open'
       and (p.id = ${contact.pickId ?? -1}
            or ${nudgeOfTheDay(sql`${at}::timestamptz`)})`);
}

/**
 * Ends with `status` the account's open picks in the nudges of the local date of `at`: a typed
 * snooze snoozes today's pick, an account marked lost sets it aside. Exit interviews and
 * win-backs stay open (they are about a lost account). Returns the nudges it changed.
 */
export async function finishTodaysPicksOfAccount(
  db: Tx,
  change: { workspaceId: number; accountId: number; repId: number; at: Date; status: "snoozed" | "skipped" },
): Promise<number[]> {
  const at = change.at.toISOString();
  const rows = await queryRows<{ nudge_id: number }>(
    db,
    sql`
    update picks p
       set status = ${change.status}, done_at = ${at}::timestamptz, done_by_rep_id = ${change.repId}, checkin_id = null
      from nudges n
      join reps r on r.id = n.rep_id
      join workspaces w on w.id = n.workspace_id
     where p.nudge_id = n.id
       and p.workspace_id = ${change.workspaceId}
       and p.account_id = ${change.accountId}
       and p.status = 'open'
       and p.kind not in ('exit_interview', 'win_back')
       and ${nudgeOfTheDay(sql`${at}::timestamptz`)}
    returning p.nudge_id`,
  );
  return [...new Set(rows.map((r) => Number(r.nudge_id)))];
}

/**
 * Opens again the account's picks of the local date of `at` that were set aside (an account
 * marked lost, then won back the same day). Returns the nudges it changed.
 */
export async function reopenTodaysSetAsidePicks(
  db: Tx,
  change: { workspaceId: number; accountId: number; at: Date },
): Promise<number[]> {
  const at = change.at.toISOString();
  const rows = await queryRows<{ nudge_id: number }>(
    db,
    sql`
    update picks p
       set status = 'open', done_at = null, done_by_rep_id = null, checkin_id = null
      from nudges n
      join reps r on r.id = n.rep_id
      join workspaces w on w.id = n.workspace_id
     where p.nudge_id = n.id
       and p.workspace_id = ${change.workspaceId}
       and p.account_id = ${change.accountId}
       and p.status = 'skipped'
       and ${nudgeOfTheDay(sql`${at}::timestamptz`)}
    returning p.nudge_id`,
  );
  return [...new Set(rows.map((r) => Number(r.nudge_id)))];
}

/** Opens again the picks the check-in finished. */
export async function reopenPicksOfCheckIn(db: Tx, workspaceId: number, checkInId: number): Promise<void> {
  await db.execute(sql`
    update picks set status = 'open', done_at = null, done_by_rep_id = null, checkin_id = null
     where checkin_id = ${checkInId} and workspace_id = ${workspaceId}`);
}
