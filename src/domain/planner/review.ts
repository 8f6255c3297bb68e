/**
 * Rule 8, relationship review. An A account whose last review is more than `reviewMonths` old
 * (or that never had one) gets a review pick, whatever its call cadence: weekly calls are not a
 * review. A review is a meeting or a video call: logging one of those moves `lastReviewAt`
 * (app/check-ins/log-check-in.ts), which is what this rule reads.
 */
import { DateTime } from "luxon";
import type { WorkspaceSettings } from "../settings.js";
import { daysSince } from "./cadence.js";
import { dayNumber } from "./calendar.js";
import type { PlannerAccount } from "./types.js";

export interface ReviewStatus {
  due: boolean;
  /** Days since the last review; null when there was none. */
  daysSinceReview: number | null;
}

/** The last day on which a review still counts as recent: `date` minus `reviewMonths`. */
export function reviewCutoff(date: string, settings: WorkspaceSettings): string {
  return DateTime.fromISO(date, { zone: "UTC" })
    .minus({ months: settings.reviewMonths })
    .toISODate() as string;
}

export function reviewStatus(
  account: Pick<PlannerAccount, "tier" | "status" | "lastReviewAt">,
  date: string,
  zone: string,
  settings: WorkspaceSettings,
): ReviewStatus {
  const days = daysSince(account.lastReviewAt, date, zone);
  if (account.tier !== "A" || account.status !== "active") return { due: false, daysSinceReview: days };
  if (account.lastReviewAt === null) return { due: true, daysSinceReview: null };
  // "Over six months old": a review made exactly on the cutoff day is still recent.
  const reviewedOn = dayNumber(date) - (days ?? 0);
  return { due: reviewedOn < dayNumber(reviewCutoff(date, settings)), daysSinceReview: days };
}
