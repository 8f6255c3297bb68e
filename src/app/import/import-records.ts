import type { CsvKind } from "../../domain/csv/columns.js";
import type { RowContext } from "../../domain/csv/row-context.js";
import { localDate } from "../../domain/time.js";
import { useAsynchronousCommit } from "../../storage/batch-sql.js";
import type { Db, Tx } from "../../storage/database.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { refreshDates, retierWorkspace } from "../accounts/retier.js";
import { createAccountImporter } from "./import-accounts.js";
import { createCheckinImporter } from "./import-checkins.js";
import { createRepImporter } from "./import-reps.js";
import { ImportState, type KindImporter } from "./import-state.js";
import { CsvFileError } from "./read-csv-records.js";
import type { CsvRecord, ImportOptions, ImportResult } from "./types.js";

/** Thrown inside the transaction to undo a dry run or a rejected file. */
class Rollback extends Error {}

/**
 * Imports rows of one kind (given one by one or in chunks) in one transaction: validates each row
 * as it streams by, writes in batches, and commits only when every row was valid (or
 * `skipInvalid`) and it is not a dry run.
 * `header` is the file's columns: a column the file lacks leaves stored values as they are.
 */
export async function importRecords(
  db: Db,
  workspaceId: number,
  kind: CsvKind,
  header: readonly string[],
  records: AsyncIterable<CsvRecord | readonly CsvRecord[]>,
  options: ImportOptions,
): Promise<ImportResult> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const context: RowContext = { zone: workspace.settings.timezone, now: options.now };
  const state = new ImportState(options.skipInvalid ?? false);
  let outcome = "written" as ImportResult["outcome"];
  try {
    await db.transaction(async (tx) => {
      // Asynchronous commit: COMMIT returns before the WAL reaches the disk, so a server crash in that
      // moment may lose the whole import although it was reported written (run it again); it can
      // never leave half of it, and it changes nothing for other transactions.
      await useAsynchronousCommit(tx);
      const importer = await createImporter(tx, workspaceId, kind, state, context, header);
      try {
        for await (const item of records) {
          for (const record of Array.isArray(item) ? item : [item]) {
            // Awaited only when the importer wrote a batch: a promise per row costs at 100,000 rows.
            const writing = importer.add(record);
            if (writing) await writing;
          }
        }
      } catch (err) {
        if (!(err instanceof CsvFileError)) throw err;
        state.fail(err.errors);
      }
      await importer.finish();
      if (!state.writing) outcome = "rejected";
      else if (options.dryRun) outcome = "dry-run";
      if (outcome !== "written") throw new Rollback();
      // Values, overrides and statuses may have moved: the stored tiers follow (planner rule 1).
      if (kind === "accounts") await retierWorkspace(tx, workspaceId);
      // Contacts, orders, cadences, owners, zones: the planner dates of what was written follow.
      await refreshDates(tx, workspaceId, kind === "reps" ? { all: true } : { writtenInTransaction: true });
    });
  } catch (err) {
    if (!(err instanceof Rollback)) throw err;
  }
  const counts = outcome === "rejected" ? { inserted: 0, updated: 0, unchanged: 0 } : state.counts;
  const errors = [...state.errors].sort((a, b) => a.line - b.line);
  return { kind, outcome, ...counts, rejected: state.rejected, errors };
}

function createImporter(
  tx: Tx,
  workspaceId: number,
  kind: CsvKind,
  state: ImportState,
  context: RowContext,
  header: readonly string[],
): Promise<KindImporter> {
  switch (kind) {
    case "reps":
      return createRepImporter(tx, workspaceId, state, header);
    case "accounts":
      return createAccountImporter(
        tx,
        workspaceId,
        state,
        { ...context, today: localDate(context.now, context.zone) },
        header,
      );
    case "checkins":
      return createCheckinImporter(tx, workspaceId, state, context, header);
  }
}
