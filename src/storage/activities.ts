/**
 * The activities ledger and what a batch of activities writes, set-based (a few statements per
 * batch, whatever its size): each (source, external id) is recorded once; the new contacts become
 * check-ins and move their account's last contact (and review, for a meeting); the new orders move
 * its last order.
 */
import { sql } from "drizzle-orm";
import type { CheckInChannel } from "../domain/planner/types.js";
import { arrayLiteral, unnestColumns } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";

/** An activity as a batch write carries it, its account and rep resolved. */
export interface ActivityWrite {
  source: string;
  externalId: string;
  accountId: number;
  repId: number;
  kind: "call" | "email" | "meeting" | "note" | "order";
  /** ISO 8601 instant. */
  at: string;
  summary: string | null;
  /** For an order: its calendar date as the sender wrote it (YYYY-MM-DD). */
  orderDay: string | null;
}

/** A check-in a batch logged. */
export interface LoggedContact {
  checkInId: number;
  accountId: number;
  repId: number;
  at: Date;
  channel: CheckInChannel;
  note: string | null;
}

export interface RecordedActivities {
  /** How many activities of the batch were new. */
  inserted: number;
  /** The check-ins logged for the new contacts. */
  contacts: LoggedContact[];
}

/**
 * Records the activities not seen before (by workspace, source and external id) in one statement:
 * the ledger, a check-in for each new contact (its `source` `checkInSource`, its `origin` the
 * activity's source), and each account's last order moved forward to its newest new order.
 */
export async function recordActivities(
  tx: Tx,
  workspaceId: number,
  rows: ActivityWrite[],
  checkInSource: "api" | "crm",
): Promise<RecordedActivities> {
  if (rows.length === 0) return { inserted: 0, contacts: [] };
  const input = unnestColumns([
    ["source", "text", rows.map((r) => r.source)],
    ["external_id", "text", rows.map((r) => r.externalId)],
    ["account_id", "int", rows.map((r) => r.accountId)],
    ["rep_id", "int", rows.map((r) => r.repId)],
    ["kind", "text", rows.map((r) => r.kind)],
    ["at", "timestamptz", rows.map((r) => r.at)],
    ["summary", "text", rows.map((r) => r.summary)],
    ["order_day", "date", rows.map((r) => r.orderDay)],
  ]);
  const [result] = await queryRows<{ inserted: number; contacts: RawContact[] }>(
    tx,
    sql`with input as (select * from ${input}),
        ins as (
          insert into activities (workspace_id, source, external_id, account_id, rep_id, kind, at, summary)
          select ${workspaceId}, source, external_id, account_id, rep_id, kind, at, summary from input
          on conflict (workspace_id, source, external_id) do nothing
          returning source, external_id, account_id, rep_id, kind, at, summary
        ),
        ci as (
          insert into checkins (workspace_id, account_id, rep_id, at, channel, note, source, origin)
          select ${workspaceId}, account_id, rep_id, at,
                 case kind when 'note' then 'other' else kind end, summary, ${checkInSource}, source
          from ins where kind <> 'order'
          returning id, account_id, rep_id, at, channel, note
        ),
        -- One update of each account for the whole batch (a row may be updated once per statement):
        -- the latest contact moves the last contact, the latest meeting the last review (as
        -- applyContactEffects and domain/outcomes/contact.ts decide one at a time), the latest
        -- order the last order; none of them ever moves back.
        latest as (
          select distinct on (account_id) account_id, at, channel, note from ci order by account_id, at desc
        ),
        per_account as (
          select i.account_id,
                 max(x.order_day) filter (where x.kind = 'order') as order_day,
                 max(i.at) filter (where i.kind = 'meeting') as review_at
          from ins i join input x on x.source = i.source and x.external_id = i.external_id
          group by i.account_id
        ),
        acc as (
          update accounts a set
            last_order_at = greatest(a.last_order_at, p.order_day),
            last_review_at = greatest(a.last_review_at, p.review_at),
            last_contact_at = case when l.at is not null and (a.last_contact_at is null or a.last_contact_at <= l.at)
                                   then l.at else a.last_contact_at end,
            last_channel = case when l.at is not null and (a.last_contact_at is null or a.last_contact_at <= l.at)
                                then l.channel else a.last_channel end,
            last_outcome = case when l.at is not null and (a.last_contact_at is null or a.last_contact_at <= l.at)
                                then null else a.last_outcome end,
            last_note = case when l.at is not null and (a.last_contact_at is null or a.last_contact_at <= l.at)
                             then l.note else a.last_note end,
            updated_at = now()
          from per_account p left join latest l on l.account_id = p.account_id
          where a.id = p.account_id
          returning 1
        )
        select (select count(*) from ins)::int as inserted,
               (select coalesce(json_agg(ci), '[]'::json) from ci) as contacts,
               (select count(*) from acc)::int as accounts`,
  );
  const contacts = (result?.contacts ?? []).map((c) => ({
    checkInId: c.id,
    accountId: c.account_id,
    repId: c.rep_id,
    at: new Date(c.at),
    channel: c.channel,
    note: c.note,
  }));
  return { inserted: result?.inserted ?? 0, contacts };
}

interface RawContact {
  id: number;
  account_id: number;
  rep_id: number;
  at: string;
  channel: CheckInChannel;
  note: string | null;
}

/** The workspace's accounts with these external ids: id, owner and status, by external id. */
export async function findAccountsByExternalId(
  tx: Tx,
  workspaceId: number,
  externalIds: readonly string[],
): Promise<Map<string, { id: number; ownerRepId: number; status: "active" | "lost" }>> {
  const ids = [...new Set(externalIds)];
  const found = await queryRows<{ external_id: string; id: number; owner_rep_id: number; status: string }>(
    tx,
    sql`select external_id, id, owner_rep_id, status from accounts
        where workspace_id = ${workspaceId}
          and external_id = any(${arrayLiteral(ids)}::text[])`,
  );
  return new Map(
    found.map((r) => [
      r.external_id,
      { id: r.id, ownerRepId: r.owner_rep_id, status: r.status === "lost" ? "lost" : "active" },
    ]),
  );
}
