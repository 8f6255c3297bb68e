/**
 * A holidays file as rows of {date, name}: a CSV with a `date,name` header, or an iCalendar
 * (.ics) file. All-day events spanning several days give one holiday per day; recurring events
 * (a yearly New Year's Day) are expanded over the years given.
 */
import { parse } from "csv-parse/sync";
import { DateTime } from "luxon";
import ical, { type VEvent } from "node-ical";
import { isoDate } from "../../domain/csv/cells.js";
import type { RowError } from "../../domain/csv/row-errors.js";
import type { HolidayRow } from "../../storage/holidays.js";

export type HolidayFile = { ok: true; rows: HolidayRow[] } | { ok: false; errors: RowError[] };

/** The years recurring events are expanded over, inclusive. */
export interface YearRange {
  from: number;
  to: number;
}

export function readHolidayFile(fileName: string, content: string, years: YearRange): HolidayFile {
  const isCalendar = /\.ics$/i.test(fileName) || content.trimStart().startsWith("BEGIN:VCALENDAR");
  return isCalendar ? readCalendar(content, years) : readCsv(content);
}

const MAX_NAME = 200;

function readCsv(content: string): HolidayFile {
  let records: string[][];
  try {
    records = parse(content, { bom: true, skip_empty_lines: true, relax_column_count: true });
  } catch (err) {
    return {
      ok: false,
      errors: [{ line: 1, column: "file", problem: `not a CSV file: ${(err as Error).message}` }],
    };
  }
  const header = (records[0] ?? []).map((c) => c.trim().toLowerCase());
  const dateAt = header.indexOf("date");
  const nameAt = header.indexOf("name");
  const unknown = header.filter((c) => c !== "date" && c !== "name");
  if (dateAt === -1 || unknown.length > 0) {
    return {
      ok: false,
      errors: [
        {
          line: 1,
          column: unknown[0] ?? "date",
          problem:
            "a holidays file has the header row `date,name` (name is optional), then one holiday per line",
        },
      ],
    };
  }
  const rows: HolidayRow[] = [];
  const errors: RowError[] = [];
  const firstLine = new Map<string, number>();
  for (const [i, record] of records.slice(1).entries()) {
    const line = i + 2;
    const date = (record[dateAt] ?? "").trim();
    const name = nameAt === -1 ? "" : (record[nameAt] ?? "").trim();
    const parsed = isoDate(date);
    const first = firstLine.get(date);
    if (!parsed.ok) errors.push({ line, column: "date", problem: parsed.problem });
    else if (name.length > MAX_NAME) {
      errors.push({ line, column: "name", problem: `is longer than ${MAX_NAME} characters; shorten it` });
    } else if (first !== undefined) {
      errors.push({ line, column: "date", problem: `${date} appears again (first on line ${first})` });
    } else {
      firstLine.set(date, line);
      rows.push({ on: date, name: name || "Holiday" });
    }
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, rows };
}

function readCalendar(content: string, years: YearRange): HolidayFile {
  let events: VEvent[];
  try {
    events = Object.values(ical.sync.parseICS(content)).filter((c): c is VEvent => c?.type === "VEVENT");
  } catch (err) {
    return {
      ok: false,
      errors: [{ line: 1, column: "file", problem: `not an iCalendar file: ${(err as Error).message}` }],
    };
  }
  if (events.length === 0) {
    return {
      ok: false,
      errors: [{ line: 1, column: "file", problem: "the calendar holds no events (VEVENT)" }],
    };
  }
  const byDate = new Map<string, string>();
  for (const event of events) {
    if (event.status === "CANCELLED") continue;
    const name = summaryOf(event).slice(0, MAX_NAME) || "Holiday";
    const starts = event.rrule
      ? ical
          .expandRecurringEvent(event, {
            from: new Date(Date.UTC(years.from, 0, 1)),
            to: new Date(Date.UTC(years.to, 11, 31, 23, 59)),
          })
          .map((i) => ({ start: i.start, end: i.end }))
      : [{ start: event.start, end: event.end }];
    for (const { start, end } of starts) {
      for (const day of daysOf(start, end)) if (!byDate.has(day)) byDate.set(day, name);
    }
  }
  const rows = [...byDate].map(([on, name]) => ({ on, name })).sort((a, b) => a.on.localeCompare(b.on));
  return { ok: true, rows };
}

function summaryOf(event: VEvent): string {
  const s = event.summary as unknown;
  if (typeof s === "string") return s.trim();
  if (s && typeof s === "object" && "val" in s) return String((s as { val: unknown }).val).trim();
  return "";
}

type CalendarDate = Date & { tz?: string; dateOnly?: true };

/** The calendar date of an event's start or end as the file wrote it. */
function dateOf(d: CalendarDate): string {
  // node-ical gives an all-day date as local midnight of this process: read it back the same way.
  if (d.dateOnly) return DateTime.fromJSDate(d).toISODate() as string;
  return DateTime.fromJSDate(d, {
    zone: d.tz && DateTime.local().setZone(d.tz).isValid ? d.tz : "UTC",
  }).toISODate() as string;
}

/** Every day an event covers: an all-day event's end is exclusive (DTEND is the day after). */
function daysOf(start: CalendarDate, end: CalendarDate | undefined): string[] {
  const first = dateOf(start);
  if (!end) return [first];
  const endDate = dateOf(end);
  const last = start.dateOnly ? DateTime.fromISO(endDate).minus({ days: 1 }).toISODate()! : endDate;
  const days: string[] = [];
  for (let d = DateTime.fromISO(first); d.toISODate()! <= last && days.length < 31; d = d.plus({ days: 1 })) {
    days.push(d.toISODate()!);
  }
  return days.length > 0 ? days : [first];
}
