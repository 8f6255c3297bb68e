/**
 * Calendar-day arithmetic for the planner's hot loop. The planner counts days for every candidate
 * account; luxon costs tens of microseconds per call, so these helpers use cached Intl formatters
 * and plain UTC day numbers instead (same answers as domain/time.ts).
 */
import { DateTime } from "luxon";

const MS_PER_DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** Days since 1970-01-01 of a calendar date (YYYY-MM-DD). */
export function dayNumber(date: string): number {
  return (
    Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY
  );
}

/** Days since 1970-01-01 of the calendar date at `instant` in `zone`. */
export function localDayNumber(instant: Date, zone: string): number {
  let year = 0;
  let month = 0;
  let day = 0;
  for (const part of formatterFor(zone).formatToParts(instant)) {
    if (part.type === "year") year = Number(part.value);
    else if (part.type === "month") month = Number(part.value);
    else if (part.type === "day") day = Number(part.value);
  }
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

/** Whole days from calendar date `from` to calendar date `to`. */
export function daysFromTo(from: string, to: string): number {
  return dayNumber(to) - dayNumber(from);
}

/**
 * The first instant of each local day from `daysBack` days before `date` to the day after it,
 * in `zone`, ascending (daylight-saving days are 23 or 25 hours long; some start at 01:00).
 */
export function dayStarts(date: string, zone: string, daysBack: number): Date[] {
  const first = DateTime.fromISO(date, { zone }).minus({ days: daysBack });
  const starts: Date[] = [];
  for (let k = 0; k <= daysBack + 1; k++) starts.push(first.plus({ days: k }).startOf("day").toJSDate());
  return starts;
}

/** How far back `daysSinceInstant` finds days by lookup (older instants are converted). */
export const LOOKUP_DAYS = 1_095;
const dayStartsCache = new Map<string, Date[]>();

/** `dayStarts(date, zone, LOOKUP_DAYS)`, kept per date and zone (every account asks for it). */
export function lookupDayStarts(date: string, zone: string): Date[] {
  const key = `${date}|${zone}`;
  let starts = dayStartsCache.get(key);
  if (!starts) {
    if (dayStartsCache.size >= 64) dayStartsCache.clear();
    starts = dayStarts(date, zone, LOOKUP_DAYS);
    dayStartsCache.set(key, starts);
  }
  return starts;
}

/** Calendar days from the local date of `instant` in `zone` to `date`. */
export function daysSinceInstant(instant: Date, date: string, zone: string): number {
  const starts = lookupDayStarts(date, zone);
  const t = instant.getTime();
  if (t < starts[0]!.getTime()) return dayNumber(date) - localDayNumber(instant, zone);
  // Binary search for the number of day starts at or before the instant.
  let low = 0;
  let high = starts.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (starts[mid]!.getTime() <= t) low = mid + 1;
    else high = mid;
  }
  return LOOKUP_DAYS + 1 - low;
}
