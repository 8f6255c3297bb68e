/**
 * The suggested opener (issue 13): one short sentence telling the rep what to say, built by
 * templates from facts the bot holds: the pick's kind, the last contact (its date, outcome and
 * note), the promise, the last order and the usual gap, the tenure, the departure reason. A fact
 * the bot lacks is left out, never guessed. Quoted texts are cut, so the sentence stays within
 * `OPENER_LIMIT` characters whatever the notes hold; account names are not part of it.
 */
import { DateTime } from "luxon";
import { localDate } from "../time.js";
import { daysFromTo } from "./calendar.js";
import type { CheckInOutcome, PickKind } from "./types.js";

/** The longest opener; well inside a Slack section (3000) and a Teams text block. */
export const OPENER_LIMIT = 300;
/** Notes, promises and departure reasons are quoted up to this length, then cut. */
const QUOTE_LIMIT = 70;

export interface OpenerFacts {
  kind: PickKind;
  /** The local date of the pick, and the rep's zone (dates are read in it). */
  date: string;
  zone: string;
  lastContactAt: Date | null;
  lastOutcome: CheckInOutcome | null;
  lastNote: string | null;
  lastOrderAt: string | null;
  avgOrderIntervalDays: number | null;
  customerSince: string | null;
  promise: { what: string } | null;
  departure: { lostOn: string; reason: string } | null;
}

const outcomeWords: Record<CheckInOutcome, string> = {
  connected: "you spoke",
  left_message: "you left a message",
  no_answer: "nobody answered",
  issue_raised: "they raised an issue",
  opportunity: "you saw an opportunity",
  at_risk: "they sounded at risk",
};

/** The opener for one pick, e.g. `Orders usually come every 30 days and the last was in June; last time (3 Oct) you noted 'asked about bulk pricing'.` */
export function suggestOpener(f: OpenerFacts): string {
  const parts = [leadPart(f), lastTimePart(f)].filter((p): p is string => p !== null);
  if (parts.length === 0) parts.push("ask how things are going");
  const sentence = `${capitalise(parts.join("; "))}.`;
  return sentence.length <= OPENER_LIMIT ? sentence : `${sentence.slice(0, OPENER_LIMIT - 1)}…`;
}

function leadPart(f: OpenerFacts): string | null {
  switch (f.kind) {
    case "promise":
      return f.promise === null ? null : `start with what you promised: "${quote(f.promise.what)}"`;
    case "exit_interview":
      return `ask what made them leave${reasonGiven(f)} and what would have kept them`;
    case "win_back":
      return f.departure === null
        ? "ask whether anything has changed since they left"
        : `they left ${monthOf(f.departure.lostOn, f.date)}${overReason(f)}; ask whether that has changed`;
    case "review":
      return `suggest a meeting to review how things are going${tenurePart(f)}`;
    default:
      return orderPart(f) ?? (f.kind === "due" && f.lastContactAt === null ? "introduce yourself" : null);
  }
}

/** `orders usually come every 30 days and the last was in June`, or `the last order was on 3 Oct`. */
function orderPart(f: OpenerFacts): string | null {
  if (f.lastOrderAt === null) return null;
  const last = monthOf(f.lastOrderAt, f.date);
  if (f.avgOrderIntervalDays === null || f.avgOrderIntervalDays <= 0) return `the last order was ${last}`;
  return `orders usually come every ${Math.round(f.avgOrderIntervalDays)} days and the last was ${last}`;
}

/** `last time (3 Oct) you noted 'asked about bulk pricing'`, or what the outcome was. */
function lastTimePart(f: OpenerFacts): string | null {
  if (f.lastContactAt === null) return null;
  const when = dayOf(localDate(f.lastContactAt, f.zone), f.date);
  const note = f.lastNote?.trim();
  if (note) return `last time (${when}) you noted '${quote(note)}'`;
  if (f.lastOutcome !== null) return `last time (${when}) ${outcomeWords[f.lastOutcome]}`;
  return `your last contact was on ${when}`;
}

function reasonGiven(f: OpenerFacts): string {
  const reason = f.departure?.reason.trim();
  return reason ? ` (they gave "${quote(reason)}")` : "";
}

function overReason(f: OpenerFacts): string {
  const reason = f.departure?.reason.trim();
  return reason ? ` over "${quote(reason)}"` : "";
}

/** ` after 11 years as a customer`, only for a year or more. */
function tenurePart(f: OpenerFacts): string {
  if (f.customerSince === null) return "";
  const years = Math.floor(daysFromTo(f.customerSince, f.date) / 365.25);
  if (years < 1) return "";
  return ` after ${years} year${years === 1 ? "" : "s"} as a customer`;
}

/** `on 3 Oct` within the last two months, else `in June` (`in June 2024` in another year). */
function monthOf(day: string, today: string): string {
  if (daysFromTo(day, today) < 60) return `on ${dayOf(day, today)}`;
  const d = DateTime.fromISO(day, { zone: "UTC" });
  return d.year === DateTime.fromISO(today, { zone: "UTC" }).year
    ? `in ${d.toFormat("LLLL")}`
    : `in ${d.toFormat("LLLL yyyy")}`;
}

/** `3 Oct`, or `3 Oct 2025` in another year. */
function dayOf(day: string, today: string): string {
  const d = DateTime.fromISO(day, { zone: "UTC" });
  return d.year === DateTime.fromISO(today, { zone: "UTC" }).year
    ? d.toFormat("d LLL")
    : d.toFormat("d LLL yyyy");
}

function quote(text: string): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length <= QUOTE_LIMIT ? line : `${line.slice(0, QUOTE_LIMIT - 1)}…`;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
