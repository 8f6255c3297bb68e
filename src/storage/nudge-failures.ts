/** Failed nudges with their rep and last error, for `retention tick` to say who and why. */
import { eq, inArray } from "drizzle-orm";
import type { Tx } from "./database.js";
import { nudges, reps } from "./schema.js";

export interface NudgeFailure {
  nudgeId: number;
  repName: string;
  repEmail: string;
  localDate: string;
  error: string | null;
}

export async function listNudgeFailures(db: Tx, nudgeIds: number[]): Promise<NudgeFailure[]> {
  if (nudgeIds.length === 0) return [];
  const rows = await db
    .select({
      nudgeId: nudges.id,
      repName: reps.name,
      repEmail: reps.email,
      localDate: nudges.localDate,
      error: nudges.lastError,
    })
    .from(nudges)
    .innerJoin(reps, eq(reps.id, nudges.repId))
    .where(inArray(nudges.id, nudgeIds))
    .orderBy(nudges.id);
  return rows.map((r) => ({ ...r, localDate: String(r.localDate) }));
}
