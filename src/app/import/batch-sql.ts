/**
 * Helpers for set-based batch writes: a batch travels as one JSON parameter and is unpacked with
 * `json_to_recordset`, which both PostgreSQL and PGlite run the same way.
 */
import { type SQL, sql } from "drizzle-orm";
import { queryRows, type Tx } from "../../storage/database.js";

/** `json_to_recordset($json::json) as x(<columns>)` for a batch of plain objects. */
export function recordset(rows: readonly object[], columns: string): SQL {
  return sql`json_to_recordset(${JSON.stringify(rows)}::json) as x(${sql.raw(columns)})`;
}

/** Runs an upsert whose rows return `inserted` (xmax = 0) and counts inserted and updated rows. */
export async function countUpsert(tx: Tx, upsert: SQL): Promise<{ inserted: number; updated: number }> {
  const [row] = await queryRows<{ inserted: number; updated: number }>(
    tx,
    sql`with up as (${upsert}) select count(*) filter (where inserted)::int as inserted,
        count(*) filter (where not inserted)::int as updated from up`,
  );
  return { inserted: row?.inserted ?? 0, updated: row?.updated ?? 0 };
}

/** Column, new value, and (optional) how to read the stored value for the change test. */
export type Assignment = readonly [column: string, value: string, stored?: string];

/**
 * `SET` assignments and the matching change test of an `ON CONFLICT DO UPDATE`, for the columns
 * the file actually has: a column missing from the header leaves the stored value as it is.
 */
export function changedAssignments(
  table: string,
  assignments: ReadonlyArray<Assignment>,
  options: { touchUpdatedAt: boolean } = { touchUpdatedAt: true },
): { set: SQL; changed: SQL } {
  if (assignments.length === 0) {
    return { set: sql.raw(`workspace_id = ${table}.workspace_id`), changed: sql.raw("false") };
  }
  const set = assignments.map(([c, v]) => `${c} = ${v}`).join(", ");
  const before = assignments.map(([c, , stored]) => stored ?? `${table}.${c}`).join(", ");
  const after = assignments.map(([, v]) => v).join(", ");
  return {
    set: sql.raw(options.touchUpdatedAt ? `${set}, updated_at = now()` : set),
    changed: sql.raw(`(${before}) is distinct from (${after})`),
  };
}
