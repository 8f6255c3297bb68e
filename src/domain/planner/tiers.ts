/**
 * Planner rule 1, tiers by value (Pareto). A workspace's active accounts are ranked by value (gross
 * profit where present, else revenue; ties by id). Walking down the ranking, an account is A
 * while the value ranked above it is under `tierShares.A` of the total (so the account that
 * crosses 80% is still A), B while under `A + B` (95%), C after. A tier set by hand wins.
 *
 * The database applies the same rule without sorting every account (app/planning/value-ranking.ts);
 * `rankByValue` is the reference, used on small books and in tests.
 */
import type { WorkspaceSettings } from "../settings.js";
import type { Tier } from "./types.js";

export interface ValuedAccount {
  id: number;
  value: number;
  tierOverride: Tier | null;
}

export interface ValueStanding {
  tier: Tier;
  /** 1 = most valuable active account. */
  valueRank: number;
  /** valueRank / number of active accounts, in (0, 1]. */
  valuePercentile: number;
}

/** The value the ranking uses: gross profit where present, else revenue. */
export function accountValue(
  annualRevenue: number,
  grossProfit: number | null,
): {
  value: number;
  basis: "profit" | "revenue";
} {
  return grossProfit === null
    ? { value: annualRevenue, basis: "revenue" }
    : { value: grossProfit, basis: "profit" };
}

/** The Pareto tier of an account given the value ranked above it and the total. */
export function paretoTier(valueAbove: number, total: number, shares: WorkspaceSettings["tierShares"]): Tier {
  // 0.8 + 0.15 is 0.9500000000000001 in floating point: shave a hair so that exactly 95% is C.
  const tolerance = total * 1e-12;
  if (valueAbove < shares.A * total - tolerance) return "A";
  if (valueAbove < (shares.A + shares.B) * total - tolerance) return "B";
  return "C";
}

/** Orders by value, most valuable first; equal values by id, so the order is stable. */
export function byValueDescending(
  a: { id: number; value: number },
  b: { id: number; value: number },
): number {
  return b.value - a.value || a.id - b.id;
}

/** Tier, rank and percentile of every active account of a workspace. */
export function rankByValue(
  accounts: readonly ValuedAccount[],
  shares: WorkspaceSettings["tierShares"],
): Map<number, ValueStanding> {
  const ranked = [...accounts].sort(byValueDescending);
  // A loss-making account adds nothing to the total, so that the shares stay monotone.
  const total = ranked.reduce((sum, a) => sum + Math.max(0, a.value), 0);
  const standings = new Map<number, ValueStanding>();
  let above = 0;
  ranked.forEach((account, index) => {
    standings.set(account.id, {
      tier: account.tierOverride ?? paretoTier(above, total, shares),
      valueRank: index + 1,
      valuePercentile: (index + 1) / ranked.length,
    });
    above += Math.max(0, account.value);
  });
  return standings;
}
