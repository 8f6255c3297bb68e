/**
 * Teams redelivers an activity when the bot was slow or failed; each activity is handled once.
 * A claim is a row in `handled_requests`; a turn that fails releases it so a redelivery retries.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "./database.js";
import { handledRequests } from "./schema.js";

const keyOf = (conversationId: string, activityId: string) =>
  `teams-activity:${conversationId}:${activityId}`;

/** True when this call is the first to handle the activity. */
export async function claimActivity(
  db: Tx,
  workspaceId: number,
  conversationId: string,
  activityId: string,
): Promise<boolean> {
  const rows = await db
    .insert(handledRequests)
    .values({ key: keyOf(conversationId, activityId), workspaceId })
    .onConflictDoNothing()
    .returning({ key: handledRequests.key });
  return rows.length > 0;
}

export async function releaseActivity(db: Tx, conversationId: string, activityId: string): Promise<void> {
  await db.delete(handledRequests).where(eq(handledRequests.key, keyOf(conversationId, activityId)));
}
