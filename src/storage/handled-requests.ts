/**
 * One row per request already handled, keyed by what the platform resends on a replay (Slack's
 * trigger_id, say). A claim fails when the key is taken; a failed attempt releases its claim.
 */
import { eq } from "drizzle-orm";
import type { Tx } from "./database.js";
import { handledRequests } from "./schema.js";

/** True when this call is the first to claim `key`. */
export async function claimRequest(db: Tx, key: string, workspaceId: number, at: Date): Promise<boolean> {
  const rows = await db
    .insert(handledRequests)
    .values({ key, workspaceId, at })
    .onConflictDoNothing()
    .returning({ key: handledRequests.key });
  return rows.length > 0;
}

export async function releaseRequest(db: Tx, key: string): Promise<void> {
  await db.delete(handledRequests).where(eq(handledRequests.key, key));
}
