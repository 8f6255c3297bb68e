/**
 * The step every writer of accounts runs after writing them, inside its transaction: the accounts
 * CSV import and a CRM sync. Stored facts derived from accounts (tiers, planner dates) are
 * re-derived here, so that they stay exact whatever wrote the accounts. Nothing is stored derived
 * yet; the step exists so that both writers already call the same one.
 */
import type { Tx } from "../../storage/database.js";

export async function afterAccountsWritten(
  _tx: Tx,
  _workspaceId: number,
  _accountIds: readonly number[],
  _now: Date,
): Promise<void> {}
