/**
 * Local wall-clock readings of one instant in each time zone, computed with luxon. The due-rep
 * search joins reps to these readings, so the work per pass is one reading per distinct zone,
 * not one per rep, and daylight-saving rules come from a single source (luxon / ICU).
 */
import { DateTime } from "luxon";

export interface ZoneClock {
  zone: string;
  /** The calendar date in the zone at the instant (YYYY-MM-DD). */
  localDate: string;
  /** The local hour, 0-23. A skipped 02:00 simply never shows; a repeated 01:00 shows twice. */
  hour: number;
  /** ISO weekday of `localDate`: 1 = Monday … 7 = Sunday. */
  weekday: number;
}

/** Readings of `instant` in each zone; unknown zones are left out (returned in `unknown`). */
export function readZoneClocks(instant: Date, zones: string[]): { clocks: ZoneClock[]; unknown: string[] } {
  const clocks: ZoneClock[] = [];
  const unknown: string[] = [];
  for (const zone of new Set(zones)) {
    const local = DateTime.fromJSDate(instant, { zone });
    if (!local.isValid) {
      unknown.push(zone);
      continue;
    }
    clocks.push({ zone, localDate: local.toISODate() as string, hour: local.hour, weekday: local.weekday });
  }
  return { clocks, unknown };
}

/**
 * True when `instant` is at or after the cut-off of `localDate` in `zone`: the first instant
 * whose local hour reaches `cutoffHour` on that date, or any instant on a later date.
 */
export function isPastCutoff(instant: Date, zone: string, localDate: string, cutoffHour: number): boolean {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) return false;
  const today = local.toISODate() as string;
  if (today !== localDate) return today > localDate;
  return local.hour >= cutoffHour;
}

/**
 * The hour after which a not-yet-sent nudge is recorded as missed: the workspace's cut-off, but
 * never before the hour after the rep's own nudge hour, so that a rep who chose 14:00 still gets one.
 */
export function effectiveCutoffHour(cutoffHour: number, nudgeHour: number): number {
  return Math.max(cutoffHour, nudgeHour + 1);
}
