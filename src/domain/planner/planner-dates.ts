/**
 * The dates the planner needs, derived once per write instead of every morning (issue 11): from
 * an account's facts (last contact, outcome, orders, review, tier, cadence, status) and its
 * owner's zone, the first day on which each rule makes it a candidate. Until a write changes a
 * fact these dates do not move, because every rule's condition only becomes true as days pass:
 *   - at risk from (planner rule 5): a risky last outcome makes it at risk always; a regular buyer
 *     is at risk once the gap since the last order exceeds `riskGapFactor` usual intervals;
 *   - due on (planner rules 2, 3, 5): never contacted, always; else the contact day plus the
 *     cadence, or plus half of it from the day it is at risk;
 *   - review due on (planner rules 8, 14): an active A account, the first day its last review is
 *     over `reviewMonths` old, and not before the cadence has passed since the last contact;
 *   - next pick on: the earlier of the two for an active account; never for a lost one (exit
 *     interviews and win-backs come from the departures).
 * `accountCandidate` (candidates.ts) gives a candidate on a day exactly when the day is on or after
 * `nextPickOn` (unsnoozed); the property test in test/domain/planner-dates.test.ts proves it.
 * Days are day numbers (days since 1970-01-01); -Infinity means always, Infinity never.
 */
import { DateTime } from "luxon";
import type { WorkspaceSettings } from "../settings.js";
import { cadenceFor } from "./cadence.js";
import { dayNumber, localDayNumber } from "./calendar.js";
import { reviewCutoff } from "./review.js";
import { riskAdjustedCadence } from "./risk.js";
import type { PlannerAccount } from "./types.js";

export type DatedAccount = Pick<
  PlannerAccount,
  | "status"
  | "tier"
  | "cadenceDays"
  | "lastContactAt"
  | "lastOutcome"
  | "lastOrderAt"
  | "avgOrderIntervalDays"
  | "lastReviewAt"
>;

export interface PlannerDates {
  /** First day at risk; Infinity when nothing on file makes it at risk. */
  atRiskFrom: number;
  dueOn: number;
  /** Infinity when the account needs no review (not an active A account). */
  reviewDueOn: number;
  nextPickOn: number;
}

type Settings = Pick<WorkspaceSettings, "cadenceDays" | "riskGapFactor" | "reviewMonths">;

export function plannerDates(account: DatedAccount, zone: string, settings: Settings): PlannerDates {
  const cadence = cadenceFor(account, settings as WorkspaceSettings);
  const contactDay = account.lastContactAt === null ? null : localDayNumber(account.lastContactAt, zone);
  const atRiskFrom = riskFrom(account, settings);
  const dueOn =
    contactDay === null
      ? Number.NEGATIVE_INFINITY
      : Math.min(contactDay + cadence, Math.max(atRiskFrom, contactDay + riskAdjustedCadence(cadence, true)));
  const reviewDueOn =
    account.status !== "active" || account.tier !== "A"
      ? Number.POSITIVE_INFINITY
      : Math.max(
          account.lastReviewAt === null
            ? Number.NEGATIVE_INFINITY
            : firstDayOverReviewAge(localDayNumber(account.lastReviewAt, zone), settings.reviewMonths),
          // Planner rule 14: not within the cadence after a contact.
          contactDay === null ? Number.NEGATIVE_INFINITY : contactDay + cadence,
        );
  const nextPickOn = account.status === "active" ? Math.min(dueOn, reviewDueOn) : Number.POSITIVE_INFINITY;
  return { atRiskFrom, dueOn, reviewDueOn, nextPickOn };
}

function riskFrom(account: DatedAccount, settings: Settings): number {
  if (account.lastOutcome === "at_risk" || account.lastOutcome === "issue_raised") {
    return Number.NEGATIVE_INFINITY;
  }
  const interval = account.avgOrderIntervalDays;
  if (account.lastOrderAt === null || interval === null || interval <= 0) return Number.POSITIVE_INFINITY;
  // The gap is a whole number of days: over `factor * interval` means at least its floor plus one.
  return dayNumber(account.lastOrderAt) + Math.floor(settings.riskGapFactor * interval) + 1;
}

/**
 * The first day whose review cutoff (the day minus `months`, review.ts) is after `reviewedOn`:
 * the day after the review plus `months`, or, when that month is too short for its day (31 August
 * plus six months), the first of the month after.
 */
export function firstDayOverReviewAge(reviewedOn: number, months: number): number {
  const after = DateTime.fromMillis((reviewedOn + 1) * 86_400_000, { zone: "UTC" });
  const later = after.plus({ months });
  const first = later.day === after.day ? later : later.startOf("month").plus({ months: 1 });
  return dayNumber(first.toISODate() as string);
}

/** The same, by the definition: the first day whose cutoff is after `reviewedOn` (for tests). */
export function firstDayOverReviewAgeBySearch(reviewedOn: number, months: number): number {
  let day = reviewedOn;
  const settings = { reviewMonths: months } as WorkspaceSettings;
  const iso = (n: number) => DateTime.fromMillis(n * 86_400_000, { zone: "UTC" }).toISODate() as string;
  while (dayNumber(reviewCutoff(iso(day), settings)) <= reviewedOn) day++;
  return day;
}

/** A day number as the database stores it: YYYY-MM-DD, `-infinity` or `infinity`. */
export function dayText(day: number): string {
  if (day === Number.NEGATIVE_INFINITY) return "-infinity";
  if (day === Number.POSITIVE_INFINITY) return "infinity";
  return DateTime.fromMillis(day * 86_400_000, { zone: "UTC" }).toISODate() as string;
}
