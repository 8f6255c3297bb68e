/**
 * Test data builders: small books of reps, accounts, promises and check-ins with plain inserts.
 * Every field has a sensible default, so a test names only what it is about:
 *   const ana = await createRep(t.db, t.workspaceId, { timezone: "Europe/Berlin" });
 *   await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, annualRevenue: 900_000 });
 */
import { eq, sql } from "drizzle-orm";
import { refreshDates, retierWorkspace } from "../../src/app/accounts/retier.js";
import type { Tx } from "../../src/storage/database.js";
import {
  accounts,
  checkins,
  holidays,
  promises,
  reps,
  snoozes,
  workspaces,
} from "../../src/storage/schema.js";

type RepRow = typeof reps.$inferSelect;
type AccountRow = typeof accounts.$inferSelect;
type CheckInRow = typeof checkins.$inferSelect;
type PromiseRow = typeof promises.$inferSelect;

let sequence = 0;
const next = () => ++sequence;

/** The row an `insert … returning` gave back; an insert that returns nothing is a broken test. */
function inserted<T>(row: T | undefined): T {
  if (row === undefined) throw new Error("the insert returned no row");
  return row;
}

export type RepInput = Partial<Omit<typeof reps.$inferInsert, "id" | "workspaceId">>;

/** A rep; email and name are unique by default. */
export async function createRep(db: Tx, workspaceId: number, input: RepInput = {}): Promise<RepRow> {
  const n = next();
  const [row] = await db
    .insert(reps)
    .values({ email: `rep${n}@example.test`, name: `Rep ${n}`, ...input, workspaceId })
    .returning();
  return inserted(row);
}

export type AccountInput = Partial<Omit<typeof accounts.$inferInsert, "id" | "workspaceId">> & {
  ownerRepId: number;
};

/** An active account owned by `ownerRepId`, never contacted unless `lastContactAt` is given. */
export async function createAccount(db: Tx, workspaceId: number, input: AccountInput): Promise<AccountRow> {
  const n = next();
  const [row] = await db
    .insert(accounts)
    .values({ externalId: `ACC-${n}`, name: `Account ${n}`, annualRevenue: 100_000, ...input, workspaceId })
    .returning();
  // The stored tiers follow every account added, as after an import (planner rule 1).
  if (input.tier === undefined && (await retierWorkspace(db, workspaceId)) > 0) {
    const [again] = await db
      .select()
      .from(accounts)
      .where(eq(accounts.id, inserted(row).id));
    return inserted(again);
  }
  return inserted(row);
}

export type PromiseInput = Partial<Omit<typeof promises.$inferInsert, "id" | "workspaceId">> & {
  accountId: number;
  repId: number;
  dueAt: Date;
};

/** An open promise ("follow-up commitment"). */
export async function createPromise(db: Tx, workspaceId: number, input: PromiseInput): Promise<PromiseRow> {
  const [row] = await db
    .insert(promises)
    .values({ what: "send the figures", ...input, workspaceId })
    .returning();
  return inserted(row);
}

export type CheckInInput = Partial<Omit<typeof checkins.$inferInsert, "id" | "workspaceId">> & {
  accountId: number;
  repId: number;
  at: Date;
};

/**
 * A logged contact (source `command` by default). Like logging one for real, it moves the
 * account's last contact forward when it is the latest, so the book stays consistent.
 */
export async function createCheckIn(db: Tx, workspaceId: number, input: CheckInInput): Promise<CheckInRow> {
  const [returned] = await db
    .insert(checkins)
    .values({ channel: "call", source: "command", ...input, workspaceId })
    .returning();
  const row = inserted(returned);
  await db
    .update(accounts)
    .set({
      lastContactAt: row.at,
      lastChannel: row.channel,
      lastOutcome: row.outcome,
      lastNote: row.note,
    })
    .where(
      sql`${accounts.id} = ${row.accountId} and (${accounts.lastContactAt} is null or ${accounts.lastContactAt} <= ${row.at.toISOString()}::timestamptz)`,
    );
  await refreshDates(db, workspaceId, { accountIds: [row.accountId] });
  return row;
}

/** Leaves an account out of plans before `until` (YYYY-MM-DD). */
export async function createSnooze(
  db: Tx,
  workspaceId: number,
  input: { accountId: number; repId: number; until: string },
): Promise<void> {
  await db.insert(snoozes).values({ ...input, workspaceId });
}

/** A workspace holiday on `on` (YYYY-MM-DD). */
export async function createHoliday(
  db: Tx,
  workspaceId: number,
  on: string,
  name = "Holiday",
): Promise<void> {
  await db.insert(holidays).values({ workspaceId, on, name });
}

/** Replaces the workspace's stored settings (partial; the rest take their defaults). */
export async function setWorkspaceSettings(
  db: Tx,
  workspaceId: number,
  settings: (typeof workspaces.$inferInsert)["settings"],
): Promise<void> {
  await db.update(workspaces).set({ settings }).where(eq(workspaces.id, workspaceId));
}

/** A new workspace with the given stored settings. */
export async function createWorkspace(
  db: Tx,
  input: Partial<Omit<typeof workspaces.$inferInsert, "id">> = {},
): Promise<number> {
  const n = next();
  const [row] = await db
    .insert(workspaces)
    .values({ platform: "slack", externalId: `T${n}`, name: `Workspace ${n}`, ...input })
    .returning({ id: workspaces.id });
  return inserted(row).id;
}
