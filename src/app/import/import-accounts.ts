import { accountRowSchema } from "../../domain/csv/account-row.js";
import type { RowContext } from "../../domain/csv/row-context.js";
import { type RowError, rowErrorsFromZod } from "../../domain/csv/row-errors.js";
import { AccountBatch, accountUpserter, openDepartures } from "../../storage/account-import.js";
import type { Tx } from "../../storage/database.js";
import { loadRepDirectory } from "../../storage/rep-import.js";
import { BATCH_SIZE, type ImportState, type KindImporter } from "./import-state.js";
import { SeenKeys } from "./seen-keys.js";
import type { CsvRecord } from "./types.js";
import { WritePipeline } from "./write-pipeline.js";

/** Upserts accounts by (workspace, external_id), streaming: rows are validated and written in batches. */
export async function createAccountImporter(
  tx: Tx,
  workspaceId: number,
  state: ImportState,
  context: RowContext & { today: string },
  header: readonly string[],
): Promise<KindImporter> {
  const schema = accountRowSchema(context);
  const owners = await loadRepDirectory(tx, workspaceId);
  const seen = new SeenKeys();
  const upsert = accountUpserter(tx, workspaceId, header);
  let batch = new AccountBatch();
  const writes = new WritePipeline();

  async function write(rows: AccountBatch): Promise<void> {
    state.count(rows.size, await upsert(rows));
    if (rows.lost.length > 0) await openDepartures(tx, workspaceId, rows.lost, context.today);
  }

  function reject(errors: RowError[]): undefined {
    state.reject(errors);
    return undefined;
  }

  async function flush(): Promise<void> {
    const rows = batch;
    batch = new AccountBatch();
    if (rows.size > 0 && state.writing) await writes.push(() => write(rows));
  }

  return {
    add(record: CsvRecord): Promise<void> | undefined {
      if (record.error) return reject([record.error]);
      const parsed = schema.safeParse(record.cells);
      if (!parsed.success) return reject(rowErrorsFromZod(record.line, parsed.error));
      const row = parsed.data;
      const first = seen.firstLineOrAdd(row.external_id, record.line);
      if (first !== undefined) {
        return reject([
          {
            line: record.line,
            column: "external_id",
            problem: `${row.external_id} appears again (first on line ${first})`,
          },
        ]);
      }
      const owner = owners.get(row.owner_email);
      if (!owner) {
        return reject([
          {
            line: record.line,
            column: "owner_email",
            problem: `no rep has the email ${row.owner_email}; import reps first or fix the email`,
          },
        ]);
      }
      batch.add(row, owner.id);
      return batch.size >= BATCH_SIZE ? flush() : undefined;
    },
    async finish() {
      await flush();
      await writes.drain();
    },
  };
}
