/**
 * Planner rule 5, risk. An account is at risk when a regular buyer went quiet (the days since its last
 * order exceed `riskGapFactor` times its usual order interval) or when its last check-in ended
 * `at_risk` or `issue_raised`.
 *
 * Risk raises priority twice: the score doubles (score.ts), and the account is due again after
 * half its cadence, so that a customer who just said "we are looking elsewhere" is not left for
 * a month. Both choices are ours; the spec only says risk raises priority.
 */

import type { WorkspaceSettings } from "../settings.js";
import { daysFromTo } from "./calendar.js";
import type { CheckInOutcome, PlannerAccount } from "./types.js";

export interface Risk {
  atRisk: boolean;
  /** Days since the last order, when the orders stopped (the gap is over the factor). */
  ordersStoppedDays: number | null;
  /** The last check-in's outcome when it signals risk. */
  riskyOutcome: Extract<CheckInOutcome, "at_risk" | "issue_raised"> | null;
}

export function assessRisk(
  account: Pick<PlannerAccount, "lastOrderAt" | "avgOrderIntervalDays" | "lastOutcome">,
  date: string,
  settings: WorkspaceSettings,
): Risk {
  let ordersStoppedDays: number | null = null;
  if (
    account.lastOrderAt !== null &&
    account.avgOrderIntervalDays !== null &&
    account.avgOrderIntervalDays > 0
  ) {
    const gap = daysFromTo(account.lastOrderAt, date);
    if (gap > settings.riskGapFactor * account.avgOrderIntervalDays) ordersStoppedDays = gap;
  }
  const outcome = account.lastOutcome;
  const riskyOutcome = outcome === "at_risk" || outcome === "issue_raised" ? outcome : null;
  return { atRisk: ordersStoppedDays !== null || riskyOutcome !== null, ordersStoppedDays, riskyOutcome };
}

/** The cadence that applies: half of it (at least a day) for an account at risk. */
export function riskAdjustedCadence(cadence: number, atRisk: boolean): number {
  return atRisk ? Math.max(1, Math.ceil(cadence / 2)) : cadence;
}
