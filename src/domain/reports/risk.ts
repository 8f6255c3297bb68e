/** Risk and money in words, for the `account` view; the signals are planner rule 5. */
import { assessRisk } from "../planner/risk.js";
import type { CheckInOutcome } from "../planner/types.js";
import type { WorkspaceSettings } from "../settings.js";

export interface RiskInput {
  lastOutcome: string | null;
  lastOrderAt: string | null;
  avgOrderIntervalDays: number | null;
}

/** Reasons the account is at risk (empty when none): a purchase gap, or the last contact's outcome. */
export function riskReasons(account: RiskInput, today: string, settings: WorkspaceSettings): string[] {
  const risk = assessRisk(
    { ...account, lastOutcome: account.lastOutcome as CheckInOutcome | null },
    today,
    settings,
  );
  const reasons: string[] = [];
  if (risk.ordersStoppedDays !== null) {
    reasons.push(
      `no order for ${risk.ordersStoppedDays} days (usually every ${account.avgOrderIntervalDays})`,
    );
  }
  if (risk.riskyOutcome === "at_risk") reasons.push("the last contact said it is at risk");
  if (risk.riskyOutcome === "issue_raised") reasons.push("the last contact raised an issue");
  return reasons;
}

/** 1234567 → "1.2M", 45000 → "45k", 999 → "999". */
export function compactMoney(value: number): string {
  const abs = Math.abs(value);
  if (abs >= 1e9) return `${(value / 1e9).toFixed(1).replace(/\.0$/, "")}B`;
  if (abs >= 1e6) return `${(value / 1e6).toFixed(1).replace(/\.0$/, "")}M`;
  if (abs >= 1e3) return `${Math.round(value / 1e3)}k`;
  return String(Math.round(value));
}
