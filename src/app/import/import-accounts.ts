import { sql } from "drizzle-orm";
import { type AccountRow, accountRowSchema } from "../../domain/csv/account-row.js";
import type { RowContext } from "../../domain/csv/row-context.js";
import { rowErrorsFromZod } from "../../domain/csv/row-errors.js";
import type { Tx } from "../../storage/database.js";
import { changedAssignments, countUpsert, recordset } from "./batch-sql.js";
import { BATCH_SIZE, type ImportState, type KindImporter } from "./import-state.js";
import { loadRepDirectory } from "./rep-directory.js";
import type { CsvRecord } from "./types.js";
import { WritePipeline } from "./write-pipeline.js";

const RECORD_COLUMNS = `external_id text, name text, owner_rep_id int, annual_revenue float8, gross_profit float8,
  tier text, status text, cadence_days int2, customer_since date, last_contact_at timestamptz,
  last_order_at date, avg_order_interval_days int2, contact_name text, contact_email text, contact_phone text`;

/** CSV column → the stored columns it sets on an existing account. */
const ASSIGNMENTS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  name: [["name", "excluded.name"]],
  owner_email: [["owner_rep_id", "excluded.owner_rep_id"]],
  annual_revenue: [["annual_revenue", "excluded.annual_revenue"]],
  gross_profit: [["gross_profit", "excluded.gross_profit"]],
  tier: [["tier_override", "excluded.tier_override"]],
  status: [["status", "excluded.status"]],
  cadence_days: [["cadence_days", "excluded.cadence_days"]],
  customer_since: [["customer_since", "excluded.customer_since"]],
  // The bot logs newer contacts than a CRM file knows of: the last contact only moves forward, and a
  // newer one from the file clears the details of the older contact.
  last_contact_at: [
    ["last_contact_at", "greatest(a.last_contact_at, excluded.last_contact_at)"],
    [
      "last_channel",
      "case when excluded.last_contact_at > a.last_contact_at then null else a.last_channel end",
    ],
    [
      "last_outcome",
      "case when excluded.last_contact_at > a.last_contact_at then null else a.last_outcome end",
    ],
    ["last_note", "case when excluded.last_contact_at > a.last_contact_at then null else a.last_note end"],
  ],
  last_order_at: [["last_order_at", "excluded.last_order_at"]],
  avg_order_interval_days: [["avg_order_interval_days", "excluded.avg_order_interval_days"]],
  contact_name: [["contact_name", "excluded.contact_name"]],
  contact_email: [["contact_email", "excluded.contact_email"]],
  contact_phone: [["contact_phone", "excluded.contact_phone"]],
};

interface AccountWrite {
  external_id: string;
  name: string;
  owner_rep_id: number;
  annual_revenue: number;
  gross_profit: number | null | undefined;
  tier: string | null | undefined;
  status: string;
  cadence_days: number | null | undefined;
  customer_since: string | null | undefined;
  last_contact_at: string | null | undefined;
  last_order_at: string | null | undefined;
  avg_order_interval_days: number | null | undefined;
  contact_name: string | null | undefined;
  contact_email: string | null | undefined;
  contact_phone: string | null | undefined;
}

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
  const firstLineOf = new Map<string, number>();
  const { set, changed } = changedAssignments(
    "a",
    header.flatMap((c) => ASSIGNMENTS[c] ?? []),
  );
  let batch: AccountWrite[] = [];
  const writes = new WritePipeline();

  async function write(rows: AccountWrite[]): Promise<void> {
    const counted = await countUpsert(
      tx,
      sql`insert into accounts as a (workspace_id, external_id, name, owner_rep_id, annual_revenue, gross_profit,
            tier_override, status, cadence_days, customer_since, last_contact_at, last_order_at,
            avg_order_interval_days, contact_name, contact_email, contact_phone)
          select ${workspaceId}, x.external_id, x.name, x.owner_rep_id, x.annual_revenue, x.gross_profit,
            x.tier, x.status, x.cadence_days, x.customer_since, x.last_contact_at, x.last_order_at,
            x.avg_order_interval_days, x.contact_name, x.contact_email, x.contact_phone
          from ${recordset(rows, RECORD_COLUMNS)}
          on conflict (workspace_id, external_id) do update set ${set} where ${changed}
          returning (xmax = 0) as inserted`,
    );
    state.count(rows.length, counted);
    const lost = rows.filter((r) => r.status === "lost").map((r) => r.external_id);
    if (lost.length > 0) await openDepartures(tx, workspaceId, lost, context.today);
  }

  async function flush(): Promise<void> {
    const rows = batch;
    batch = [];
    if (rows.length > 0 && state.writing) await writes.push(() => write(rows));
  }

  return {
    async add(record: CsvRecord) {
      if (record.error) return state.reject([record.error]);
      const parsed = schema.safeParse(record.cells);
      if (!parsed.success) return state.reject(rowErrorsFromZod(record.line, parsed.error));
      const row = parsed.data;
      const first = firstLineOf.get(row.external_id);
      if (first !== undefined) {
        return state.reject([
          {
            line: record.line,
            column: "external_id",
            problem: `${row.external_id} appears again (first on line ${first})`,
          },
        ]);
      }
      firstLineOf.set(row.external_id, record.line);
      const owner = owners.get(row.owner_email);
      if (!owner) {
        return state.reject([
          {
            line: record.line,
            column: "owner_email",
            problem: `no rep has the email ${row.owner_email}; import reps first or fix the email`,
          },
        ]);
      }
      batch.push(toWrite(row, owner.id));
      if (batch.length >= BATCH_SIZE) await flush();
    },
    async finish() {
      await flush();
      await writes.drain();
    },
  };
}

function toWrite(row: AccountRow, ownerRepId: number): AccountWrite {
  return {
    external_id: row.external_id,
    name: row.name,
    owner_rep_id: ownerRepId,
    annual_revenue: row.annual_revenue,
    gross_profit: row.gross_profit,
    tier: row.tier,
    status: row.status ?? "active",
    cadence_days: row.cadence_days,
    customer_since: row.customer_since,
    last_contact_at:
      row.last_contact_at === undefined ? undefined : (row.last_contact_at?.toISOString() ?? null),
    last_order_at: row.last_order_at,
    avg_order_interval_days: row.avg_order_interval_days,
    contact_name: row.contact_name,
    contact_email: row.contact_email,
    contact_phone: row.contact_phone,
  };
}

/** A lost account gets a departure (the departed folder) unless one is already open. */
async function openDepartures(tx: Tx, workspaceId: number, externalIds: string[], today: string) {
  await tx.execute(
    sql`insert into departures (workspace_id, account_id, reason, lost_on, tenure_days)
        select a.workspace_id, a.id, 'imported as lost', ${today}::date,
               case when a.customer_since is null then null else ${today}::date - a.customer_since end
        from accounts a
        where a.workspace_id = ${workspaceId} and a.status = 'lost'
          and a.external_id in (select value from json_array_elements_text(${JSON.stringify(externalIds)}::json))
          and not exists (select 1 from departures d where d.account_id = a.id and d.won_back_at is null)`,
  );
}
