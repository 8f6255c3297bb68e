import { type CheckinRow, checkinRowSchema } from "../../domain/csv/checkin-row.js";
import type { RowContext } from "../../domain/csv/row-context.js";
import { rowErrorsFromZod } from "../../domain/csv/row-errors.js";
import {
  applyContactEffects,
  type CheckinWrite,
  checkinUpserter,
  findAccountIdsByExternalId,
} from "../../storage/checkin-import.js";
import type { Tx } from "../../storage/database.js";
import { loadRepDirectory } from "../../storage/rep-import.js";
import { BATCH_SIZE, type ImportState, type KindImporter } from "./import-state.js";
import type { CsvRecord } from "./types.js";
import { WritePipeline } from "./write-pipeline.js";

type Pending = CheckinRow & { line: number; repId: number };

/**
 * Adds check-ins. A row with an `external_id` is upserted by it; a row without one is matched on
 * (account, rep, time, channel), so that importing the same history twice adds nothing.
 */
export async function createCheckinImporter(
  tx: Tx,
  workspaceId: number,
  state: ImportState,
  context: RowContext,
  header: readonly string[],
): Promise<KindImporter> {
  const schema = checkinRowSchema(context);
  const repsByEmail = await loadRepDirectory(tx, workspaceId);
  const firstLineOf = new Map<string, number>();
  const upsert = checkinUpserter(tx, workspaceId, header);
  const hasSource = header.includes("source");
  let batch: Pending[] = [];
  const writes = new WritePipeline();

  async function flush(): Promise<void> {
    const pending = batch;
    batch = [];
    if (pending.length > 0) await writes.push(() => resolveAndWrite(pending));
  }

  async function resolveAndWrite(pending: Pending[]): Promise<void> {
    // Accounts are looked up per batch: a workspace may hold far more accounts than fit comfortably in memory.
    const accountIds = await findAccountIdsByExternalId(
      tx,
      workspaceId,
      pending.map((p) => p.account_external_id),
    );
    const rows: CheckinWrite[] = [];
    for (const p of pending) {
      const accountId = accountIds.get(p.account_external_id);
      if (accountId === undefined) {
        state.reject([
          {
            line: p.line,
            column: "account_external_id",
            problem: `no account has the external_id ${p.account_external_id}; import accounts first or fix the id`,
          },
        ]);
      } else {
        rows.push({
          external_id: p.external_id ?? null,
          account_id: accountId,
          rep_id: p.repId,
          at: p.at.toISOString(),
          channel: p.channel,
          outcome: p.outcome ?? null,
          note: p.note ?? null,
          source: p.source ?? (hasSource ? "import" : null),
          origin: p.origin ?? null,
        });
      }
    }
    if (!state.writing || rows.length === 0) return;
    const withId = rows.filter((r) => r.external_id !== null);
    const withoutId = rows.filter((r) => r.external_id === null);
    if (withId.length > 0) {
      state.count(withId.length, await upsert.byExternalId(withId));
    }
    if (withoutId.length > 0) {
      state.count(withoutId.length, await upsert.byNaturalKey(withoutId));
    }
    await applyContactEffects(tx, rows);
  }

  return {
    async add(record: CsvRecord) {
      if (record.error) return state.reject([record.error]);
      const parsed = schema.safeParse(record.cells);
      if (!parsed.success) return state.reject(rowErrorsFromZod(record.line, parsed.error));
      const row = parsed.data;
      const key =
        row.external_id ??
        `\u0000${row.account_external_id}\u0000${row.rep_email}\u0000${row.at.getTime()}\u0000${row.channel}`;
      const first = firstLineOf.get(key);
      if (first !== undefined) {
        return state.reject([
          row.external_id
            ? {
                line: record.line,
                column: "external_id",
                problem: `${row.external_id} appears again (first on line ${first})`,
              }
            : {
                line: record.line,
                column: "at",
                problem: `the same check-in (account, rep, time and channel) is on line ${first}; remove one`,
              },
        ]);
      }
      firstLineOf.set(key, record.line);
      const rep = repsByEmail.get(row.rep_email);
      if (!rep) {
        return state.reject([
          {
            line: record.line,
            column: "rep_email",
            problem: `no rep has the email ${row.rep_email}; import reps first or fix the email`,
          },
        ]);
      }
      batch.push({ ...row, line: record.line, repId: rep.id });
      if (batch.length >= BATCH_SIZE) await flush();
    },
    async finish() {
      await flush();
      await writes.drain();
    },
  };
}
