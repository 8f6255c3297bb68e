/**
 * Dates and times as people type them (`tue 4pm`, `tomorrow 9am`, `2026-12-01 14:30`,
 * `in 3 days`), resolved in the rep's own zone from a given instant. Pure: `now` is a parameter.
 */
import { DateTime } from "luxon";
import { own } from "./tokens.js";

export interface Moment {
  /** The resolved local date-time in the rep's zone. */
  at: DateTime;
  /** False when the user named only a day; callers pick the time of day. */
  hasTime: boolean;
}

export type WhenMatch = { ok: true; moment: Moment; consumed: number } | { ok: false; error: string };

/** The time of day a promise made for a day with no time is due: the end of a working day. */
export const DEFAULT_DUE_HOUR = 17;

const weekdays: Record<string, number> = {
  mon: 1,
  monday: 1,
  tue: 2,
  tues: 2,
  tuesday: 2,
  wed: 3,
  weds: 3,
  wednesday: 3,
  thu: 4,
  thur: 4,
  thurs: 4,
  thursday: 4,
  fri: 5,
  friday: 5,
  sat: 6,
  saturday: 6,
  sun: 7,
  sunday: 7,
};

const units: Record<string, "days" | "weeks" | "hours" | "months"> = {
  d: "days",
  day: "days",
  days: "days",
  w: "weeks",
  wk: "weeks",
  wks: "weeks",
  week: "weeks",
  weeks: "weeks",
  h: "hours",
  hr: "hours",
  hrs: "hours",
  hour: "hours",
  hours: "hours",
  month: "months",
  months: "months",
};

const MAX_AMOUNT = 1000;

/** The furthest ahead a date may be: promises are for this decade, not year 10000. */
export const MAX_YEARS_AHEAD = 10;

/** A word shaped like a time of day (`25pm`, `23:60`, `4:75am`), valid or not. */
const TIME_SHAPE = /^\d{1,2}(?:(?:[:.]\d{2})(?:am|pm|a\.m\.|p\.m\.)?|(?:am|pm|a\.m\.|p\.m\.))$/;

/** An error when the word after `consumed` (or after `at`) looks like a time but is none. */
function badTime(words: string[], consumed: number): WhenMatch | undefined {
  const first = words[consumed]?.toLowerCase();
  const word = first === "at" ? words[consumed + 1] : words[consumed];
  if (word === undefined || !TIME_SHAPE.test(word.toLowerCase())) return undefined;
  return { ok: false, error: `\`${word}\` is not a time of day; write it like 4pm, 4:30pm or 16:30` };
}

/**
 * Reads a `when` at the start of `words`. Returns undefined when the words do not start with
 * one, an error when they do but it cannot be resolved (a bad date, a time in the past).
 */
export function matchWhen(words: string[], now: Date, zone: string): WhenMatch | undefined {
  const base = DateTime.fromJSDate(now, { zone });
  const w0 = words[0]?.toLowerCase();
  if (w0 === undefined) return undefined;

  // in 3 days, in 2 weeks, in 4 hours (and "in 3d")
  if (w0 === "in") {
    const amount = matchAmount(words.slice(1));
    if (!amount) return undefined;
    const at = base.plus({ [amount.unit]: amount.n });
    return withOptionalTime({ at, hasTime: amount.unit === "hours" }, words, 1 + amount.consumed, base);
  }
  if (w0 === "today" || w0 === "tonight") {
    return withOptionalTime({ at: base.startOf("day"), hasTime: false }, words, 1, base);
  }
  if (w0 === "tomorrow" || w0 === "tmrw" || w0 === "tmr") {
    return withOptionalTime({ at: base.startOf("day").plus({ days: 1 }), hasTime: false }, words, 1, base);
  }
  const skipNext =
    w0 === "next" && words[1] !== undefined && own(weekdays, words[1].toLowerCase()) !== undefined;
  const dayWord = skipNext ? words[1]!.toLowerCase() : w0;
  const weekday = own(weekdays, dayWord);
  if (weekday !== undefined) {
    const consumedDay = skipNext ? 2 : 1;
    const time = matchTime(words.slice(consumedDay));
    if (!time) {
      const bad = badTime(words, consumedDay);
      if (bad) return bad;
    }
    const hour = time?.hour ?? DEFAULT_DUE_HOUR;
    const minute = time?.minute ?? 0;
    // The first such weekday whose time is still ahead; "next tue" is never today.
    for (let i = skipNext ? 1 : 0; i <= 8; i++) {
      const day = base.startOf("day").plus({ days: i });
      if (day.weekday !== weekday) continue;
      const at = day.set({ hour, minute });
      if (at <= base) continue;
      return {
        ok: true,
        moment: { at, hasTime: time !== undefined },
        consumed: consumedDay + (time?.consumed ?? 0),
      };
    }
    return undefined;
  }
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[t ](\d{1,2}):(\d{2}))?$/i.exec(w0);
  if (iso) {
    const at = DateTime.fromObject(
      { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) },
      { zone },
    );
    if (!at.isValid) return { ok: false, error: `\`${words[0]}\` is not a real date` };
    if (iso[4] !== undefined) {
      const time = toTime(Number(iso[4]), Number(iso[5]));
      if (!time) return { ok: false, error: `\`${words[0]}\` has an impossible time of day` };
      return checkFuture({ at: at.set(time), hasTime: true }, 1, base);
    }
    if (at < base.startOf("day")) {
      return { ok: false, error: `${at.toISODate()} is in the past; give a date from today on` };
    }
    return withOptionalTime({ at, hasTime: false }, words, 1, base);
  }
  return undefined;
}

/** `3 days`, `2w`, `1 month`: an amount and a unit; also a bare number of days when allowed. */
export function matchAmount(
  words: string[],
  bareNumberUnit?: "days",
): { n: number; unit: "days" | "weeks" | "hours" | "months"; consumed: number } | undefined {
  const w0 = words[0]?.toLowerCase();
  if (w0 === undefined) return undefined;
  const glued = /^(\d{1,4})([a-z]+)$/.exec(w0);
  if (glued) {
    const unit = own(units, glued[2]!);
    const n = Number(glued[1]);
    return unit && n >= 1 && n <= MAX_AMOUNT ? { n, unit, consumed: 1 } : undefined;
  }
  if (!/^\d{1,4}$/.test(w0)) return undefined;
  const n = Number(w0);
  if (n < 1 || n > MAX_AMOUNT) return undefined;
  const unit = words[1] === undefined ? undefined : own(units, words[1].toLowerCase());
  if (unit) return { n, unit, consumed: 2 };
  return bareNumberUnit ? { n, unit: bareNumberUnit, consumed: 1 } : undefined;
}

/** `4pm`, `4:30pm`, `4 pm`, `16:00`, `noon`, optionally after `at`. */
export function matchTime(words: string[]): { hour: number; minute: number; consumed: number } | undefined {
  let offset = 0;
  if (words[0]?.toLowerCase() === "at") offset = 1;
  const w = words[offset]?.toLowerCase();
  if (w === undefined) return undefined;
  if (w === "noon") return { hour: 12, minute: 0, consumed: offset + 1 };
  const meridiem = /^(\d{1,2})(?:[:.](\d{2}))?(am|pm|a\.m\.|p\.m\.)?$/.exec(w);
  if (!meridiem) return undefined;
  let suffix = meridiem[3];
  let consumed = offset + 1;
  const next = words[offset + 1]?.toLowerCase();
  if (suffix === undefined && (next === "am" || next === "pm")) {
    suffix = next;
    consumed++;
  }
  const hour = Number(meridiem[1]);
  const minute = meridiem[2] === undefined ? 0 : Number(meridiem[2]);
  if (suffix !== undefined) {
    if (hour < 1 || hour > 12 || minute > 59) return undefined;
    const pm = suffix.startsWith("p");
    return { hour: (hour % 12) + (pm ? 12 : 0), minute, consumed };
  }
  // A bare number is a time only with minutes ("16:00"); "3" alone is too ambiguous.
  if (meridiem[2] === undefined) return undefined;
  const time = toTime(hour, minute);
  return time ? { ...time, consumed } : undefined;
}

function toTime(hour: number, minute: number): { hour: number; minute: number } | undefined {
  return hour <= 23 && minute <= 59 ? { hour, minute } : undefined;
}

function withOptionalTime(moment: Moment, words: string[], consumed: number, base: DateTime): WhenMatch {
  const time = matchTime(words.slice(consumed));
  if (!time) return badTime(words, consumed) ?? checkFuture(moment, consumed, base);
  const day = moment.at.startOf("day");
  return checkFuture(
    { at: day.set({ hour: time.hour, minute: time.minute }), hasTime: true },
    consumed + time.consumed,
    base,
  );
}

function checkFuture(moment: Moment, consumed: number, base: DateTime): WhenMatch {
  if (moment.at > base.plus({ years: MAX_YEARS_AHEAD })) {
    return {
      ok: false,
      error: `${moment.at.toISODate()} is too far ahead; give a date within ${MAX_YEARS_AHEAD} years`,
    };
  }
  if (moment.hasTime && moment.at <= base) {
    return {
      ok: false,
      error: `${moment.at.toFormat("yyyy-MM-dd HH:mm")} is in the past (it is ${base.toFormat("yyyy-MM-dd HH:mm")} in ${base.zoneName})`,
    };
  }
  if (!moment.hasTime && moment.at.startOf("day") < base.startOf("day")) {
    return { ok: false, error: `${moment.at.toISODate()} is in the past` };
  }
  return { ok: true, moment, consumed };
}

/**
 * The instant a promise is due: the named time, or for a bare day the end of the working day
 * (the end of the day itself when that hour has already passed today).
 */
export function dueInstant(moment: Moment, now: Date): Date {
  if (moment.hasTime) return moment.at.toJSDate();
  const day = moment.at.startOf("day");
  const atDefault = day.set({ hour: DEFAULT_DUE_HOUR });
  if (atDefault.toMillis() > now.getTime()) return atDefault.toJSDate();
  return day.endOf("day").toJSDate();
}
