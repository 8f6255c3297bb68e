/** The reads behind what a rep sees of a nudge: the nudge of a day, and its picks in order. */
import { and, asc, eq } from "drizzle-orm";
import type { Tx } from "./database.js";
import { nudges, picks } from "./schema.js";

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

/** The nudge's pick ids in the order its rep sees them. */
export async function listPickIdsOfNudge(db: Tx, nudgeId: number): Promise<number[]> {
  const rows = await db
    .select({ id: picks.id })
    .from(picks)
    .where(eq(picks.nudgeId, nudgeId))
    .orderBy(asc(picks.position));
  return rows.map((r) => r.id);
}
