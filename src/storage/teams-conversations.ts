/**
 * Conversation references of Teams users who installed the app (personal scope): what the bot
 * needs to message them proactively. Kept per workspace and Entra object id.
 */
import { and, desc, eq, or, sql } from "drizzle-orm";
import { unnestColumns } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";
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

/**
 * Which of these reps have a reference to reach them (as `findConversationForRep` finds it), in
 * one query: their positions in `list`.
 */
export async function findReachableReps(
  db: Tx,
  list: readonly { workspaceId: number; repId: number; teamsUserId: string | null }[],
): Promise<Set<number>> {
  if (list.length === 0) return new Set();
  const rows = await queryRows<{ i: number }>(
    db,
    sql`select x.i from ${unnestColumns([
      ["i", "int4", list.map((_, i) => i)],
      ["workspace_id", "int4", list.map((r) => r.workspaceId)],
      ["rep_id", "int4", list.map((r) => r.repId)],
      ["aad", "text", list.map((r) => r.teamsUserId)],
    ])}
    where exists (
      select 1 from teams_conversations c
      where c.workspace_id = x.workspace_id and (c.rep_id = x.rep_id or c.aad_object_id = x.aad))`,
  );
  return new Set(rows.map((r) => r.i));
}
