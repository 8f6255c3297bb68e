import type { CsvKind } from "../../domain/csv/columns.js";
import type { RowError } from "../../domain/csv/row-errors.js";

/** One data row of a CSV file: its cells by column, or why it could not be read. */
export interface CsvRecord {
  /** The file's line number where the row starts (the header is line 1). */
  line: number;
  cells: Record<string, string>;
  /** Set when the row itself is malformed (wrong number of cells). */
  error?: RowError;
}

export interface ImportOptions {
  /** Validate, count what would change, and write nothing. */
  dryRun?: boolean;
  /** Import the good rows and report the invalid ones, instead of rejecting the whole file. */
  skipInvalid?: boolean;
  now: Date;
}

export interface ImportCounts {
  inserted: number;
  updated: number;
  unchanged: number;
  /** Invalid rows (each may have several errors). */
  rejected: number;
}

export interface ImportResult extends ImportCounts {
  kind: CsvKind;
  /** `written`: committed; `dry-run`: counted, rolled back; `rejected`: invalid input, nothing written. */
  outcome: "written" | "dry-run" | "rejected";
  /** Every problem, in line order. */
  errors: RowError[];
}
