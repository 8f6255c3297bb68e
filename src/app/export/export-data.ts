import { once } from "node:events";
import { stringify } from "csv-stringify/sync";
import { DateTime } from "luxon";
import { EXPORT_COLUMNS, type ExportKind, NUMERIC_COLUMNS } from "../../domain/csv/columns.js";
import { neutraliseFormula } from "../../domain/csv/formula.js";
import type { Db } from "../../storage/database.js";
import {
  type ExportRow,
  type ExportValue,
  PAGE_SIZE,
  type PageFilter,
  readPage,
} from "../../storage/exports.js";
import { getWorkspace } from "../../storage/workspaces.js";

export type ExportFormat = "csv" | "json";

export interface ExportOptions {
  format: ExportFormat;
  /** Calendar date (YYYY-MM-DD) in the workspace's zone: accounts changed, check-ins made, accounts lost since then. */
  since?: string;
}

/** Writes accounts, check-ins or the departed folder to `out`, a page at a time; returns the row count. */
export async function exportData(
  db: Db,
  workspaceId: number,
  kind: ExportKind,
  options: ExportOptions,
  out: NodeJS.WritableStream,
): Promise<number> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const filter: PageFilter = { workspaceId };
  if (options.since) {
    filter.sinceDate = options.since;
    filter.sinceInstant = DateTime.fromISO(options.since, { zone: workspace.settings.timezone }).toJSDate();
  }
  const columns = EXPORT_COLUMNS[kind];
  const writer = options.format === "csv" ? csvWriter(columns) : jsonWriter(columns);
  let count = 0;
  let afterId = 0;
  await write(out, writer.start());
  for (;;) {
    const page = await readPage(db, kind, filter, afterId);
    if (page.length > 0) await write(out, writer.page(page, count === 0));
    count += page.length;
    if (page.length < PAGE_SIZE) break;
    afterId = page[page.length - 1]!.id;
  }
  await write(out, writer.end(count === 0));
  return count;
}

interface Writer {
  start(): string;
  page(rows: ExportRow[], first: boolean): string;
  end(empty: boolean): string;
}

function csvWriter(columns: readonly string[]): Writer {
  return {
    start: () => stringify([columns]),
    page: (rows) => stringify(rows.map((row) => columns.map((c) => csvCell(c, row[c] ?? null)))),
    end: () => "",
  };
}

/** Numbers stay numbers (a negative profit is not a formula); text a spreadsheet would run is neutralised. */
function csvCell(column: string, value: ExportValue): string {
  if (value === null) return "";
  if (typeof value === "number" || NUMERIC_COLUMNS.has(column)) return String(value);
  return neutraliseFormula(value);
}

function jsonWriter(columns: readonly string[]): Writer {
  return {
    start: () => "[",
    page: (rows, first) =>
      rows
        .map((row, i) => {
          const object = Object.fromEntries(columns.map((c) => [c, row[c] ?? null]));
          return `${first && i === 0 ? "\n" : ",\n"}${JSON.stringify(object)}`;
        })
        .join(""),
    end: (empty) => (empty ? "]\n" : "\n]\n"),
  };
}

async function write(out: NodeJS.WritableStream, chunk: string): Promise<void> {
  if (chunk === "") return;
  if (!out.write(chunk)) await once(out, "drain");
}
