/**
 * Ignored picks (issue 13 item 3) and what the effectiveness report reads: a delivered pick still
 * open once its day is over is marked ignored by the minute pass, in one set statement per
 * workspace; the escalation and the report read them back grouped by account or by kind and rep.
 */
import { sql } from "drizzle-orm";
import type { PickKind } from "../domain/planner/types.js";
import { accountTierSql } from "./account-tier.js";
import { queryRows, type Tx } from "./database.js";

/**
 * How far back the minute pass looks for picks to mark: a service down longer loses only the flag.
 * The pass reads the partial index of open, unmarked picks (`picks_unmarked_idx`), which holds
 * little more than today's picks once older ones are marked.
 */
const LOOKBACK_DAYS = 14;

function intArray(ids: readonly number[]) {
  return sql`${`{${ids.join(",")}}`}::int[]`;
}

/**
 * Marks ignored, in one statement, the open picks of sent nudges whose local date is over in the
 * rep's zone (`clocks` holds today's local date per zone). Idempotent: a marked pick is left alone.
 * Returns how many picks were marked.
 */
export async function markIgnoredPicks(
  db: Tx,
  input: {
    workspaceId: number;
    defaultZone: string;
    clocks: readonly { zone: string; localDate: string }[];
    now: Date;
  },
): Promise<number> {
  if (input.clocks.length === 0) return 0;
  const clocks = JSON.stringify(input.clocks.map((c) => ({ zone: c.zone, local_date: c.localDate })));
  // Constant bounds as well, so that the scan is a range of the (workspace, date) index.
  const dates = input.clocks.map((c) => c.localDate).sort();
  const [first, last] = [dates[0]!, dates.at(-1)!];
  const rows = await queryRows<{ n: number }>(
    db,
    sql`
    with clock as (
      select * from json_to_recordset(${clocks}::json) as c(zone text, local_date date)
    ),
    marked as (
      update picks p set ignored_at = ${input.now.toISOString()}::timestamptz
      from nudges n
      join reps r on r.id = n.rep_id
      join clock c on c.zone = coalesce(r.timezone, ${input.defaultZone}::text)
      where p.workspace_id = ${input.workspaceId}
        and p.status = 'open'
        and p.ignored_at is null
        and n.id = p.nudge_id
        and n.status = 'sent'
        and n.local_date < c.local_date
        and n.local_date >= c.local_date - ${LOOKBACK_DAYS}::int
        and n.local_date >= ${first}::date - ${LOOKBACK_DAYS}::int
        and n.local_date < ${last}::date
      returning p.id
    )
    select count(*)::int as n from marked`,
  );
  return rows[0]?.n ?? 0;
}

/**
 * The active A accounts owned by `repIds` with picks ignored (planner rule 17) on local dates from
 * `since` on: each with the dates, to count working days since its last contact.
 */
export async function listIgnoredDaysOfAAccounts(
  db: Tx,
  workspaceId: number,
  repIds: readonly number[],
  since: string,
): Promise<{ accountId: number; days: string[] }[]> {
  if (repIds.length === 0) return [];
  return queryRows<{ accountId: number; days: string[] }>(
    db,
    sql`
    select p.account_id as "accountId", array_agg(distinct n.local_date::text order by n.local_date::text) as days
    from picks p join nudges n on n.id = p.nudge_id join accounts a on a.id = p.account_id
    where p.workspace_id = ${workspaceId}
      and a.owner_rep_id = any(${intArray(repIds)}) and a.status = 'active' and ${accountTierSql()} = 'A'
      and p.ignored_at is not null and p.status = 'open'
      and n.local_date >= ${since}::date
    group by p.account_id`,
  );
}

export interface PickOutcomeRow {
  repId: number;
  kind: PickKind;
  status: "open" | "done" | "snoozed" | "skipped";
  localDate: string;
  delivered: boolean;
  lastOrderAt: string | null;
}

/** The picks of `repIds`' nudges from `since` (a local date) on, with whether they were delivered. */
export async function listPickOutcomes(
  db: Tx,
  workspaceId: number,
  repIds: readonly number[],
  since: string,
): Promise<PickOutcomeRow[]> {
  if (repIds.length === 0) return [];
  return queryRows<PickOutcomeRow>(
    db,
    sql`
    select n.rep_id as "repId", p.kind, p.status, n.local_date::text as "localDate",
      (n.status = 'sent') as delivered, a.last_order_at::text as "lastOrderAt"
    from nudges n
    join picks p on p.nudge_id = n.id
    join accounts a on a.id = p.account_id
    where n.workspace_id = ${workspaceId}
      and n.rep_id = any(${intArray(repIds)})
      and n.local_date >= ${since}::date`,
  );
}
