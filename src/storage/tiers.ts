/**
 * Stored tiers (planner rule 1): `accounts.tier` is the account's hand-set tier, else its Pareto
 * tier among the workspace's active accounts. Re-ranked in one set statement after a write that
 * moves a value, an override, a status or the tier shares; only the accounts whose tier changed
 * are written.
 */
import { sql } from "drizzle-orm";
import type { WorkspaceSettings } from "../domain/settings.js";
import { queryRows, type Tx } from "./database.js";
import { type DatesSettings, refreshPlannerDates } from "./planner-dates.js";
import { loadValueRanking, tierSql } from "./value-ranking.js";

/**
 * Re-tiers every account of the workspace; returns how many accounts changed tier. With `dates`
 * (the workspace's settings), the planner dates of those accounts follow their new tier.
 */
export async function rerankTiers(
  db: Tx,
  workspaceId: number,
  shares: WorkspaceSettings["tierShares"],
  dates?: DatesSettings,
): Promise<number> {
  const ranking = await loadValueRanking(db, workspaceId, shares);
  const tier = tierSql(ranking);
  const changed = await queryRows<{ id: number }>(
    db,
    sql`update accounts a set tier = ${tier}
        where a.workspace_id = ${workspaceId} and a.tier is distinct from ${tier}
        returning a.id`,
  );
  if (dates) {
    await refreshPlannerDates(db, workspaceId, dates, { accountIds: changed.map((c) => c.id) });
  }
  return changed.length;
}
