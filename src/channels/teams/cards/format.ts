/** Dates and words as a rep reads them in a card, always in the rep's own zone. */
import { DateTime } from "luxon";
import type { CheckInChannel } from "../../../domain/planner/types.js";

const channelWords: Record<CheckInChannel, string> = {
  call: "call",
  email: "email",
  meeting: "meeting",
  video: "video call",
  message: "message",
  other: "other",
};

export function channelWord(channel: CheckInChannel): string {
  return channelWords[channel];
}

/** "Tue 3 Mar 16:00" in `zone`. */
export function formatMoment(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL HH:mm");
}

/** "Tuesday 3 March" for a local ISO date. */
export function formatLocalDate(date: string): string {
  return DateTime.fromISO(date).toFormat("cccc d LLLL");
}

/** "today", "yesterday", "23 days ago", counted in calendar days of `zone`. */
export function daysAgo(at: Date, now: Date, zone: string): string {
  const from = DateTime.fromJSDate(at, { zone }).startOf("day");
  const to = DateTime.fromJSDate(now, { zone }).startOf("day");
  const days = Math.round(to.diff(from, "days").days);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}
