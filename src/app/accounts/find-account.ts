/** Finding the account a user named: `#<id>` exactly, or a case-insensitive name prefix. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { AccountRef } from "../../domain/commands/types.js";
import type { Tx } from "../../storage/database.js";
import { accounts } from "../../storage/schema.js";

export type AccountRow = typeof accounts.$inferSelect;

/** At most this many candidates are offered when a name matches several accounts. */
export const MAX_CHOICES = 10;

export type FoundAccount =
  | { kind: "one"; account: AccountRow }
  | { kind: "many"; candidates: AccountRow[]; more: boolean }
  | { kind: "none" };

/** Looks the reference up in `workspaceId` only: another workspace's accounts are never found. */
export async function findAccount(db: Tx, workspaceId: number, ref: AccountRef): Promise<FoundAccount> {
  if (ref.kind === "id") {
    const [row] = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.workspaceId, workspaceId), eq(accounts.id, ref.id)));
    return row ? { kind: "one", account: row } : { kind: "none" };
  }
  const text = ref.text.toLowerCase();
  const pattern = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  // Served by accounts_workspace_name_idx (lower(name) text_pattern_ops).
  const rows = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.workspaceId, workspaceId), sql`lower(${accounts.name}) like ${pattern}`))
    .orderBy(asc(sql`lower(${accounts.name})`), asc(accounts.id))
    .limit(MAX_CHOICES + 1);
  const exact = rows.filter((r) => r.name.toLowerCase() === text);
  if (exact.length === 1) return { kind: "one", account: exact[0]! };
  if (rows.length === 1) return { kind: "one", account: rows[0]! };
  if (rows.length === 0) return { kind: "none" };
  return { kind: "many", candidates: rows.slice(0, MAX_CHOICES), more: rows.length > MAX_CHOICES };
}
