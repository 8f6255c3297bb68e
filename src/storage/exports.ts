/**
 * The rows of each export kind, read page by page (keyset on id) so that an export of any size
 * holds one page in memory. Values are keyed by the CSV columns.
 */
import { type SQL, sql } from "drizzle-orm";
import type { ExportKind } from "../domain/csv/columns.js";
import { queryRows, type Tx } from "./database.js";

export type ExportValue = string | number | null;
export type ExportRow = Record<string, ExportValue> & { id: number };

export const PAGE_SIZE = 1000;

/** Instants as ISO 8601 in UTC with milliseconds, the same text from PostgreSQL and PGlite. */
const iso = (column: string) =>
  sql.raw(`to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`);

export interface PageFilter {
  workspaceId: number;
  /** Only rows since this calendar date (YYYY-MM-DD) … */
  sinceDate?: string;
  /** … which starts at this instant in the workspace's zone. */
  sinceInstant?: Date;
}

export function readPage(
  tx: Tx,
  kind: ExportKind,
  filter: PageFilter,
  afterId: number,
): Promise<ExportRow[]> {
  return queryRows<ExportRow>(tx, pageQuery(kind, filter, afterId));
}

function pageQuery(kind: ExportKind, f: PageFilter, afterId: number): SQL {
  const since = f.sinceInstant?.toISOString();
  switch (kind) {
    case "accounts":
      return sql`select a.id, a.external_id, a.name, r.email as owner_email, a.annual_revenue, a.gross_profit,
          a.tier_override as tier, a.status, a.cadence_days, a.customer_since::text as customer_since,
          ${iso("a.last_contact_at")} as last_contact_at, a.last_order_at::text as last_order_at,
          a.avg_order_interval_days, a.contact_name, a.contact_email, a.contact_phone,
          dep.lost_on::text as lost_on, dep.reason as lost_reason
        from accounts a join reps r on r.id = a.owner_rep_id
        left join lateral (
          select d.lost_on, d.reason from departures d
          where a.status = 'lost' and d.account_id = a.id and d.won_back_at is null
          order by d.id desc limit 1
        ) dep on true
        where a.workspace_id = ${f.workspaceId} and a.id > ${afterId}
          ${since ? sql`and a.updated_at >= ${since}::timestamptz` : sql``}
        order by a.id limit ${PAGE_SIZE}`;
    case "checkins":
      return sql`select c.id, c.external_id, a.external_id as account_external_id, r.email as rep_email,
          ${iso("c.at")} as at, c.channel, c.outcome, c.note, c.source, c.origin
        from checkins c join accounts a on a.id = c.account_id join reps r on r.id = c.rep_id
        where c.workspace_id = ${f.workspaceId} and c.id > ${afterId}
          ${since ? sql`and c.at >= ${since}::timestamptz` : sql``}
        order by c.id limit ${PAGE_SIZE}`;
    case "departed":
      return sql`select d.id, a.external_id, a.name, r.email as owner_email, d.reason, d.lost_on::text as lost_on,
          d.tenure_days, ${iso("d.exit_interview_at")} as exit_interview_at,
          ${iso("d.last_win_back_at")} as last_win_back_at, ${iso("d.won_back_at")} as won_back_at
        from departures d join accounts a on a.id = d.account_id join reps r on r.id = a.owner_rep_id
        where d.workspace_id = ${f.workspaceId} and d.id > ${afterId}
          ${f.sinceDate ? sql`and d.lost_on >= ${f.sinceDate}::date` : sql``}
        order by d.id limit ${PAGE_SIZE}`;
  }
}
