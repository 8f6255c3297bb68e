/**
 * The accounts table as an accounts import writes it: batches held column by column, upserted with
 * one `unnest` statement each, and the departures of the accounts a file marks lost.
 */
import { sql } from "drizzle-orm";
import type { AccountRow } from "../domain/csv/account-row.js";
import { changedAssignments, countUpsert, unnestColumns } from "./batch-sql.js";
import type { Tx } from "./database.js";

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

/** The stored columns an import writes, with their types, in the order of the INSERT below. */
const WRITE_COLUMNS = [
  ["external_id", "text"],
  ["name", "text"],
  ["owner_rep_id", "int4"],
  ["annual_revenue", "float8"],
  ["gross_profit", "float8"],
  ["tier_override", "text"],
  ["status", "text"],
  ["cadence_days", "int2"],
  ["customer_since", "date"],
  ["last_contact_at", "timestamptz"],
  ["last_order_at", "date"],
  ["avg_order_interval_days", "int2"],
  ["contact_name", "text"],
  ["contact_email", "text"],
  ["contact_phone", "text"],
] as const;
const INSERT_COLUMNS = WRITE_COLUMNS.map(([name]) => name).join(", ");
const SELECT_COLUMNS = WRITE_COLUMNS.map(([name]) => `x.${name}`).join(", ");

/**
 * A batch of validated rows held column by column (one array per stored column, in WRITE_COLUMNS
 * order): no object per row, and the arrays go to the server as they are.
 */
export class AccountBatch {
  readonly values: unknown[][] = WRITE_COLUMNS.map(() => []);
  externalIds: string[] = [];
  lost: LostAccount[] = [];
  get size(): number {
    return this.externalIds.length;
  }

  add(row: AccountRow, ownerRepId: number): void {
    const status = row.status ?? "active";
    const cells = [
      row.external_id,
      row.name,
      ownerRepId,
      row.annual_revenue,
      row.gross_profit,
      row.tier,
      status,
      row.cadence_days,
      row.customer_since,
      row.last_contact_at?.toISOString(),
      row.last_order_at,
      row.avg_order_interval_days,
      row.contact_name,
      row.contact_email,
      row.contact_phone,
    ];
    this.values.forEach((column, i) => {
      column.push(cells[i]);
    });
    this.externalIds.push(row.external_id);
    if (status === "lost") {
      this.lost.push({
        externalId: row.external_id,
        lostOn: row.lost_on ?? null,
        reason: row.lost_reason ?? null,
      });
    }
  }
}

/**
 * The upsert of an import whose file has the columns `header` (a missing column leaves stored
 * values as they are): it writes one batch and returns how many accounts it inserted and updated.
 */
export function accountUpserter(
  tx: Tx,
  workspaceId: number,
  header: readonly string[],
): (rows: AccountBatch) => Promise<{ inserted: number; updated: number }> {
  const { set, changed } = changedAssignments(
    "a",
    header.flatMap((c) => ASSIGNMENTS[c] ?? []),
  );
  return (rows) => {
    const columns = WRITE_COLUMNS.map(([name, type], i) => [name, type, rows.values[i] ?? []] as const);
    return countUpsert(
      tx,
      sql`insert into accounts as a (workspace_id, ${sql.raw(INSERT_COLUMNS)})
          select ${workspaceId}, ${sql.raw(SELECT_COLUMNS)} from ${unnestColumns(columns)}
          on conflict (workspace_id, external_id) do update set ${set} where ${changed}
          returning (xmax = 0) as inserted`,
    );
  };
}

/** An account a file (or a sync) says is lost: when and why, when it says so. */
export interface LostAccount {
  externalId: string;
  lostOn: string | null;
  reason: string | null;
}

/**
 * A lost account gets a departure (the departed folder) unless one is already open: its reason
 * and date (today and "imported as lost" when not given), its tenure, and an exit interview by
 * someone not involved: the owner's manager, else the workspace's first other rep (as for
 * `/retention lost`; planner rule 9 then asks for win-backs every 90 days).
 */
export async function openDepartures(
  tx: Tx,
  workspaceId: number,
  lost: LostAccount[],
  today: string,
): Promise<void> {
  if (lost.length === 0) return;
  const input = unnestColumns([
    ["external_id", "text", lost.map((l) => l.externalId)],
    ["lost_on", "date", lost.map((l) => l.lostOn)],
    ["reason", "text", lost.map((l) => l.reason)],
  ]);
  await tx.execute(
    sql`insert into departures (workspace_id, account_id, reason, lost_on, tenure_days, exit_interview_rep_id)
        select a.workspace_id, a.id, coalesce(x.reason, 'imported as lost'), d.lost_on,
               case when a.customer_since is null then null else greatest(0, d.lost_on - a.customer_since) end,
               coalesce(
                 case when o.manager_id <> o.id then o.manager_id end,
                 (select r.id from reps r where r.workspace_id = a.workspace_id and r.id <> a.owner_rep_id
                  order by r.id limit 1)
               )
        from ${input}
        join accounts a on a.workspace_id = ${workspaceId} and a.external_id = x.external_id
        join reps o on o.id = a.owner_rep_id
        cross join lateral (select coalesce(x.lost_on, ${today}::date) as lost_on) d
        where a.status = 'lost'
          and not exists (select 1 from departures e where e.account_id = a.id and e.won_back_at is null)`,
  );
}
