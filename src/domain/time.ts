import { DateTime, IANAZone } from "luxon";

/** True when `zone` is an IANA time zone name that this runtime knows. */
export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

/** The calendar date (YYYY-MM-DD) at `instant` in `zone`. */
export function localDate(instant: Date, zone: string): string {
  return DateTime.fromJSDate(instant, { zone }).toISODate() as string;
}

/** Whole days from calendar date `from` to calendar date `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const a = DateTime.fromISO(from, { zone: "UTC" });
  const b = DateTime.fromISO(to, { zone: "UTC" });
  return Math.round(b.diff(a, "days").days);
}

/** Adds `days` to calendar date `date`. */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: "UTC" }).plus({ days }).toISODate() as string;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of calendar date `date`. */
export function isoWeekday(date: string): number {
  return DateTime.fromISO(date, { zone: "UTC" }).weekday;
}
