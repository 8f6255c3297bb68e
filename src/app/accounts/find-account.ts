/** Finding the account a user named: `#<id>` exactly, or a case-insensitive name prefix. */
import type { AccountRef } from "../../domain/commands/types.js";
import { type AccountRow, findAccountById, findAccountsByNamePrefix } from "../../storage/accounts.js";
import type { Tx } from "../../storage/database.js";

export type { AccountRow } from "../../storage/accounts.js";

/** At most this many candidates are offered when a name matches several accounts. */
export const MAX_CHOICES = 10;

export type FoundAccount =
  | { kind: "one"; account: AccountRow }
  | { kind: "many"; candidates: AccountRow[]; more: boolean }
  | { kind: "none" };

/** Looks the reference up in `workspaceId` only: another workspace's accounts are never found. */
export async function findAccount(db: Tx, workspaceId: number, ref: AccountRef): Promise<FoundAccount> {
  if (ref.kind === "id") {
    const row = await findAccountById(db, workspaceId, ref.id);
    return row ? { kind: "one", account: row } : { kind: "none" };
  }
  const text = ref.text.toLowerCase();
  const rows = await findAccountsByNamePrefix(db, workspaceId, text, MAX_CHOICES + 1);
  const exact = rows.filter((r) => r.name.toLowerCase() === text);
  const [only] = exact.length === 1 ? exact : rows.length === 1 ? rows : [];
  if (only) return { kind: "one", account: only };
  if (rows.length === 0) return { kind: "none" };
  return { kind: "many", candidates: rows.slice(0, MAX_CHOICES), more: rows.length > MAX_CHOICES };
}
