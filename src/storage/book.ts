/** The workspace's reps as the reports list them. The accounts are read by book-views.ts. */
import { eq } from "drizzle-orm";
import type { Tx } from "./database.js";
import { reps } from "./schema.js";

export type RepRecord = typeof reps.$inferSelect;

/** Every rep of the workspace, by name. */
export function listRepsByName(db: Tx, workspaceId: number): Promise<RepRecord[]> {
  return db.select().from(reps).where(eq(reps.workspaceId, workspaceId)).orderBy(reps.name);
}
