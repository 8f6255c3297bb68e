/**
 * Planner rule 11: every pick carries one line a rep understands, built from short pieces joined by
 * " · ", e.g. `Top 10% by revenue · 23 days since last call (every 7) · orders stopped 2 months ago`.
 */
import { DateTime } from "luxon";
import type { DepartureStep } from "./departures.js";
import type { ReviewStatus } from "./review.js";
import type { Risk } from "./risk.js";
import type { CheckInChannel, PlannerAccount, PlannerPromise } from "./types.js";

const SEPARATOR = " · ";
/** Promise texts are quoted up to this length, then cut with an ellipsis. */
const QUOTE_LIMIT = 80;
const TOP_SHARES = [1, 2, 5, 10, 20, 25, 50];

export function joinReason(pieces: readonly (string | null)[]): string {
  return pieces.filter((p): p is string => p !== null && p !== "").join(SEPARATOR);
}

/** `Top 10% by revenue`, `Top 1% by gross profit`, `Tier C` below the top half, or `Tier A (set by hand)`. */
export function valuePhrase(
  account: Pick<PlannerAccount, "valuePercentile" | "valueBasis" | "tier" | "valueRank" | "tierByHand">,
): string {
  if (account.tierByHand) return `Tier ${account.tier} (set by hand)`;
  const basis = account.valueBasis === "profit" ? "gross profit" : "revenue";
  if (account.valueRank > 0) {
    const share = TOP_SHARES.find((s) => account.valuePercentile <= s / 100);
    if (share !== undefined) return `Top ${share}% by ${basis}`;
  }
  return `Tier ${account.tier}`;
}

const channelWords: Record<CheckInChannel, string> = {
  call: "call",
  email: "email",
  meeting: "meeting",
  video: "video call",
  message: "message",
  other: "contact",
};

export function channelWord(channel: CheckInChannel | null): string {
  return channel === null ? "contact" : channelWords[channel];
}

/** `23 days since last call (every 7)` or `never contacted (every 7)`. */
export function contactPhrase(
  daysSinceContact: number | null,
  channel: CheckInChannel | null,
  cadence: number,
): string {
  if (daysSinceContact === null) return `never contacted (every ${cadence})`;
  return `${plural(daysSinceContact, "day")} since last ${channelWord(channel)} (every ${cadence})`;
}

/** `orders stopped 2 months ago`, `flagged at risk on last call`, `issue raised on last call`. */
export function riskPhrases(risk: Risk, lastChannel: CheckInChannel | null): string[] {
  const pieces: string[] = [];
  if (risk.ordersStoppedDays !== null) pieces.push(`orders stopped ${ago(risk.ordersStoppedDays)}`);
  if (risk.riskyOutcome === "at_risk") pieces.push(`flagged at risk on last ${channelWord(lastChannel)}`);
  if (risk.riskyOutcome === "issue_raised") pieces.push(`issue raised on last ${channelWord(lastChannel)}`);
  return pieces;
}

/** `relationship review due (last one 8 months ago)` or `relationship review due (none yet)`. */
export function reviewPhrase(review: ReviewStatus): string {
  return review.daysSinceReview === null
    ? "relationship review due (none yet)"
    : `relationship review due (last one ${ago(review.daysSinceReview)})`;
}

/** `Promise due today 16:00: "send the figures"` or `Promise overdue since Tue 3 Mar 16:00: "…"`. */
export function promisePhrase(
  promise: Pick<PlannerPromise, "dueAt" | "what">,
  date: string,
  zone: string,
): string {
  const due = DateTime.fromJSDate(promise.dueAt, { zone });
  const time = due.hour === 0 && due.minute === 0 ? "" : ` ${due.toFormat("HH:mm")}`;
  const when =
    due.toISODate() === date ? `due today${time}` : `overdue since ${due.toFormat("ccc d LLL")}${time}`;
  return `Promise ${when}: "${quote(promise.what)}"`;
}

/** `Exit interview · lost 12 days ago: "price"` or `Win-back · lost 5 months ago: "price" · …`. */
export function departurePhrases(step: DepartureStep, lostReason: string, winBackDays: number): string[] {
  const lost = `lost ${ago(step.daysSinceLost)}: "${quote(lostReason)}"`;
  if (step.kind === "exit_interview") return ["Exit interview", lost, "ask why they left"];
  const touch =
    step.lastTouch === "win_back"
      ? `last win-back ${ago(step.daysSinceTouch)} (every ${winBackDays} days)`
      : step.lastTouch === "exit_interview"
        ? `exit interview ${ago(step.daysSinceTouch)}`
        : null;
  return ["Win-back", lost, ...(touch === null ? [] : [touch])];
}

/** `covering for Ana Lima (away)` on picks routed from a paused rep to the backup. */
export function coveringPhrase(name: string | undefined): string {
  return `covering for ${name ?? "a paused rep"} (away)`;
}

/** `today`, `yesterday`, `5 days ago`, `3 weeks ago`, `2 months ago`, `3 years ago`. */
export function ago(days: number): string {
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  if (days < 14) return `${days} days ago`;
  if (days < 60) return `${plural(Math.round(days / 7), "week")} ago`;
  if (days < 730) return `${plural(Math.round(days / 30.44), "month")} ago`;
  return `${plural(Math.round(days / 365.25), "year")} ago`;
}

function plural(n: number, unit: string): string {
  return `${n} ${unit}${n === 1 ? "" : "s"}`;
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= QUOTE_LIMIT ? line : `${line.slice(0, QUOTE_LIMIT - 1)}…`;
}
