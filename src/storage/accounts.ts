/** The accounts repository: finding an account a user named, locking it, and moving its standing. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { Tx } from "./database.js";
import { accounts } from "./schema.js";

export type AccountRow = typeof accounts.$inferSelect;

/** The fields a use case may change on an account (its id and workspace never change). */
export type AccountPatch = Partial<Omit<AccountRow, "id" | "workspaceId" | "createdAt">>;

/** The account `accountId` of workspace `workspaceId`, or undefined. */
export async function findAccountById(
  db: Tx,
  workspaceId: number,
  accountId: number,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, accountId)));
  return row;
}

/**
 * Up to `limit` accounts of the workspace whose lower-cased name starts with `lowerPrefix`, by
 * name then id. Served by accounts_workspace_name_idx (lower(name) text_pattern_ops).
 */
export async function findAccountsByNamePrefix(
  db: Tx,
  workspaceId: number,
  lowerPrefix: string,
  limit: number,
): Promise<AccountRow[]> {
  const pattern = `${lowerPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), sql`lower(${accounts.name}) like ${pattern}`))
    .orderBy(asc(sql`lower(${accounts.name})`), asc(accounts.id))
    .limit(limit);
}

/** Locks the account for the rest of the transaction; undefined when it is not in the workspace. */
export async function findAccountForUpdate(
  db: Tx,
  accountId: number,
  workspaceId?: number,
): Promise<AccountRow | undefined> {
  const [row] = await db
    .select()
    .from(accounts)
    .where(
      workspaceId === undefined
        ? eq(accounts.id, accountId)
        : and(eq(accounts.id, accountId), eq(accounts.workspaceId, workspaceId)),
    )
    .for("update");
  return row;
}

export async function updateAccount(db: Tx, accountId: number, patch: AccountPatch): Promise<void> {
  await db.update(accounts).set(patch).where(eq(accounts.id, accountId));
}

/** Sets the account's last note, only while its latest contact is still the one made at `contactAt`. */
export async function setLastNoteIfLatest(
  db: Tx,
  accountId: number,
  contactAt: Date,
  note: string | null,
): Promise<void> {
  await db
    .update(accounts)
    .set({ lastNote: note })
    .where(and(eq(accounts.id, accountId), eq(accounts.lastContactAt, contactAt)));
}
