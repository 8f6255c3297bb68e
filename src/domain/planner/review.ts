/**
 * Planner rule 8, relationship review. An A account whose last review is more than `reviewMonths` old
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
  /** Days since the last review; null when there was none (or the account needs no review). */
  daysSinceReview: number | null;
}

/** The last day on which a review still counts as recent: `date` minus `reviewMonths`. */
export function reviewCutoff(date: string, settings: WorkspaceSettings): string {
  const key = `${date}|${settings.reviewMonths}`;
  let cutoff = cutoffs.get(key);
  if (cutoff === undefined) {
    if (cutoffs.size >= 1_000) cutoffs.clear();
    cutoff = DateTime.fromISO(date, { zone: "UTC" })
      .minus({ months: settings.reviewMonths })
      .toISODate() as string;
    cutoffs.set(key, cutoff);
  }
  return cutoff;
}
/** Every account asks for the same cutoff, and luxon is slow: keep it per date. */
const cutoffs = new Map<string, string>();

export function reviewStatus(
  account: Pick<PlannerAccount, "tier" | "status" | "lastReviewAt">,
  date: string,
  zone: string,
  settings: WorkspaceSettings,
): ReviewStatus {
  if (account.tier !== "A" || account.status !== "active") return { due: false, daysSinceReview: null };
  if (account.lastReviewAt === null) return { due: true, daysSinceReview: null };
  const days = daysSince(account.lastReviewAt, date, zone);
  // "Over six months old": a review made exactly on the cutoff day is still recent.
  const reviewedOn = dayNumber(date) - (days ?? 0);
  return { due: reviewedOn < dayNumber(reviewCutoff(date, settings)), daysSinceReview: days };
}
