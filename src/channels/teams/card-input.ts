/**
 * Reads what a card button sent back (an `Action.Execute`'s data, or the `value` of the message
 * an `Action.Submit` fallback sends): which pick and which action, with the form's inputs. The
 * data is checked here and trusted for nothing else: the use case checks the pick is the user's.
 */
import { DateTime } from "luxon";
import { z } from "zod";
import type { PickAction } from "../../app/ports.js";
import { hasControlCharacter } from "../../domain/control-characters.js";
import {
  COMMAND_VERB,
  inputIds,
  MORE_VERB,
  PICK_VERB,
  type PickButton,
  pickButtons,
  REFRESH_VERB,
} from "./cards/card-actions.js";

export type CardIntent =
  | { kind: "pick"; pickId: number; action: PickAction }
  | { kind: "command"; command: string }
  | { kind: "more"; nudgeId: number; shown?: number }
  | { kind: "invalid"; message: string };

/** A pick id as our cards write it: a positive integer, or its digits as a string (never `[468]`). */
const pickIdValue = z
  .union([
    z.number(),
    z
      .string()
      .regex(/^\d{1,10}$/)
      .transform(Number),
  ])
  .pipe(
    z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  );

/** The furthest ahead a promise may be due (a year-10000 date is refused here, not by the database). */
const MAX_YEARS_AHEAD = 10;

const pickData = z.looseObject({
  rb: z.literal(PICK_VERB),
  pickId: pickIdValue,
  action: z.enum(pickButtons),
});

const moreData = z.looseObject({
  rb: z.literal(MORE_VERB),
  nudgeId: pickIdValue,
  shown: z.number().int().min(0).max(999).optional(),
});

const commandData = z.looseObject({
  rb: z.literal(COMMAND_VERB),
  command: z.string().trim().min(1).max(500),
});

// NUL and other control characters (tab and newlines aside) have no place in a note.
const text = z
  .string()
  .trim()
  .min(1)
  .max(2000)
  .refine((v) => !hasControlCharacter(v));
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
const hhmm = z.string().regex(/^\d{2}:\d{2}$/);

/** True when `data` came from one of our buttons (it names one of our verbs). */
export function isOurCardData(data: unknown): data is Record<string, unknown> {
  if (typeof data !== "object" || data === null) return false;
  const rb = (data as Record<string, unknown>).rb;
  return rb === PICK_VERB || rb === COMMAND_VERB || rb === MORE_VERB || rb === REFRESH_VERB;
}

/** What the button asks for; `zone` is the clicking rep's, for the promise's date and time. */
export function readCardIntent(data: unknown, zone: string, now: Date): CardIntent {
  const command = commandData.safeParse(data);
  if (command.success) return { kind: "command", command: command.data.command };
  const more = moreData.safeParse(data);
  if (more.success) {
    const { nudgeId, shown } = more.data;
    return shown === undefined ? { kind: "more", nudgeId } : { kind: "more", nudgeId, shown };
  }
  const pick = pickData.safeParse(data);
  if (!pick.success) return { kind: "invalid", message: "That button is not one this app knows." };
  const { pickId, action } = pick.data;
  const inputs = pick.data as Record<string, unknown>;
  const result = toPickAction(action, inputs, inputIds(pickId), zone, now);
  return typeof result === "string"
    ? { kind: "invalid", message: result }
    : { kind: "pick", pickId, action: result };
}

/** A form a refused click came from (a note, a promise): its pick and what was typed in it. */
export interface TypedForm {
  pickId: number;
  action: "note" | "promise";
  values: Record<string, string>;
}

/** The form behind a note or promise click, so that a refusal can give back what was typed. */
export function readTypedForm(data: unknown): TypedForm | undefined {
  const pick = pickData.safeParse(data);
  if (!pick.success || (pick.data.action !== "note" && pick.data.action !== "promise")) return undefined;
  const inputs = pick.data as Record<string, unknown>;
  const values: Record<string, string> = {};
  for (const id of Object.values(inputIds(pick.data.pickId))) {
    const value = inputs[id];
    if (typeof value === "string") values[id] = value.slice(0, 2000);
  }
  return { pickId: pick.data.pickId, action: pick.data.action, values };
}

function toPickAction(
  action: PickButton,
  inputs: Record<string, unknown>,
  ids: ReturnType<typeof inputIds>,
  zone: string,
  now: Date,
): PickAction | string {
  switch (action) {
    case "call":
    case "email":
    case "meeting":
      return { type: "log", channel: action };
    case "snooze_week":
      return { type: "snooze", days: 7 };
    case "snooze_month":
      return { type: "snooze", days: 30 };
    case "not_mine":
      return { type: "not_mine" };
    case "undo":
      return { type: "undo" };
    case "note": {
      const note = text.safeParse(inputs[ids.note]);
      return note.success
        ? { type: "note", note: note.data }
        : "Write a note (up to 2000 characters, no control characters), then save it.";
    }
    case "promise": {
      const what = text.safeParse(inputs[ids.what]);
      if (!what.success) return "Say what you promised (up to 2000 characters, no control characters).";
      const date = isoDate.safeParse(inputs[ids.date]);
      if (!date.success) return "Pick the date the promise is due.";
      const rawTime = inputs[ids.time];
      const time = rawTime === undefined || rawTime === "" ? "09:00" : hhmm.safeParse(rawTime).data;
      if (!time) return "Give the time as HH:MM, or leave it empty for 09:00.";
      const due = DateTime.fromISO(`${date.data}T${time}`, { zone });
      if (!due.isValid) return `${date.data} ${time} is not a date and time; pick another.`;
      if (due > DateTime.fromJSDate(now).plus({ years: MAX_YEARS_AHEAD })) {
        return `${date.data} is too far ahead; pick a date within ${MAX_YEARS_AHEAD} years.`;
      }
      return { type: "promise", what: what.data, dueAt: due.toJSDate() };
    }
  }
}
