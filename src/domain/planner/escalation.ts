/**
 * Planner rule 10, escalation. An active A account untouched for `escalationFactor` times its cadence
 * (twice, by default) is neglected: it belongs in the manager's neglect report and digest.
 */
import type { WorkspaceSettings } from "../settings.js";
import { cadenceFor, daysSince } from "./cadence.js";
import type { PlannerAccount } from "./types.js";

export function isNeglected(
  account: Pick<PlannerAccount, "tier" | "status" | "cadenceDays" | "lastContactAt">,
  date: string,
  zone: string,
  settings: WorkspaceSettings,
): boolean {
  if (account.tier !== "A" || account.status !== "active") return false;
  const days = daysSince(account.lastContactAt, date, zone);
  return days === null || days >= settings.escalationFactor * cadenceFor(account, settings);
}
