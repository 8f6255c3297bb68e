/**
 * Planner rule 4, promises first. A promise (what a rep told a customer they would do, and when) is due
 * on `date` when its time falls before the end of that day in the rep's zone: due today, or
 * overdue. Due promises are picked before anything else and the handful never cuts them.
 * A due promise is picked even when the account is snoozed or lost: it is a commitment the rep
 * made to the customer, and the snooze is about the routine cadence.
 */
import { DateTime } from "luxon";
import type { PlannerPromise } from "./types.js";

/** The first instant after `date` in `zone`. */
export function endOfLocalDate(date: string, zone: string): Date {
  const key = `${date}|${zone}`;
  let end = ends.get(key);
  if (end === undefined) {
    if (ends.size >= 1_000) ends.clear();
    end = DateTime.fromISO(date, { zone }).plus({ days: 1 }).startOf("day").toJSDate();
    ends.set(key, end);
  }
  return end;
}
/** Kept per date and zone: every promise asks, and luxon is slow. */
const ends = new Map<string, Date>();

export function isPromiseDue(promise: Pick<PlannerPromise, "dueAt">, date: string, zone: string): boolean {
  return promise.dueAt.getTime() < endOfLocalDate(date, zone).getTime();
}

/** Oldest due first; equal times by id, so the order is stable. */
export function byDueTime(a: PlannerPromise, b: PlannerPromise): number {
  return a.dueAt.getTime() - b.dueAt.getTime() || a.id - b.id;
}
