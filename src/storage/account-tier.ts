/**
 * The one place the views read an account's tier from (planner rule 1): the stored
 * `accounts.tier`, which `rerankTiers` (tiers.ts) keeps exact after every write that moves a
 * value, an override, a status or the tier shares. Every view query takes its tier from here.
 */
import { type SQL, sql } from "drizzle-orm";

/** SQL for the tier ('A', 'B' or 'C') of the active account aliased `a`, its hand-set tier first. */
export function accountTierSql(): SQL {
  return sql`a.tier`;
}
