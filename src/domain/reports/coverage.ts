/**
 * Coverage arithmetic for the reports, on top of the planner's own rules (tiers, cadence, due):
 * whether an account was contacted within its cadence, the share of a rep's A/B/C accounts
 * covered, and the neglect order. Pure.
 */
import { isDue } from "../planner/cadence.js";
import type { Tier } from "../planner/types.js";

export type { Tier };

/** Contacted within its cadence: not due yet. */
export function isWithinCadence(days: number | null, cadence: number): boolean {
  return !isDue(days, cadence);
}

/** How overdue: days since contact over cadence (never contacted counts as endlessly overdue). */
export function overdueRatio(days: number | null, cadence: number): number {
  return days === null ? Number.POSITIVE_INFINITY : days / cadence;
}

export interface CoverageCell {
  tier: Tier;
  total: number;
  withinCadence: number;
}

/** Per tier: how many accounts, and how many were contacted within their cadence. */
export function coverageByTier(items: readonly { tier: Tier; withinCadence: boolean }[]): CoverageCell[] {
  return (["A", "B", "C"] as const).map((tier) => {
    const ofTier = items.filter((i) => i.tier === tier);
    return { tier, total: ofTier.length, withinCadence: ofTier.filter((i) => i.withinCadence).length };
  });
}

/** "83% (5/6)", or "–" when there are no accounts of that tier. */
export function formatShare(cell: CoverageCell): string {
  if (cell.total === 0) return "–";
  return `${Math.round((100 * cell.withinCadence) / cell.total)}% (${cell.withinCadence}/${cell.total})`;
}

export interface NeglectCandidate {
  id: number;
  tier: Tier;
  value: number;
  days: number | null;
  cadence: number;
}

/** Rule 10: an A account untouched for `escalationFactor` cadences (or never) is escalated. */
export function isEscalated(item: NeglectCandidate, escalationFactor: number): boolean {
  return item.tier === "A" && overdueRatio(item.days, item.cadence) >= escalationFactor;
}

/**
 * How overdue counts at most in the neglect order: beyond four cadences an account is simply
 * neglected, and value decides. Without a cap a never-contacted small account would outrank a
 * large one three cadences late.
 */
export const MAX_OVERDUE_WEIGHT = 4;

/**
 * The neglect order among accounts that are due: escalated A accounts first, then by value
 * times how overdue (capped), then by value, then id.
 */
export function rankNeglected<T extends NeglectCandidate>(
  items: readonly T[],
  escalationFactor: number,
  limit: number,
): T[] {
  const weight = (i: T) =>
    Math.max(0, i.value) * Math.min(overdueRatio(i.days, i.cadence), MAX_OVERDUE_WEIGHT);
  return items
    .filter((i) => isDue(i.days, i.cadence))
    .sort(
      (a, b) =>
        Number(isEscalated(b, escalationFactor)) - Number(isEscalated(a, escalationFactor)) ||
        weight(b) - weight(a) ||
        b.value - a.value ||
        a.id - b.id,
    )
    .slice(0, limit);
}
