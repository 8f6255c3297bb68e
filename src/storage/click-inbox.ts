/**
 * The click inbox (decision record 0007): a click is written here before the platform is
 * acknowledged, then worked by any replica. A worker claims a row by moving its
 * `next_attempt_at` past a lease (FOR UPDATE SKIP LOCKED, so two replicas never take the same
 * row); a worker that dies leaves the row to be claimed again once the lease is over.
 */
import { and, asc, eq, inArray, isNull, lt, lte, min, sql } from "drizzle-orm";
import type { Tx } from "./database.js";
import { clickInbox } from "./schema.js";

export type InboxClick = typeof clickInbox.$inferSelect;

/** Writes a click; false when a click with the same key is already there (a platform retry). */
export async function recordClick(
  db: Tx,
  click: { key: string; platform: string; payload: unknown; at: Date },
): Promise<boolean> {
  const rows = await db
    .insert(clickInbox)
    .values({
      key: click.key,
      platform: click.platform,
      payload: click.payload,
      receivedAt: click.at,
      nextAttemptAt: click.at,
    })
    .onConflictDoNothing()
    .returning({ id: clickInbox.id });
  return rows.length > 0;
}

/**
 * Claims up to `limit` clicks that are due (never claimed, lease over, or backoff over), oldest
 * first, for `leaseMs`; `key` narrows it to one click.
 */
export async function claimDueClicks(
  db: Tx,
  options: { platform: string; now: Date; leaseMs: number; limit: number; key?: string },
): Promise<InboxClick[]> {
  const leaseEnd = new Date(options.now.getTime() + options.leaseMs);
  const due = db
    .select({ id: clickInbox.id })
    .from(clickInbox)
    .where(
      and(
        isNull(clickInbox.doneAt),
        eq(clickInbox.platform, options.platform),
        lte(clickInbox.nextAttemptAt, options.now),
        options.key === undefined ? undefined : eq(clickInbox.key, options.key),
      ),
    )
    .orderBy(asc(clickInbox.id))
    .limit(options.limit)
    .for("update", { skipLocked: true });
  return db
    .update(clickInbox)
    .set({ attempts: sql`${clickInbox.attempts} + 1`, leaseUntil: leaseEnd, nextAttemptAt: leaseEnd })
    .where(inArray(clickInbox.id, due))
    .returning();
}

/** Marks a click worked; `error` says why it was given up instead. */
export async function finishClick(db: Tx, id: number, at: Date, error?: string): Promise<void> {
  await db
    .update(clickInbox)
    .set({ doneAt: at, leaseUntil: null, ...(error === undefined ? {} : { lastError: error.slice(0, 500) }) })
    .where(eq(clickInbox.id, id));
}

/** Gives a claimed click back, to be tried again at `retryAt`. */
export async function retryClickAt(db: Tx, id: number, retryAt: Date, error: string): Promise<void> {
  await db
    .update(clickInbox)
    .set({ nextAttemptAt: retryAt, leaseUntil: null, lastError: error.slice(0, 500) })
    .where(eq(clickInbox.id, id));
}

/** When the oldest click not yet worked arrived; undefined when every click is worked. */
export async function oldestUnworkedClick(db: Tx): Promise<Date | undefined> {
  const [row] = await db
    .select({ at: min(clickInbox.receivedAt) })
    .from(clickInbox)
    .where(isNull(clickInbox.doneAt));
  return row?.at ?? undefined;
}

/** Deletes clicks worked before `before` (their dedupe key stays in handled_requests). */
export async function deleteWorkedClicks(db: Tx, before: Date): Promise<number> {
  const rows = await db
    .delete(clickInbox)
    .where(lt(clickInbox.doneAt, before))
    .returning({ id: clickInbox.id });
  return rows.length;
}

export async function findClick(db: Tx, key: string): Promise<InboxClick | undefined> {
  const [row] = await db.select().from(clickInbox).where(eq(clickInbox.key, key));
  return row;
}
