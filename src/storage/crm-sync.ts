/**
 * What a CRM connector's sync writes besides activities: its cursors (one per workspace, source
 * and stream) and the accounts it brings (companies), upserted set-based by external id.
 */
import { sql } from "drizzle-orm";
import { unnestColumns } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";

/** The stored cursors of a source in a workspace, by stream. */
export async function loadSyncCursors(
  tx: Tx,
  workspaceId: number,
  source: string,
): Promise<Map<string, string>> {
  const rows = await queryRows<{ stream: string; cursor: string }>(
    tx,
    sql`select stream, cursor from crm_sync_cursors where workspace_id = ${workspaceId} and source = ${source}`,
  );
  return new Map(rows.map((r) => [r.stream, r.cursor]));
}

/**
 * Stores where a stream stands (after the page that reached it was committed). Cursors sort as
 * text in stream order: an older one (a slower concurrent pass, a `--full` pass) never moves it back.
 */
export async function saveSyncCursor(
  tx: Tx,
  workspaceId: number,
  source: string,
  stream: string,
  cursor: string,
): Promise<void> {
  await tx.execute(
    sql`insert into crm_sync_cursors (workspace_id, source, stream, cursor)
        values (${workspaceId}, ${source}, ${stream}, ${cursor})
        on conflict (workspace_id, source, stream) do update set cursor = excluded.cursor, updated_at = now()
        where crm_sync_cursors.cursor < excluded.cursor`,
  );
}

/** An account as a CRM holds it, its owner resolved to a rep. */
export interface CrmAccountWrite {
  externalId: string;
  name: string;
  ownerRepId: number;
  /** Null when the CRM has none: 0 for a new account, the stored value kept otherwise. */
  annualRevenue: number | null;
}

/**
 * Inserts new accounts and updates the name, owner and revenue of known ones (by external id);
 * returns the ids of the accounts inserted or changed, and how many were unchanged.
 */
export async function upsertCrmAccounts(
  tx: Tx,
  workspaceId: number,
  rows: CrmAccountWrite[],
): Promise<{ inserted: number[]; updated: number[]; unchanged: number }> {
  if (rows.length === 0) return { inserted: [], updated: [], unchanged: 0 };
  const input = unnestColumns([
    ["external_id", "text", rows.map((r) => r.externalId)],
    ["name", "text", rows.map((r) => r.name)],
    ["owner_rep_id", "int4", rows.map((r) => r.ownerRepId)],
    ["annual_revenue", "float8", rows.map((r) => r.annualRevenue)],
  ]);
  const written = await queryRows<{ id: number; inserted: boolean }>(
    tx,
    sql`insert into accounts as a (workspace_id, external_id, name, owner_rep_id, annual_revenue)
        select ${workspaceId}, x.external_id, x.name, x.owner_rep_id,
               coalesce(x.annual_revenue, e.annual_revenue, 0)
        from ${input}
        left join accounts e on e.workspace_id = ${workspaceId} and e.external_id = x.external_id
        on conflict (workspace_id, external_id) do update set
          name = excluded.name,
          owner_rep_id = excluded.owner_rep_id,
          annual_revenue = excluded.annual_revenue,
          updated_at = now()
        where (a.name, a.owner_rep_id, a.annual_revenue)
              is distinct from (excluded.name, excluded.owner_rep_id, excluded.annual_revenue)
        returning a.id, (xmax = 0) as inserted`,
  );
  const inserted = written.filter((r) => r.inserted).map((r) => r.id);
  const updated = written.filter((r) => !r.inserted).map((r) => r.id);
  return { inserted, updated, unchanged: rows.length - written.length };
}
