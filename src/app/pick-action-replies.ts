/** The text a rep reads after a click on a pick: one sentence per decision. */

import { DateTime } from "luxon";
import type { PickDecision } from "../domain/outcomes/pick-action.js";
import { verbatim } from "../domain/rich-text.js";

const channelLabels: Record<string, string> = { call: "Called", email: "Emailed", meeting: "Met" };

/** Where the reply is read: the account's name and the actor's zone. */
export interface ReplyPlace {
  accountName: string;
  zone: string;
}

export function unchangedText(
  why: Extract<PickDecision, { kind: "unchanged" }>["why"],
  name: string,
): string {
  switch (why) {
    case "already_logged":
      return `${name} was already logged.`;
    case "already_snoozed":
      return `${name} was already snoozed.`;
    case "already_skipped":
      return `${name} was already marked as not yours.`;
    case "nothing_to_undo":
      return `Nothing to undo for ${name}.`;
  }
}

export function alreadyDoneText(status: "done" | "snoozed" | "skipped", name: string): string {
  const what = status === "done" ? "logged" : status === "snoozed" ? "snoozed" : "marked as not yours";
  return `${name} is already ${what}; undo that first.`;
}

export const undoExpiredText = "Undo is offered for 5 minutes; this one is too old to take back.";
export const notFoundText = "That pick no longer exists.";
export const forbiddenText = "That pick is in someone else's nudge; you can act only on your own.";
export const replayedText = "Already done.";

/** The confirmation of a decision that changed something. */
export function doneText(
  decision: Exclude<PickDecision, { kind: "unchanged" | "already_done" | "undo_expired" }>,
  place: ReplyPlace,
  now: Date,
): string {
  const { zone } = place;
  const accountName = verbatim(place.accountName);
  const time = DateTime.fromJSDate(now, { zone }).toFormat("HH:mm");
  switch (decision.kind) {
    case "log":
      return decision.channel === "other"
        ? `Note logged for ${accountName} at ${time}.`
        : `${channelLabels[decision.channel]} ${accountName}: logged at ${time}.`;
    case "append_note":
      return `Note added to the contact with ${accountName}.`;
    case "snooze":
      return `${accountName} snoozed until ${DateTime.fromISO(decision.until).toFormat("ccc d LLL")}.`;
    case "promise": {
      const due = DateTime.fromJSDate(decision.dueAt, { zone }).toFormat("ccc d LLL HH:mm");
      return `Promise to ${accountName} saved: ${verbatim(decision.what)}, due ${due}.`;
    }
    case "skip":
      return `${accountName} marked as not yours.`;
    case "undo":
      return `Undone: ${accountName} is open again.`;
  }
}

/** What the rep who said "not my account" is told about their manager. */
export function managerToldText(outcome: "no_manager" | "is_manager" | "told" | "unreachable"): string {
  switch (outcome) {
    case "no_manager":
      return "No manager is set for you; ask an admin to reassign it.";
    case "is_manager":
      return "";
    case "told":
      return "Your manager has been told.";
    case "unreachable":
      return "Your manager could not be reached; tell them yourself.";
  }
}
