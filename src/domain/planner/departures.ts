/**
 * Planner rules 7 and 9, lost accounts. A lost account is never due by cadence. It first gets an exit
 * interview pick for the rep its departure names (someone other than the owner, who asks the
 * customer why). Once the interview is logged, the owner gets a win-back pick every
 * `winBackDays`. A departure with no interviewer (an imported one, say) skips the interview:
 * the win-back clock then starts on the day the account was lost.
 */
import type { WorkspaceSettings } from "../settings.js";
import { daysSince } from "./cadence.js";
import { daysFromTo } from "./calendar.js";
import type { PlannerAccount, PlannerDeparture } from "./types.js";

export type DepartureStep =
  | { kind: "exit_interview"; repId: number; daysSinceLost: number }
  | {
      kind: "win_back";
      repId: number;
      daysSinceLost: number;
      daysSinceTouch: number;
      lastTouch: "lost" | "exit_interview" | "win_back";
    };

/** Who should interview the customer, or null when nobody other than the owner is named. */
export function exitInterviewer(
  account: Pick<PlannerAccount, "ownerRepId">,
  departure: PlannerDeparture,
): number | null {
  const rep = departure.exitInterviewRepId;
  return rep === null || rep === account.ownerRepId ? null : rep;
}

/**
 * The pick a lost account needs on `date`, or null. `zoneOf` gives a rep's zone (calendar days
 * are counted in the zone of the rep who will make the contact).
 */
export function departureStep(
  account: Pick<PlannerAccount, "status" | "ownerRepId" | "departure">,
  date: string,
  zoneOf: (repId: number) => string,
  settings: WorkspaceSettings,
): DepartureStep | null {
  const departure = account.departure;
  if (account.status !== "lost" || departure === null) return null;
  const daysSinceLost = Math.max(0, daysFromTo(departure.lostOn, date));
  const interviewer = exitInterviewer(account, departure);
  if (interviewer !== null && departure.exitInterviewAt === null) {
    return { kind: "exit_interview", repId: interviewer, daysSinceLost };
  }
  const zone = zoneOf(account.ownerRepId);
  const lastTouch =
    departure.lastWinBackAt !== null
      ? "win_back"
      : departure.exitInterviewAt !== null
        ? "exit_interview"
        : "lost";
  const daysSinceTouch =
    daysSince(departure.lastWinBackAt ?? departure.exitInterviewAt, date, zone) ?? daysSinceLost;
  if (daysSinceTouch < settings.winBackDays) return null;
  return { kind: "win_back", repId: account.ownerRepId, daysSinceLost, daysSinceTouch, lastTouch };
}
