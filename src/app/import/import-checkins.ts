import { sql } from "drizzle-orm";
import { type CheckinRow, checkinRowSchema } from "../../domain/csv/checkin-row.js";
import type { RowContext } from "../../domain/csv/row-context.js";
import { rowErrorsFromZod } from "../../domain/csv/row-errors.js";
import { queryRows, type Tx } from "../../storage/database.js";
import { type Assignment, changedAssignments, countUpsert, recordset } from "../../storage/batch-sql.js";
import { applyContactEffects, type CheckinWrite } from "./checkin-effects.js";
import { BATCH_SIZE, type ImportState, type KindImporter } from "./import-state.js";
import { loadRepDirectory } from "./rep-directory.js";
import type { CsvRecord } from "./types.js";
import { WritePipeline } from "./write-pipeline.js";

const RECORD_COLUMNS =
  "external_id text, account_id int, rep_id int, at timestamptz, channel text, outcome text, note text, source text";

const ASSIGNMENTS: Record<string, ReadonlyArray<Assignment>> = {
  account_external_id: [["account_id", "excluded.account_id"]],
  rep_email: [["rep_id", "excluded.rep_id"]],
  // Times travel through files at millisecond precision; the database keeps microseconds.
  at: [["at", "excluded.at", "date_trunc('milliseconds', c.at)"]],
  channel: [["channel", "excluded.channel"]],
  outcome: [["outcome", "excluded.outcome"]],
  note: [["note", "excluded.note"]],
  source: [["source", "excluded.source"]],
};

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
  const byExternalId = changedAssignments(
    "c",
    header.flatMap((c) => ASSIGNMENTS[c] ?? []),
    { touchUpdatedAt: false },
  );
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
    const accountIds = await resolveAccounts(tx, workspaceId, pending);
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
        });
      }
    }
    if (!state.writing || rows.length === 0) return;
    const withId = rows.filter((r) => r.external_id !== null);
    const withoutId = rows.filter((r) => r.external_id === null);
    if (withId.length > 0) {
      const counted = await countUpsert(
        tx,
        sql`insert into checkins as c (workspace_id, account_id, rep_id, at, channel, outcome, note, source, external_id)
            select ${workspaceId}, x.account_id, x.rep_id, x.at, x.channel, x.outcome, x.note,
                   coalesce(x.source, 'import'), x.external_id
            from ${recordset(withId, RECORD_COLUMNS)}
            on conflict (workspace_id, external_id) do update set ${byExternalId.set}
            where ${byExternalId.changed}
            returning (xmax = 0) as inserted`,
      );
      state.count(withId.length, counted);
    }
    if (withoutId.length > 0) {
      state.count(withoutId.length, await upsertByNaturalKey(tx, workspaceId, withoutId, header));
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

async function resolveAccounts(tx: Tx, workspaceId: number, rows: Pending[]): Promise<Map<string, number>> {
  const ids = [...new Set(rows.map((r) => r.account_external_id))];
  const found = await queryRows<{ external_id: string; id: number }>(
    tx,
    sql`select external_id, id from accounts
        where workspace_id = ${workspaceId}
          and external_id in (select value from json_array_elements_text(${JSON.stringify(ids)}::json))`,
  );
  return new Map(found.map((r) => [r.external_id, r.id]));
}

/** Check-ins without an external id: the same account, rep, time and channel is the same check-in. */
async function upsertByNaturalKey(
  tx: Tx,
  workspaceId: number,
  rows: CheckinWrite[],
  header: readonly string[],
) {
  const assignments = [
    header.includes("outcome") ? ["outcome", "m.outcome"] : null,
    header.includes("note") ? ["note", "m.note"] : null,
    ["source", "coalesce(m.source, c.source)"],
  ].filter((a): a is string[] => a !== null);
  const set = sql.raw(assignments.map(([c, v]) => `${c} = ${v}`).join(", "));
  const before = sql.raw(assignments.map(([c]) => `c.${c}`).join(", "));
  const after = sql.raw(assignments.map(([, v]) => v).join(", "));
  const [counted] = await queryRows<{ inserted: number; updated: number }>(
    tx,
    sql`with input as (select * from ${recordset(rows, RECORD_COLUMNS)}),
        matched as (
          select i.*, m.id as existing_id from input i
          left join lateral (
            select c.id from checkins c
            where c.account_id = i.account_id and c.rep_id = i.rep_id and c.channel = i.channel
              -- files carry milliseconds; the database keeps microseconds
              and c.at >= i.at and c.at < i.at + interval '1 millisecond'
            order by c.id limit 1
          ) m on true
        ),
        updated as (
          update checkins c set ${set}
          from matched m
          where c.id = m.existing_id and (${before}) is distinct from (${after})
          returning 1
        ),
        inserted as (
          insert into checkins (workspace_id, account_id, rep_id, at, channel, outcome, note, source)
          select ${workspaceId}, account_id, rep_id, at, channel, outcome, note, coalesce(source, 'import')
          from matched where existing_id is null
          returning 1
        )
        select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated`,
  );
  return counted ?? { inserted: 0, updated: 0 };
}
