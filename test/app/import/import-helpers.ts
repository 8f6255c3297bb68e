/** Shared by the import tests: run an import from text, and count what the database holds. */
import { Readable } from "node:stream";
import { sql } from "drizzle-orm";
import { importCsv } from "../../../src/app/import/import-csv.js";
import type { ImportOptions, ImportResult } from "../../../src/app/import/types.js";
import type { CsvKind } from "../../../src/domain/csv/columns.js";
import { formatRowError } from "../../../src/domain/csv/row-errors.js";
import { type Db, queryRows } from "../../../src/storage/database.js";

export const NOW = new Date("2026-11-23T12:00:00Z");

export function importText(
  db: Db,
  workspaceId: number,
  kind: CsvKind,
  text: string,
  options: Partial<ImportOptions> = {},
): Promise<ImportResult> {
  return importCsv(db, workspaceId, kind, Readable.from([text]), { now: NOW, ...options });
}

/** The errors as the user reads them. */
export function messages(result: ImportResult): string[] {
  return result.errors.map(formatRowError);
}

export function summary(r: ImportResult) {
  return { inserted: r.inserted, updated: r.updated, unchanged: r.unchanged, rejected: r.rejected };
}

export async function countRows(
  db: Db,
  table: "reps" | "accounts" | "checkins" | "departures",
): Promise<number> {
  const [row] = await queryRows<{ n: number }>(
    db,
    sql`select count(*)::int as n from ${sql.identifier(table)}`,
  );
  return row?.n ?? 0;
}

export const REPS = `email,name,timezone,role,manager_email
ana@acme.test,Ana Ortiz,Europe/Berlin,rep,max@acme.test
ben@acme.test,Ben Okafor,,rep,max@acme.test
max@acme.test,Max Brandt,Europe/Berlin,manager,
`;
