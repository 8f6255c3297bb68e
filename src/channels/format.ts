/** Words and dates as a rep reads them in a message (Slack or Teams), in the rep's own time zone. */
import { DateTime } from "luxon";

/** "call", "email", "video call": the word for how a contact was made (the planner's reasons use it too). */
export { channelWord } from "../domain/planner/reasons.js";

/** "Tue 14 Apr, 09:30" in `zone`. */
export function formatMoment(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("ccc d LLL, HH:mm");
}

/** "Tue 14 Apr 2026" for a local calendar date (YYYY-MM-DD). */
export function formatLocalDate(date: string): string {
  return DateTime.fromISO(date, { zone: "UTC" }).toFormat("cccc d LLLL yyyy");
}

/** "today", "yesterday", "12 days ago" between two instants, counted in local days of `zone`. */
export function daysAgo(at: Date, now: Date, zone: string): string {
  const from = DateTime.fromJSDate(at, { zone }).startOf("day");
  const to = DateTime.fromJSDate(now, { zone }).startOf("day");
  const days = Math.round(to.diff(from, "days").days);
  if (days <= 0) return "today";
  if (days === 1) return "yesterday";
  return `${days} days ago`;
}
