import { describe, expect, it } from "vitest";
import {
  decidePickAction,
  MAX_SNOOZE_DAYS,
  type PickAction,
  type PickState,
  UNDO_WINDOW_MS,
  validatePickAction,
} from "../../../src/domain/outcomes/pick-action.js";

const ZONE = "Europe/Berlin";
/** Tuesday 10 March 2026, 23:30 in Berlin: late enough that the local date differs from UTC's next hour. */
const NOW = new Date("2026-03-10T22:30:00Z");
const justNow = new Date(NOW.getTime() - 60_000);
const longAgo = new Date(NOW.getTime() - UNDO_WINDOW_MS - 1);

const open: PickState = { status: "open", doneAt: null, checkinId: null };
const done: PickState = { status: "done", doneAt: justNow, checkinId: 7 };
const snoozed: PickState = { status: "snoozed", doneAt: justNow, checkinId: null };
const skipped: PickState = { status: "skipped", doneAt: justNow, checkinId: null };

const called: PickAction = { type: "log", channel: "call" };
const note: PickAction = { type: "note", note: "asked for a quote" };
const snooze: PickAction = { type: "snooze", days: 3 };
const notMine: PickAction = { type: "not_mine" };
const undo: PickAction = { type: "undo" };

describe("what a click does to a pick", () => {
  it.each([
    [
      "Called on an open pick logs a connected call",
      open,
      called,
      { kind: "log", channel: "call", outcome: "connected" },
    ],
    [
      "Called on a pick already logged changes nothing",
      done,
      called,
      { kind: "unchanged", why: "already_logged" },
    ],
    [
      "Emailed on a snoozed pick (a stale copy) keeps the snooze and asks to undo first",
      snoozed,
      { type: "log", channel: "email" },
      { kind: "already_done", status: "snoozed" },
    ],
    [
      "Met on a skipped pick (a stale copy) keeps the skip and asks to undo first",
      skipped,
      { type: "log", channel: "meeting" },
      { kind: "already_done", status: "skipped" },
    ],
    [
      "a note on an open pick logs a contact of unknown channel",
      open,
      note,
      { kind: "log", channel: "other", outcome: undefined, note: "asked for a quote" },
    ],
    [
      "a note on a logged pick is added to its contact",
      done,
      note,
      { kind: "append_note", checkinId: 7, note: "asked for a quote" },
    ],
    [
      "a note on a snoozed pick (a stale copy) keeps the snooze",
      snoozed,
      note,
      { kind: "already_done", status: "snoozed" },
    ],
    [
      "snooze on an open pick snoozes until the local date three days on",
      open,
      snooze,
      { kind: "snooze", until: "2026-03-13" },
    ],
    [
      "snooze on a snoozed pick changes nothing",
      snoozed,
      snooze,
      { kind: "unchanged", why: "already_snoozed" },
    ],
    ["snooze on a logged pick asks to undo first", done, snooze, { kind: "already_done", status: "done" }],
    ["not mine on an open pick skips it", open, notMine, { kind: "skip" }],
    ["not mine twice changes nothing", skipped, notMine, { kind: "unchanged", why: "already_skipped" }],
    [
      "not mine on a snoozed pick asks to undo first",
      snoozed,
      notMine,
      { kind: "already_done", status: "snoozed" },
    ],
    ["undo on an open pick has nothing to undo", open, undo, { kind: "unchanged", why: "nothing_to_undo" }],
    ["undo of a call reverses its contact", done, undo, { kind: "undo", checkinId: 7, snoozeMadeAt: null }],
    [
      "undo of a snooze removes the snooze it made",
      snoozed,
      undo,
      { kind: "undo", checkinId: null, snoozeMadeAt: justNow },
    ],
    ["undo after the window is refused", { ...done, doneAt: longAgo }, undo, { kind: "undo_expired" }],
  ] as const)("%s", (_name, pick, action, expected) => {
    expect(decidePickAction(pick, action, NOW, ZONE)).toMatchObject(expected);
  });

  it("a promise is saved with its text trimmed, whatever the pick's state", () => {
    const dueAt = new Date("2026-03-12T09:00:00Z");
    for (const pick of [open, done, snoozed, skipped]) {
      expect(decidePickAction(pick, { type: "promise", dueAt, what: "  send prices " }, NOW, ZONE)).toEqual({
        kind: "promise",
        dueAt,
        what: "send prices",
      });
    }
  });

  it("undo exactly at the end of the window is still allowed", () => {
    const edge = { ...done, doneAt: new Date(NOW.getTime() - UNDO_WINDOW_MS) };
    expect(decidePickAction(edge, undo, NOW, ZONE).kind).toBe("undo");
  });
});

describe("which clicks are refused before anything is loaded", () => {
  const long = "x".repeat(2001);
  it.each([
    [
      "a channel the buttons do not offer",
      { type: "log", channel: "video" },
      "Log a call, an email or a meeting.",
    ],
    [
      "a note over the limit on a call",
      { type: "log", channel: "call", note: long },
      "The note is too long; the limit is 2,000 characters.",
    ],
    ["a snooze of zero days", { type: "snooze", days: 0 }, `Snooze for 1 to ${MAX_SNOOZE_DAYS} days.`],
    [
      "a snooze of a fraction of a day",
      { type: "snooze", days: 1.5 },
      `Snooze for 1 to ${MAX_SNOOZE_DAYS} days.`,
    ],
    [
      "a snooze over a year",
      { type: "snooze", days: MAX_SNOOZE_DAYS + 1 },
      `Snooze for 1 to ${MAX_SNOOZE_DAYS} days.`,
    ],
    ["an empty note", { type: "note", note: "   " }, "Write a note first."],
    [
      "an empty promise",
      { type: "promise", what: " ", dueAt: new Date("2026-03-12T09:00:00Z") },
      "Say what you promised.",
    ],
    [
      "a promise over the limit",
      { type: "promise", what: long, dueAt: new Date("2026-03-12T09:00:00Z") },
      "The promise is too long; the limit is 2,000 characters.",
    ],
    [
      "a promise without a valid date",
      { type: "promise", what: "call", dueAt: new Date("nonsense") },
      "Pick a due date.",
    ],
    [
      "a promise due in the past",
      { type: "promise", what: "call", dueAt: NOW },
      "The due date is in the past; pick a later one.",
    ],
    ["an unknown action", { type: "explode" }, "Unknown action."],
  ])("%s", (_name, action, message) => {
    expect(validatePickAction(action as PickAction, NOW)).toBe(message);
  });

  it.each([called, note, snooze, notMine, undo, { type: "snooze", days: MAX_SNOOZE_DAYS } as PickAction])(
    "%o is accepted",
    (action) => {
      expect(validatePickAction(action, NOW)).toBeUndefined();
    },
  );
});
