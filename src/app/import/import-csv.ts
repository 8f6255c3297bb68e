import type { Readable } from "node:stream";
import type { CsvKind } from "../../domain/csv/columns.js";
import type { Db } from "../../storage/database.js";
import { importRecords } from "./import-records.js";
import { CsvFileError, openCsvFile } from "./read-csv-records.js";
import type { ImportOptions, ImportResult } from "./types.js";

/** Imports a CSV file of reps, accounts or check-ins, streamed from `input`. */
export async function importCsv(
  db: Db,
  workspaceId: number,
  kind: CsvKind,
  input: Readable,
  options: ImportOptions,
): Promise<ImportResult> {
  try {
    const file = await openCsvFile(kind, input);
    return await importRecords(db, workspaceId, kind, file.header, file.records, options);
  } catch (err) {
    if (!(err instanceof CsvFileError)) throw err;
    return {
      kind,
      outcome: "rejected",
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: 0,
      errors: err.errors,
    };
  }
}
