/**
 * When the manager's weekly digest goes out (issue 13): on the first working day of the
 * workspace's week that is not a holiday. The week starts on the first day of the working-days
 * run (Monday for Mon-Fri, Sunday for Sun-Thu). Dates are the manager's local calendar dates, so
 * daylight-saving changes do not move anything; the week start is the key of the claim row that
 * makes the digest go out exactly once per manager per week.
 */
import { addDays, isoWeekday } from "../time.js";

/** The first day of the working week holding `date` (the days after its last working day belong to it too). */
export function weekStart(date: string, workingDays: readonly number[]): string {
  const working = new Set(workingDays);
  const startDay = [...working].find((d) => !working.has(d === 1 ? 7 : d - 1)) ?? 1;
  const back = (isoWeekday(date) - startDay + 7) % 7;
  return addDays(date, -back);
}

/**
 * True when the digest is due on `date`: a working day, not a holiday, and every working day of
 * its week before it was a holiday (or the digest of the week was not sent yet: the claim row
 * decides that).
 */
export function isDigestDay(
  date: string,
  workingDays: readonly number[],
  holidays: ReadonlySet<string>,
): boolean {
  const working = new Set(workingDays);
  if (!working.has(isoWeekday(date)) || holidays.has(date)) return false;
  for (let d = weekStart(date, workingDays); d < date; d = addDays(d, 1)) {
    if (working.has(isoWeekday(d)) && !holidays.has(d)) return false;
  }
  return true;
}
