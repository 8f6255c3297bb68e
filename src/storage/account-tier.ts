/**
 * The one place the views read an account's tier from (planner rule 1). Today the tier is derived
 * in SQL from the workspace's value ranking (a histogram, no sort of the book: value-ranking.ts);
 * once the tier is stored on the account, `loadTierSource` has nothing to load and
 * `accountTierSql` becomes the column. Every view query takes its tier from here.
 */
import type { SQL } from "drizzle-orm";
import type { WorkspaceSettings } from "../domain/settings.js";
import type { Tx } from "./database.js";
import { loadValueRanking, tierSql, type ValueRanking } from "./value-ranking.js";

/** What `accountTierSql` needs to tier an account of one workspace. */
export interface TierSource {
  ranking: ValueRanking;
}

export async function loadTierSource(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
): Promise<TierSource> {
  return { ranking: await loadValueRanking(db, workspaceId, settings.tierShares) };
}

/** SQL for the tier ('A', 'B' or 'C') of the active account aliased `a`, its hand-set tier first. */
export function accountTierSql(source: TierSource): SQL {
  return tierSql(source.ranking);
}
