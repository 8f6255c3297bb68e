/**
 * Stored tiers (planner rule 1): `accounts.tier` is the account's hand-set tier, else its Pareto
 * tier among the workspace's active accounts. Re-ranked in one set statement after a write that
 * moves a value, an override, a status or the tier shares; only the accounts whose tier changed
 * are written.
 */
import { sql } from "drizzle-orm";
import type { WorkspaceSettings } from "../domain/settings.js";
import { queryRows, type Tx } from "./database.js";
import { loadValueRanking, tierSql } from "./value-ranking.js";

/** Re-tiers every account of the workspace; returns how many accounts changed tier. */
export async function rerankTiers(
  db: Tx,
  workspaceId: number,
  shares: WorkspaceSettings["tierShares"],
): Promise<number> {
  const ranking = await loadValueRanking(db, workspaceId, shares);
  const tier = tierSql(ranking);
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`with changed as (
          update accounts a set tier = ${tier}
          where a.workspace_id = ${workspaceId} and a.tier is distinct from ${tier}
          returning 1
        )
        select count(*)::int as n from changed`,
  );
  return row?.n ?? 0;
}
