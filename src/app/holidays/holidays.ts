/** The workspace's holidays without SQL: import a file (CSV or iCalendar), list, remove one. */
import type { RowError } from "../../domain/csv/row-errors.js";
import type { Db, Tx } from "../../storage/database.js";
import {
  type HolidayCounts,
  type HolidayRow,
  listHolidays,
  removeHoliday,
  upsertHolidays,
} from "../../storage/holidays.js";
import { readHolidayFile, type YearRange } from "./read-holiday-file.js";

export type HolidayImport =
  | { ok: true; counts: HolidayCounts; rows: HolidayRow[]; years: YearRange; dryRun: boolean }
  | { ok: false; errors: RowError[] };

/**
 * Reads the file and adds its holidays (a date already there takes the file's name); a file with
 * any bad line writes nothing. Recurring calendar events are expanded from `fromYear` over
 * `years` years.
 */
export async function importHolidays(
  db: Db,
  workspaceId: number,
  file: { name: string; content: string },
  options: { fromYear: number; years: number; dryRun?: boolean },
): Promise<HolidayImport> {
  const years = { from: options.fromYear, to: options.fromYear + options.years - 1 };
  const read = readHolidayFile(file.name, file.content, years);
  if (!read.ok) return read;
  const dryRun = options.dryRun ?? false;
  const counts = dryRun
    ? await countOnly(db, workspaceId, read.rows)
    : await db.transaction((tx) => upsertHolidays(tx, workspaceId, read.rows));
  return { ok: true, counts, rows: read.rows, years, dryRun };
}

/** What an import would do, without writing (used for --dry-run). */
async function countOnly(db: Tx, workspaceId: number, rows: readonly HolidayRow[]): Promise<HolidayCounts> {
  const existing = new Map((await listHolidays(db, workspaceId)).map((h) => [h.on, h.name]));
  const counts: HolidayCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const name = existing.get(row.on);
    if (name === undefined) counts.inserted += 1;
    else if (name === row.name) counts.unchanged += 1;
    else counts.updated += 1;
  }
  return counts;
}

export { listHolidays, removeHoliday };
