/**
 * Ignored is a signal (issue 13). A pick that was delivered and not acted on by the end of its day
 * counts as ignored. An A account ignored on `ignoredEscalationDays` working days since its last
 * contact (three by default), or overdue by twice its cadence (planner rule 10), reaches the
 * rep's manager in the next digest. Picks are only made on working days that are not holidays,
 * so holidays never count.
 */
import type { WorkspaceSettings } from "../settings.js";

export type PickState = "open" | "done" | "snoozed" | "skipped";

/** A pick is ignored once its day is over, it was delivered, and it is still open. */
export function isIgnored(
  pick: { status: PickState; localDate: string; delivered: boolean },
  today: string,
): boolean {
  return pick.delivered && pick.status === "open" && pick.localDate < today;
}

export interface IgnoredHistory {
  tier: "A" | "B" | "C";
  /** The local dates of the account's ignored picks. */
  ignoredOn: readonly string[];
  /** The local date of the account's last contact, or null. */
  lastContactOn: string | null;
  /** True when the account is untouched for twice its cadence (escalation.ts). */
  neglected: boolean;
}

export type EscalationReason = "ignored" | "neglected";

/** Why an account goes to the manager's digest, or null when it does not. */
export function escalationReason(
  account: IgnoredHistory,
  settings: Pick<WorkspaceSettings, "ignoredEscalationDays">,
): EscalationReason | null {
  if (account.tier !== "A") return null;
  const since = account.lastContactOn;
  const days = new Set(account.ignoredOn.filter((d) => since === null || d > since));
  if (days.size >= settings.ignoredEscalationDays) return "ignored";
  return account.neglected ? "neglected" : null;
}
