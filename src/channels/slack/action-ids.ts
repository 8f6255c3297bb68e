/**
 * The identifiers Slack sends back when a user clicks: action ids, overflow option values and
 * modal callback ids. Builders write them and listeners read them, so both sides share this file.
 */

export const ACTIONS = {
  call: "pick_call",
  email: "pick_email",
  meet: "pick_meet",
  more: "pick_more",
  undo: "pick_undo",
  /** "More": the next picks added to the nudge whose id is the value. */
  nextPicks: "nudge_next_picks",
  /** A "choose" button (ambiguous account) re-runs the command text in its value. */
  runCommand: "run_command",
} as const;

export const VIEWS = {
  note: "pick_note_modal",
  promise: "pick_promise_modal",
} as const;

/** What the overflow menu of a pick offers. */
export type MoreChoice = "snooze_week" | "snooze_month" | "note" | "promise" | "not_mine";

export const moreChoices: readonly MoreChoice[] = [
  "snooze_week",
  "snooze_month",
  "note",
  "promise",
  "not_mine",
];

export function moreValue(choice: MoreChoice, pickId: number): string {
  return `${choice}:${pickId}`;
}

/** Reads an overflow value back; undefined when it is not one of ours. */
export function parseMoreValue(value: string): { choice: MoreChoice; pickId: number } | undefined {
  const match = /^([a-z_]+):(\d{1,12})$/.exec(value);
  if (!match) return undefined;
  const choice = moreChoices.find((c) => c === match[1]);
  const pickId = parsePickId(match[2]);
  return choice && pickId !== undefined ? { choice, pickId } : undefined;
}

/**
 * The "More" button's value: the nudge and how many picks the message showed, so that a second
 * click on the same message (a double click, a retry) adds no second batch.
 */
export function nextPicksValue(nudgeId: number, shown: number): string {
  return `${nudgeId}:${shown}`;
}

/** Reads the "More" value; a bare nudge id (messages sent before the count) has no `shown`. */
export function parseNextPicksValue(
  value: string | undefined,
): { nudgeId: number; shown?: number } | undefined {
  const match = /^(\d{1,10})(?::(\d{1,3}))?$/.exec(value ?? "");
  const nudgeId = parsePickId(match?.[1]);
  if (!match || nudgeId === undefined) return undefined;
  return match[2] === undefined ? { nudgeId } : { nudgeId, shown: Number(match[2]) };
}

/** Reads a pick id from a button value; undefined when it is not a plain positive id. */
export function parsePickId(value: string | undefined): number | undefined {
  if (!value || !/^\d{1,10}$/.test(value)) return undefined;
  const id = Number(value);
  // Ids are PostgreSQL integers: anything larger is no pick of ours.
  return id > 0 && id <= 2_147_483_647 ? id : undefined;
}
