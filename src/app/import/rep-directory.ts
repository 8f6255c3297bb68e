import { eq } from "drizzle-orm";
import type { Tx } from "../../storage/database.js";
import { reps } from "../../storage/schema.js";

export interface KnownRep {
  id: number;
  email: string;
  slackUserId: string | null;
  teamsUserId: string | null;
}

/** The workspace's reps by lower-cased email (a workspace has hundreds, not millions). */
export async function loadRepDirectory(tx: Tx, workspaceId: number): Promise<Map<string, KnownRep>> {
  const rows = await tx
    .select({ id: reps.id, email: reps.email, slackUserId: reps.slackUserId, teamsUserId: reps.teamsUserId })
    .from(reps)
    .where(eq(reps.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r]));
}
