/** What marking an account lost or won back does to it. */
import { daysBetween, localDate } from "../time.js";

export type LostDecision =
  | { ok: false; code: "ALREADY_LOST" }
  | { ok: true; status: "lost"; lostOn: string; tenureDays: number | null };

/** A lost account leaves the active book on the actor's local date, with its tenure as a customer. */
export function decideLost(
  account: { status: "active" | "lost"; customerSince: string | null },
  now: Date,
  zone: string,
): LostDecision {
  if (account.status === "lost") return { ok: false, code: "ALREADY_LOST" };
  const lostOn = localDate(now, zone);
  return {
    ok: true,
    status: "lost",
    lostOn,
    tenureDays: account.customerSince ? Math.max(0, daysBetween(account.customerSince, lostOn)) : null,
  };
}

/** Only a lost account can be won back; it becomes active and its open departures end at `now`. */
export function decideWon(
  account: { status: "active" | "lost" },
  now: Date,
): { ok: false; code: "NOT_LOST" } | { ok: true; status: "active"; wonBackAt: Date } {
  if (account.status !== "lost") return { ok: false, code: "NOT_LOST" };
  return { ok: true, status: "active", wonBackAt: now };
}

/**
 * Who should hold the exit interview, in order of preference: someone other than the owner, first
 * the owner's manager, then the rep marking the account lost. (Failing both, another rep.)
 */
export function interviewerPreference(
  ownerId: number,
  ownerManagerId: number | null,
  actorRepId: number,
): number[] {
  return [ownerManagerId, actorRepId].filter((id): id is number => id !== null && id !== ownerId);
}
