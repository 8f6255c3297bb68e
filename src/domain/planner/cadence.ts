/**
 * Planner rules 2 and 3, cadence and due. An account's cadence is its own override, else its tier's
 * (A 7, B 30, C 90 days by default). It is due when the days since its last contact (counted in
 * calendar days in the rep's zone) reach its cadence, or it was never contacted.
 */

import type { WorkspaceSettings } from "../settings.js";
import { daysSinceInstant } from "./calendar.js";
import type { PlannerAccount } from "./types.js";

/** Days between contacts for this account. */
export function cadenceFor(
  account: Pick<PlannerAccount, "cadenceDays" | "tier">,
  settings: WorkspaceSettings,
): number {
  return account.cadenceDays ?? settings.cadenceDays[account.tier];
}

/** Calendar days from `instant` (read in `zone`) to `date`; null when there is no instant. */
export function daysSince(instant: Date | null, date: string, zone: string): number | null {
  return instant === null ? null : daysSinceInstant(instant, date, zone);
}

/** Due when never contacted, or when the days since the last contact reach the cadence. */
export function isDue(daysSinceContact: number | null, cadence: number): boolean {
  return daysSinceContact === null || daysSinceContact >= cadence;
}
