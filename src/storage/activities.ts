/**
 * The activities ledger and what a batch of activities writes, set-based (a few statements per
 * batch, whatever its size): each (source, external id) is recorded once; the new contacts become
 * check-ins and move their account's last contact (and review, for a meeting); the new orders move
 * its last order.
 */
import { sql } from "drizzle-orm";
import type { CheckInChannel } from "../domain/planner/types.js";
import { arrayLiteral, unnestColumns } from "./batch-sql.js";
import { contactEffectsCtes } from "./contact-batch.js";
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

/** A check-in a batch logged (returned for the contacts with lost accounts only). */
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
  /** The nudges whose picks the new contacts marked done (their messages are to be redrawn). */
  nudgeIds: number[];
  /** The check-ins logged for accounts of `lostAccountIds` (their departures are touched one by one). */
  lostContacts: LoggedContact[];
}

/**
 * Records the activities not seen before (by workspace, source and external id) in one statement:
 * the ledger; a check-in for each new contact (its `source` `checkInSource`, its `origin` the
 * activity's source); each account's last contact, review and order moved forward; the rep's
 * promises due by the end of the contact's local day kept; today's open picks of the account done.
 */
export async function recordActivities(
  tx: Tx,
  workspaceId: number,
  rows: ActivityWrite[],
  checkInSource: "api" | "crm",
  lostAccountIds: readonly number[] = [],
): Promise<RecordedActivities> {
  if (rows.length === 0) return { inserted: 0, nudgeIds: [], lostContacts: [] };
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
  const [result] = await queryRows<{ inserted: number; nudge_ids: number[]; lost: RawContact[] }>(
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
          returning id, id as checkin_id, account_id, rep_id, at, channel, note
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
        ),
        ${contactEffectsCtes(workspaceId, sql`ci`)}
        select (select count(*) from ins)::int as inserted,
               (select coalesce(array_agg(distinct nudge_id), '{}') from done) as nudge_ids,
               (select coalesce(json_agg(ci), '[]'::json) from ci
                 where ci.account_id = any(${arrayLiteral(lostAccountIds)}::int[])) as lost,
               (select count(*) from acc)::int as accounts,
               (select count(*) from kept)::int as kept`,
  );
  const lostContacts = (result?.lost ?? []).map((c) => ({
    checkInId: c.id,
    accountId: c.account_id,
    repId: c.rep_id,
    at: new Date(c.at),
    channel: c.channel,
    note: c.note,
  }));
  return { inserted: result?.inserted ?? 0, nudgeIds: (result?.nudge_ids ?? []).map(Number), lostContacts };
}

interface RawContact {
  id: number;
  account_id: number;
  rep_id: number;
  at: string;
  channel: CheckInChannel;
  note: string | null;
}

/** The workspace's accounts with these external ids (id, owner, status) and its reps by lower-cased email, in one round trip. */
export async function findActivityTargets(
  tx: Tx,
  workspaceId: number,
  externalIds: readonly string[],
): Promise<{
  accounts: Map<string, { id: number; ownerRepId: number; status: "active" | "lost" }>;
  reps: Map<string, number>;
}> {
  const ids = [...new Set(externalIds)];
  const [row] = await queryRows<{ accounts: [string, number, number, string][]; reps: [string, number][] }>(
    tx,
    sql`select
          (select coalesce(json_agg(json_build_array(external_id, id, owner_rep_id, status)), '[]'::json)
             from accounts where workspace_id = ${workspaceId}
              and external_id = any(${arrayLiteral(ids)}::text[])) as accounts,
          (select coalesce(json_agg(json_build_array(lower(email), id)), '[]'::json)
             from reps where workspace_id = ${workspaceId}) as reps`,
  );
  return {
    accounts: new Map(
      (row?.accounts ?? []).map(([externalId, id, ownerRepId, status]) => [
        externalId,
        { id, ownerRepId, status: status === "lost" ? "lost" : "active" },
      ]),
    ),
    reps: new Map(row?.reps ?? []),
  };
}
