/**
 * The one step every write that moves an account's value, tier override or status (active, lost),
 * or the workspace's tier shares, calls in its transaction: the workspace's stored tiers are
 * re-ranked (planner rule 1) so that every reader finds them exact.
 */
import type { Tx } from "../../storage/database.js";
import { rerankTiers } from "../../storage/tiers.js";
import { getWorkspace } from "../../storage/workspaces.js";

/** Re-ranks the workspace's stored tiers; returns how many accounts changed tier. */
export async function retierWorkspace(db: Tx, workspaceId: number): Promise<number> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) return 0;
  return rerankTiers(db, workspaceId, workspace.settings.tierShares);
}
