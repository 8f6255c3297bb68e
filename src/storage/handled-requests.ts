/** Requests already handled (a replayed click), claimed once by key. */
import type { Tx } from "./database.js";
import { handledRequests } from "./schema.js";

/** Records `key` as handled; false when it had been handled before (a replay). */
export async function claimRequest(db: Tx, key: string, workspaceId: number, at: Date): Promise<boolean> {
  const claimed = await db
    .insert(handledRequests)
    .values({ key, workspaceId, at })
    .onConflictDoNothing()
    .returning({ key: handledRequests.key });
  return claimed.length > 0;
}
