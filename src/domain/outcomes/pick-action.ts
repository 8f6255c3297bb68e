/**
 * What a click on a pick does to it, decided from the pick's state alone: log a contact (Called,
 * Emailed, Met, or a note on an open pick), add a note to the contact already logged, snooze,
 * promise a follow-up, say "not my account", or undo within the undo window. A replayed click
 * changes nothing. The use case applies the decision; the reply text lives with it.
 */
import { DateTime } from "luxon";
import { MAX_TEXT_LENGTH } from "../commands/types.js";
import type { CheckInChannel, CheckInOutcome } from "../planner/types.js";

export type PickAction =
  | { type: "log"; channel: Extract<CheckInChannel, "call" | "email" | "meeting">; note?: string }
  | { type: "snooze"; days: number }
  | { type: "note"; note: string }
  | { type: "promise"; dueAt: Date; what: string }
  | { type: "not_mine" }
  | { type: "undo" };

export type PickStatus = "open" | "done" | "snoozed" | "skipped";

export interface PickState {
  status: PickStatus;
  doneAt: Date | null;
  checkinId: number | null;
}

export const MAX_SNOOZE_DAYS = 365;

/** How long after a click its Undo stays offered. */
export const UNDO_WINDOW_MS = 5 * 60_000;

export type PickDecision =
  /** Nothing changes: the click was already applied, or there is nothing to undo. */
  | { kind: "unchanged"; why: "already_logged" | "already_snoozed" | "already_skipped" | "nothing_to_undo" }
  /** Another ending must be undone first. */
  | { kind: "already_done"; status: Exclude<PickStatus, "open"> }
  | { kind: "undo_expired" }
  /** Log a contact and finish the pick as done by it. */
  | { kind: "log"; channel: CheckInChannel; outcome: CheckInOutcome | undefined; note: string | undefined }
  /** Append the note to the contact that finished the pick. */
  | { kind: "append_note"; checkinId: number; note: string }
  /** Snooze the account until the local date `until` and finish the pick as snoozed. */
  | { kind: "snooze"; until: string }
  | { kind: "promise"; dueAt: Date; what: string }
  /** Finish the pick as skipped ("not my account"); the owner's manager is told. */
  | { kind: "skip" }
  /** Reverse the ending: the contact it logged, the snooze it made, then open the pick again. */
  | { kind: "undo"; checkinId: number | null; snoozeMadeAt: Date | null };

/** Why the action cannot be taken as given (a message the user can act on), or undefined. */
export function validatePickAction(action: PickAction, now: Date): string | undefined {
  switch (action.type) {
    case "log":
      if (!["call", "email", "meeting"].includes(action.channel)) return "Log a call, an email or a meeting.";
      if (action.note !== undefined && action.note.length > MAX_TEXT_LENGTH) return tooLong("The note");
      return undefined;
    case "snooze":
      return Number.isInteger(action.days) && action.days >= 1 && action.days <= MAX_SNOOZE_DAYS
        ? undefined
        : `Snooze for 1 to ${MAX_SNOOZE_DAYS} days.`;
    case "note":
      if (action.note.trim() === "") return "Write a note first.";
      return action.note.length > MAX_TEXT_LENGTH ? tooLong("The note") : undefined;
    case "promise":
      if (action.what.trim() === "") return "Say what you promised.";
      if (action.what.length > MAX_TEXT_LENGTH) return tooLong("The promise");
      if (!(action.dueAt instanceof Date) || Number.isNaN(action.dueAt.getTime())) return "Pick a due date.";
      return action.dueAt.getTime() > now.getTime()
        ? undefined
        : "The due date is in the past; pick a later one.";
    case "not_mine":
    case "undo":
      return undefined;
    default:
      return "Unknown action.";
  }
}

/** What a valid `action` on a pick in state `pick` does at `now`, for an actor living in `zone`. */
export function decidePickAction(pick: PickState, action: PickAction, now: Date, zone: string): PickDecision {
  switch (action.type) {
    case "log":
      if (pick.status === "done") return { kind: "unchanged", why: "already_logged" };
      // Called/Emailed/Met are only offered on an open pick: on a snoozed or skipped one the click
      // comes from a stale copy, and a newer outcome is never overridden by it.
      if (pick.status !== "open") return { kind: "already_done", status: pick.status };
      return { kind: "log", channel: action.channel, outcome: "connected", note: action.note };
    case "note":
      if (pick.status === "done" && pick.checkinId !== null) {
        return { kind: "append_note", checkinId: pick.checkinId, note: action.note };
      }
      if (pick.status !== "open") return { kind: "already_done", status: pick.status };
      // A note written on an open pick records that something happened with the account; how it
      // happened is unknown, so the contact's channel is "other" rather than a guess.
      return { kind: "log", channel: "other", outcome: undefined, note: action.note };
    case "snooze": {
      if (pick.status === "snoozed") return { kind: "unchanged", why: "already_snoozed" };
      if (pick.status !== "open") return { kind: "already_done", status: pick.status };
      const until = DateTime.fromJSDate(now, { zone }).startOf("day").plus({ days: action.days });
      return { kind: "snooze", until: until.toISODate() ?? "" };
    }
    case "promise":
      return { kind: "promise", dueAt: action.dueAt, what: action.what.trim() };
    case "not_mine":
      if (pick.status === "skipped") return { kind: "unchanged", why: "already_skipped" };
      if (pick.status !== "open") return { kind: "already_done", status: pick.status };
      return { kind: "skip" };
    case "undo":
      if (pick.status === "open" || pick.doneAt === null)
        return { kind: "unchanged", why: "nothing_to_undo" };
      if (now.getTime() - pick.doneAt.getTime() > UNDO_WINDOW_MS) return { kind: "undo_expired" };
      return {
        kind: "undo",
        checkinId: pick.checkinId,
        snoozeMadeAt: pick.status === "snoozed" ? pick.doneAt : null,
      };
  }
}

function tooLong(what: string): string {
  return `${what} is too long; the limit is ${MAX_TEXT_LENGTH.toLocaleString("en-US")} characters.`;
}
