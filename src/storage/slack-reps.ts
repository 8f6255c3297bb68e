/**
 * Matching reps to Slack users: by the remembered `slack_user_id`, or by email (once; the id is
 * then remembered so the next lookup is a single indexed read).
 */
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "./database.js";
import { accounts, nudges, picks, reps } from "./schema.js";

export async function findRepIdBySlackUser(
  db: Tx,
  workspaceId: number,
  slackUserId: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: reps.id })
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), eq(reps.slackUserId, slackUserId)));
  return row?.id;
}

/** The rep with this email in the workspace (emails compare case-insensitively). */
export async function findRepIdByEmail(
  db: Tx,
  workspaceId: number,
  email: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: reps.id })
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), sql`lower(${reps.email}) = lower(${email})`))
    .limit(1);
  return row?.id;
}

/**
 * Remembers the Slack user of a rep. A Slack user belongs to one rep only: the id is taken away
 * from any other rep of the workspace that had it (a re-imported or renamed person).
 */
export async function rememberSlackUserId(
  db: Tx,
  workspaceId: number,
  repId: number,
  slackUserId: string,
): Promise<void> {
  await db.transaction(async (tx) => {
    await tx
      .update(reps)
      .set({ slackUserId: null })
      .where(
        and(
          eq(reps.workspaceId, workspaceId),
          eq(reps.slackUserId, slackUserId),
          sql`${reps.id} <> ${repId}`,
        ),
      );
    await tx.update(reps).set({ slackUserId, updatedAt: new Date() }).where(eq(reps.id, repId));
  });
}

/** Where a nudge's message was posted (channel and ts), to update it in place. */
export async function findNudgeMessageRef(
  db: Tx,
  nudgeId: number,
): Promise<Record<string, string> | undefined> {
  const [row] = await db.select({ ref: nudges.messageRef }).from(nudges).where(eq(nudges.id, nudgeId));
  return row?.ref ?? undefined;
}

/** The account name of a pick of the workspace (for a modal's title), if the pick is there. */
export async function loadPickSummary(
  db: Tx,
  workspaceId: number,
  pickId: number,
): Promise<{ accountName: string } | undefined> {
  const [row] = await db
    .select({ accountName: accounts.name })
    .from(picks)
    .innerJoin(accounts, eq(accounts.id, picks.accountId))
    .where(and(eq(picks.id, pickId), eq(picks.workspaceId, workspaceId)));
  return row;
}
