import { localDate } from "../../domain/time.js";
import type { Db } from "../../storage/database.js";
import { addPromises, addSnoozes, describeDepartures } from "../../storage/demo-data.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { importHolidays } from "../holidays/holidays.js";
import { importRecords } from "../import/import-records.js";
import type { CsvRecord, ImportResult } from "../import/types.js";
import { buildDemoBook } from "./demo-book.js";
import { repsCsvRows } from "./demo-reps.js";

export interface DemoSummary {
  reps: ImportResult;
  accounts: ImportResult;
  checkins: ImportResult;
  holidaysAdded: number;
  promisesAdded: number;
  snoozesAdded: number;
  departuresUpdated: number;
}

/**
 * Loads the demo workspace through the import code paths (the same validation and upserts as a
 * CSV file, working weeks included) and the holidays import, then adds what files do not carry:
 * promises, snoozes and the departed folder's details. Running it again changes nothing.
 */
export async function loadDemo(db: Db, workspaceId: number, now: Date): Promise<DemoSummary> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const today = localDate(now, workspace.settings.timezone);
  const book = buildDemoBook(today);
  const reps = await importRows(db, workspaceId, "reps", repsCsvRows(), now);
  const accounts = await importRows(db, workspaceId, "accounts", book.accounts, now);
  const checkins = await importRows(db, workspaceId, "checkins", book.checkins, now);
  const holidays = await importDemoHolidays(db, workspaceId, Number(today.slice(0, 4)));
  return db.transaction(async (tx) => {
    return {
      reps,
      accounts,
      checkins,
      holidaysAdded: holidays,
      promisesAdded: await addPromises(tx, workspaceId, book.promises),
      snoozesAdded: await addSnoozes(tx, workspaceId, book.snoozes),
      departuresUpdated: await describeDepartures(tx, workspaceId, book.departures),
    };
  });
}

async function importRows(
  db: Db,
  workspaceId: number,
  kind: "reps" | "accounts" | "checkins",
  rows: Record<string, string>[],
  now: Date,
): Promise<ImportResult> {
  const header = Object.keys(rows[0] ?? {});
  async function* records(): AsyncGenerator<CsvRecord> {
    for (const [i, cells] of rows.entries()) yield { line: i + 2, cells };
  }
  const result = await importRecords(db, workspaceId, kind, header, records(), { now });
  if (result.outcome !== "written") {
    // The demo data is generated: an invalid row is a bug in the generator, not user input.
    throw new Error(
      `demo ${kind} rejected: ${result.errors
        .slice(0, 3)
        .map((e) => `line ${e.line}: ${e.column}: ${e.problem}`)
        .join("; ")}`,
    );
  }
  return result;
}

/** The holidays a demo team shares, through the same import as `retention holidays import`. */
async function importDemoHolidays(db: Db, workspaceId: number, year: number): Promise<number> {
  const content = [
    "date,name",
    `${year}-12-25,Christmas Day`,
    `${year}-12-26,Boxing Day`,
    `${year + 1}-01-01,New Year's Day`,
  ].join("\n");
  const result = await importHolidays(
    db,
    workspaceId,
    { name: "demo-holidays.csv", content },
    { fromYear: year, years: 1 },
  );
  if (!result.ok) throw new Error(`demo holidays rejected: ${JSON.stringify(result.errors)}`);
  return result.counts.inserted;
}
