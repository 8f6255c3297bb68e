/** The check-ins repository: contacts logged with an account, and what each changed (for Undo). */
import { and, desc, eq, sql } from "drizzle-orm";
import type { CheckInChannel, CheckInOutcome, CheckInSource } from "../domain/planner/types.js";
import type { Tx } from "./database.js";
import { type CheckInPreviousState, checkins, reps } from "./schema.js";

export type CheckInRow = typeof checkins.$inferSelect;

export interface NewCheckIn {
  workspaceId: number;
  accountId: number;
  repId: number;
  at: Date;
  channel: CheckInChannel;
  outcome: CheckInOutcome | null;
  note: string | null;
  source: CheckInSource;
  externalId: string | null;
  pickId: number | null;
}

/** Inserts the check-in; undefined when its external id was logged before (nothing inserted). */
export async function insertCheckIn(db: Tx, checkIn: NewCheckIn): Promise<CheckInRow | undefined> {
  const [inserted] = await db.insert(checkins).values(checkIn).onConflictDoNothing().returning();
  return inserted;
}

export async function findCheckInByExternalId(
  db: Tx,
  workspaceId: number,
  externalId: string,
): Promise<CheckInRow | undefined> {
  const [row] = await db
    .select()
    .from(checkins)
    .where(and(eq(checkins.workspaceId, workspaceId), eq(checkins.externalId, externalId)));
  return row;
}

export async function findCheckIn(db: Tx, id: number): Promise<CheckInRow | undefined> {
  const [row] = await db.select().from(checkins).where(eq(checkins.id, id));
  return row;
}

/** Records what the check-in changed, for Undo; returns the check-in as saved. */
export async function setPreviousState(
  db: Tx,
  id: number,
  previous: CheckInPreviousState,
): Promise<CheckInRow> {
  const [row] = await db
    .update(checkins)
    .set({ previousState: previous })
    .where(eq(checkins.id, id))
    .returning();
  if (!row) throw new Error(`check-in ${id} vanished inside its own transaction`);
  return row;
}

export async function deleteCheckIn(db: Tx, id: number): Promise<void> {
  await db.delete(checkins).where(eq(checkins.id, id));
}

/** Appends `note` on a new line to the check-in's note; returns its time and note, or undefined. */
export async function appendCheckInNote(
  db: Tx,
  id: number,
  note: string,
): Promise<{ at: Date; note: string | null } | undefined> {
  const [updated] = await db
    .update(checkins)
    .set({
      note: sql`case when ${checkins.note} is null or ${checkins.note} = '' then ${note} else ${checkins.note} || E'\n' || ${note} end`,
    })
    .where(eq(checkins.id, id))
    .returning({ at: checkins.at, note: checkins.note });
  return updated;
}

/** The account's latest `limit` check-ins, latest first, with the rep's name. */
export async function listRecentCheckIns(
  db: Tx,
  accountId: number,
  limit: number,
): Promise<
  {
    at: Date;
    channel: string;
    outcome: string | null;
    note: string | null;
    rep: string;
    origin: string | null;
  }[]
> {
  return db
    .select({
      at: checkins.at,
      channel: checkins.channel,
      outcome: checkins.outcome,
      note: checkins.note,
      rep: reps.name,
      origin: checkins.origin,
    })
    .from(checkins)
    .innerJoin(reps, eq(reps.id, checkins.repId))
    .where(eq(checkins.accountId, accountId))
    .orderBy(desc(checkins.at))
    .limit(limit);
}
