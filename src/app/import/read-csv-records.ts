import type { Readable } from "node:stream";
import { CsvError, parse } from "csv-parse";
import type { CsvKind } from "../../domain/csv/columns.js";
import { checkHeader } from "../../domain/csv/header.js";
import type { RowError } from "../../domain/csv/row-errors.js";
import type { CsvRecord } from "./types.js";

/** The file cannot be read as a whole (bad header, broken quoting): nothing in it is imported. */
export class CsvFileError extends Error {
  constructor(readonly errors: RowError[]) {
    super(errors.map((e) => `line ${e.line}: ${e.column}: ${e.problem}`).join("\n"));
  }
}

export interface CsvFile {
  /** The column names of the header row. */
  header: string[];
  /** The data rows, read as they are consumed. */
  records: AsyncGenerator<CsvRecord>;
}

/**
 * Opens a CSV file as a stream of rows (the file is never held in memory). Reads and checks the
 * header first; throws CsvFileError when the header is wrong, and the rows throw it when the
 * quoting breaks further down.
 */
export async function openCsvFile(kind: CsvKind, input: Readable): Promise<CsvFile> {
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      record_delimiter: ["\r\n", "\n", "\r"],
    }),
  );
  input.on("error", (err) => parser.destroy(err));
  const rows = (parser as AsyncIterable<ParsedRow>)[Symbol.asyncIterator]();
  const first = await readNext(rows);
  if (first.done) {
    throw new CsvFileError([
      { line: 1, column: "file", problem: "the file is empty; a header row naming the columns is required" },
    ]);
  }
  const header = first.value.record.map((c) => c.trim());
  const errors = checkHeader(kind, header);
  if (errors.length > 0) {
    parser.destroy();
    throw new CsvFileError(errors);
  }
  return { header, records: dataRows(header, rows) };
}

interface ParsedRow {
  record: string[];
  info: { lines: number };
}

async function* dataRows(header: string[], rows: AsyncIterator<ParsedRow>): AsyncGenerator<CsvRecord> {
  for (;;) {
    const next = await readNext(rows);
    if (next.done) return;
    const { record, info } = next.value;
    const line = info.lines - lineBreaksIn(record);
    const cells: Record<string, string> = {};
    header.forEach((column, i) => {
      cells[column] = record[i] ?? "";
    });
    if (record.length === header.length) {
      yield { line, cells };
    } else {
      const problem = `has ${record.length} cells but the header has ${header.length} columns; check the commas and quotes`;
      yield { line, cells, error: { line, column: "row", problem } };
    }
  }
}

async function readNext(rows: AsyncIterator<ParsedRow>): Promise<IteratorResult<ParsedRow>> {
  try {
    return await rows.next();
  } catch (err) {
    if (err instanceof CsvError) {
      const line = (err as unknown as { lines?: number }).lines ?? 0;
      throw new CsvFileError([{ line, column: "file", problem: `${err.message}; fix the file and retry` }]);
    }
    throw err;
  }
}

/** csv-parse reports the line a row ends on; quoted cells may span lines. */
function lineBreaksIn(record: string[]): number {
  let n = 0;
  for (const cell of record) {
    if (cell.includes("\n") || cell.includes("\r")) n += cell.match(/\r\n|\r|\n/g)?.length ?? 0;
  }
  return n;
}
