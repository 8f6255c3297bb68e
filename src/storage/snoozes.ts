/** The snoozes repository: an account kept out of the nudges until a date. */
import { and, desc, eq, gt } from "drizzle-orm";
import type { Tx } from "./database.js";
import { snoozes } from "./schema.js";

export async function insertSnooze(
  db: Tx,
  snooze: { workspaceId: number; accountId: number; repId: number; until: string; createdAt: Date },
): Promise<void> {
  await db.insert(snoozes).values(snooze);
}

/** Removes the account's snooze made at `createdAt` (the one a click made, for Undo). */
export async function deleteSnoozeMadeAt(db: Tx, accountId: number, createdAt: Date): Promise<void> {
  await db.delete(snoozes).where(and(eq(snoozes.accountId, accountId), eq(snoozes.createdAt, createdAt)));
}

/** The latest date the account is snoozed until, when that is after `today`. */
export async function findSnoozedUntil(
  db: Tx,
  accountId: number,
  today: string,
): Promise<string | undefined> {
  const [row] = await db
    .select({ until: snoozes.until })
    .from(snoozes)
    .where(and(eq(snoozes.accountId, accountId), gt(snoozes.until, today)))
    .orderBy(desc(snoozes.until))
    .limit(1);
  return row?.until;
}
