/**
 * The buttons of our cards and the data they carry back. Every button is an `Action.Execute`
 * (Teams updates the card in place with the invoke's answer) that declares a `fallback` to an
 * `Action.Submit` with the same data, for clients that only know Submit: those send a message
 * activity whose `value` is that data, and the bot treats it the same way.
 */
import type { CardElement } from "./elements.js";

/** The verb of a button acting on a pick, and of one re-running a command. */
export const PICK_VERB = "retention.pick";
export const COMMAND_VERB = "retention.command";
/** "More": the next picks added to a nudge. */
export const MORE_VERB = "retention.more";
/** The data of a card's `refresh` action: which view the card shows, to draw it again as it is now. */
export const REFRESH_VERB = "retention.refresh";

export const pickButtons = [
  "call",
  "email",
  "meeting",
  "snooze_week",
  "snooze_month",
  "not_mine",
  "note",
  "promise",
  "undo",
] as const;
export type PickButton = (typeof pickButtons)[number];

/** The data of a pick button; `rb` repeats the verb for the Submit fallback, which has none. */
export interface PickButtonData {
  rb: typeof PICK_VERB;
  pickId: number;
  action: PickButton;
}

export interface MoreButtonData {
  rb: typeof MORE_VERB;
  nudgeId: number;
  /** How many picks the card showed (absent on cards sent before it was added). */
  shown?: number;
}

export interface CommandButtonData {
  rb: typeof COMMAND_VERB;
  command: string;
}

/**
 * What a card shows, so that its `refresh` can draw it again: the nudge (the morning card, or a
 * click's answer), the `today` answer of a nudge, or the home card.
 */
export type RefreshData =
  | { rb: typeof REFRESH_VERB; view: "nudge" | "today"; nudgeId: number }
  | { rb: typeof REFRESH_VERB; view: "home" | "welcome" };

/** Ids of a pick's inputs: unique per pick, since one card holds several picks. */
export const inputIds = (pickId: number) => ({
  note: `note-${pickId}`,
  what: `what-${pickId}`,
  date: `date-${pickId}`,
  time: `time-${pickId}`,
});

export function executeButton(
  title: string,
  data: PickButtonData | CommandButtonData | MoreButtonData,
  options: { style?: "positive" | "destructive" } = {},
): CardElement {
  const fallback: CardElement = { type: "Action.Submit", title, data, ...options };
  return { type: "Action.Execute", title, verb: data.rb, data, ...options, fallback };
}

export function pickButton(title: string, pickId: number, action: PickButton): CardElement {
  return executeButton(title, { rb: PICK_VERB, pickId, action });
}

/** `shown`: how many picks the card showed, so that a second click on it adds no second batch. */
export function moreButton(nudgeId: number, shown: number): CardElement {
  return executeButton("More", { rb: MORE_VERB, nudgeId, shown });
}

export function commandButton(title: string, command: string): CardElement {
  return executeButton(title, { rb: COMMAND_VERB, command });
}

/** A button that unfolds a small card (more choices, or a form) under the pick. */
export function showCardButton(title: string, body: CardElement[], actions: CardElement[]): CardElement {
  return { type: "Action.ShowCard", title, card: { type: "AdaptiveCard", body, actions } };
}
