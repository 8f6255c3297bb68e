/**
 * The book as the reports read it: the workspace's reps, and its active accounts with the columns
 * that tier them and judge their cadence. Plain rows; the reports derive tiers and days in Node.
 */
import { and, eq, inArray } from "drizzle-orm";
import type { Tx } from "./database.js";
import { accounts, reps } from "./schema.js";

export type RepRecord = typeof reps.$inferSelect;

/** Every rep of the workspace, by name. */
export function listRepsByName(db: Tx, workspaceId: number): Promise<RepRecord[]> {
  return db.select().from(reps).where(eq(reps.workspaceId, workspaceId)).orderBy(reps.name);
}

export interface AccountValueRow {
  id: number;
  annualRevenue: number;
  grossProfit: number | null;
  tierOverride: TierOverride;
}

type TierOverride = (typeof accounts.$inferSelect)["tierOverride"];

/** The value columns and hand-set tier of every active account of the workspace. */
export function listActiveAccountValues(db: Tx, workspaceId: number): Promise<AccountValueRow[]> {
  return db
    .select({
      id: accounts.id,
      annualRevenue: accounts.annualRevenue,
      grossProfit: accounts.grossProfit,
      tierOverride: accounts.tierOverride,
    })
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.status, "active")));
}

export interface BookAccountRow {
  id: number;
  name: string;
  ownerRepId: number;
  annualRevenue: number;
  grossProfit: number | null;
  cadenceDays: number | null;
  lastContactAt: Date | null;
}

/** Active accounts owned by `ownerIds` (of every owner when omitted). */
export function listActiveAccounts(
  db: Tx,
  workspaceId: number,
  ownerIds?: number[],
): Promise<BookAccountRow[]> {
  const filters = [eq(accounts.workspaceId, workspaceId), eq(accounts.status, "active")];
  if (ownerIds) filters.push(inArray(accounts.ownerRepId, ownerIds.length ? ownerIds : [-1]));
  return db
    .select({
      id: accounts.id,
      name: accounts.name,
      ownerRepId: accounts.ownerRepId,
      annualRevenue: accounts.annualRevenue,
      grossProfit: accounts.grossProfit,
      cadenceDays: accounts.cadenceDays,
      lastContactAt: accounts.lastContactAt,
    })
    .from(accounts)
    .where(and(...filters));
}
