import type { RowError } from "../../domain/csv/row-errors.js";
import type { CsvRecord, ImportCounts } from "./types.js";

/** Rows written per statement: big enough to amortise round trips, small enough to stay flat in memory. */
export const BATCH_SIZE = 2000;

/** What an import has found and done so far; shared by the importers of every kind. */
export class ImportState {
  readonly errors: RowError[] = [];
  readonly counts: Omit<ImportCounts, "rejected"> = { inserted: 0, updated: 0, unchanged: 0 };
  private readonly invalidLines = new Set<number>();
  private fatal = false;

  constructor(private readonly skipInvalid: boolean) {}

  reject(errors: RowError[]): void {
    for (const e of errors) {
      this.errors.push(e);
      this.invalidLines.add(e.line);
    }
  }

  /** The file as a whole is unreadable: nothing is written, even with skipInvalid. */
  fail(errors: RowError[]): void {
    this.fatal = true;
    this.errors.push(...errors);
  }

  get rejected(): number {
    return this.invalidLines.size;
  }

  /** Once a row is invalid and the whole file will be rejected, writing more is pointless. */
  get writing(): boolean {
    return !this.fatal && (this.skipInvalid || this.errors.length === 0);
  }

  count(batchSize: number, changed: { inserted: number; updated: number }): void {
    this.counts.inserted += changed.inserted;
    this.counts.updated += changed.updated;
    this.counts.unchanged += batchSize - changed.inserted - changed.updated;
  }
}

/** The importer of one file kind: fed rows one by one, then finished. */
export interface KindImporter {
  /** Returns a promise only when it has to wait (for a batch write). */
  add(record: CsvRecord): Promise<void> | undefined;
  finish(): Promise<void>;
}
