/**
 * Conversation references of Teams users who installed the app (personal scope): what the bot
 * needs to message them proactively. Kept per workspace and Entra object id.
 */
import { and, desc, eq, or, sql } from "drizzle-orm";
import type { Tx } from "./database.js";
import { teamsConversations } from "./schema.js";

/** A Bot Framework conversation reference, stored as Teams gave it. */
export type StoredReference = Record<string, unknown>;

/** Stores (or refreshes) a user's reference; true when this user had none before. */
export async function saveConversation(
  db: Tx,
  input: { workspaceId: number; aadObjectId: string; repId: number | undefined; reference: StoredReference },
): Promise<boolean> {
  const now = new Date();
  const [row] = await db
    .insert(teamsConversations)
    .values({
      workspaceId: input.workspaceId,
      aadObjectId: input.aadObjectId,
      repId: input.repId ?? null,
      reference: input.reference,
      updatedAt: now,
    })
    .onConflictDoUpdate({
      target: [teamsConversations.workspaceId, teamsConversations.aadObjectId],
      set: { reference: input.reference, repId: input.repId ?? null, updatedAt: now },
    })
    // xmax is 0 on a freshly inserted row version, and set when the upsert updated one.
    .returning({ created: sql<boolean>`(xmax = 0)` });
  return row?.created === true;
}

/** Forgets a user's conversation (the app was uninstalled); true when there was one. */
export async function forgetConversation(db: Tx, workspaceId: number, aadObjectId: string): Promise<boolean> {
  const deleted = await db
    .delete(teamsConversations)
    .where(
      and(eq(teamsConversations.workspaceId, workspaceId), eq(teamsConversations.aadObjectId, aadObjectId)),
    )
    .returning({ id: teamsConversations.id });
  return deleted.length > 0;
}

/** The reference to reach a rep: linked by rep id, or by their Teams user id. */
export async function findConversationForRep(
  db: Tx,
  rep: { workspaceId: number; repId: number; teamsUserId: string | null },
): Promise<StoredReference | undefined> {
  const byUser = rep.teamsUserId === null ? undefined : eq(teamsConversations.aadObjectId, rep.teamsUserId);
  const [row] = await db
    .select({ reference: teamsConversations.reference })
    .from(teamsConversations)
    .where(
      and(
        eq(teamsConversations.workspaceId, rep.workspaceId),
        byUser
          ? or(eq(teamsConversations.repId, rep.repId), byUser)
          : eq(teamsConversations.repId, rep.repId),
      ),
    )
    .orderBy(desc(teamsConversations.updatedAt))
    .limit(1);
  return (row?.reference as StoredReference | undefined) ?? undefined;
}
