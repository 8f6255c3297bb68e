/** Where a nudge was posted in Teams, so that a click elsewhere can update it too. */
import { eq } from "drizzle-orm";
import type { Tx } from "./database.js";
import { nudges } from "./schema.js";

/** The Teams activity id of a sent nudge, when it went to Teams. */
export async function findTeamsNudgeActivity(db: Tx, nudgeId: number): Promise<string | undefined> {
  const [row] = await db.select({ ref: nudges.messageRef }).from(nudges).where(eq(nudges.id, nudgeId));
  const ref = row?.ref;
  return ref?.platform === "teams" && ref.activityId ? ref.activityId : undefined;
}
