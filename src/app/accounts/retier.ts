/**
 * The steps every write calls in its transaction so that the stored tiers and planner dates stay
 * exact (issue 11):
 *   - `retierWorkspace` after a write that moves an account's value, tier override or status
 *     (active, lost), or the workspace's tier shares: the tiers are re-ranked (planner rule 1) and
 *     the dates of the accounts whose tier moved follow;
 *   - `refreshDates` after a write that moves a fact a planner date derives from (a contact, an
 *     outcome, an order, a review, a cadence, an owner, a rep's zone, a planner setting).
 */
import type { Tx } from "../../storage/database.js";
import { type DatesScope, refreshPlannerDates } from "../../storage/planner-dates.js";
import { rerankTiers } from "../../storage/tiers.js";
import { getWorkspace } from "../../storage/workspaces.js";

/** Re-ranks the workspace's stored tiers; returns how many accounts changed tier. */
export async function retierWorkspace(db: Tx, workspaceId: number): Promise<number> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) return 0;
  return rerankTiers(db, workspaceId, workspace.settings.tierShares, workspace.settings);
}

/** Derives the planner dates of the accounts in `scope` again; returns how many changed. */
export async function refreshDates(db: Tx, workspaceId: number, scope: DatesScope): Promise<number> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) return 0;
  return refreshPlannerDates(db, workspaceId, workspace.settings, scope);
}
