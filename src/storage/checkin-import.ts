/**
 * The check-ins table as a check-ins import writes it (one JSON batch per statement), and what a
 * batch of check-ins changes on its accounts.
 */
import { sql } from "drizzle-orm";
import { type Assignment, changedAssignments, countUpsert, recordset } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";
import { nudgeOfTheDay } from "./picks.js";

/** A check-in as a batch write carries it. */
export interface CheckinWrite {
  external_id: string | null;
  account_id: number;
  rep_id: number;
  /** ISO 8601 instant. */
  at: string;
  channel: string;
  outcome: string | null;
  note: string | null;
  /** null: keep the stored source (the file has no `source` column). */
  source: string | null;
  /** The CRM of an `api` or `crm` check-in. */
  origin?: string | null;
}

/**
 * An account's last contact moves forward to its newest check-in, when that is newer than what the
 * account already knows, and its last relationship review to its newest meeting or video call,
 * as when a rep logs them (set-based: two statements per batch).
 */
export async function applyContactEffects(tx: Tx, rows: CheckinWrite[]): Promise<void> {
  await tx.execute(
    sql`update accounts a
        set last_review_at = n.at, updated_at = now()
        from (
          select x.account_id, max(x.at) as at
          from ${recordset(rows, "account_id int, at timestamptz, channel text")}
          where x.channel in ('meeting', 'video')
          group by x.account_id
        ) n
        where a.id = n.account_id and (a.last_review_at is null or a.last_review_at < n.at)`,
  );
  await tx.execute(
    sql`update accounts a
        set last_contact_at = n.at, last_channel = n.channel, last_outcome = n.outcome, last_note = n.note,
            updated_at = now()
        from (
          select distinct on (x.account_id) x.account_id, x.at, x.channel, x.outcome, x.note
          from ${recordset(rows, "account_id int, at timestamptz, channel text, outcome text, note text")}
          order by x.account_id, x.at desc
        ) n
        where a.id = n.account_id and (a.last_contact_at is null or a.last_contact_at < n.at)`,
  );
  // An imported contact does what a logged one does to the nudges of its day: the account's open
  // picks of that local date (in the nudge's rep's zone) are done by it, with its check-in.
  await tx.execute(
    sql`update picks p
        set status = 'done', done_at = d.at, done_by_rep_id = d.rep_id, checkin_id = d.checkin_id
        from (
          select distinct on (k.id) k.id as pick_id, x.at, x.rep_id, c.id as checkin_id
          from ${recordset(rows, "account_id int, rep_id int, at timestamptz")}
          join picks k on k.account_id = x.account_id and k.status = 'open'
          join nudges n on n.id = k.nudge_id
          join reps r on r.id = n.rep_id
          join workspaces w on w.id = n.workspace_id
          left join lateral (
            select c.id from checkins c
            where c.account_id = x.account_id and c.rep_id = x.rep_id and c.at = x.at order by c.id desc limit 1
          ) c on true
          where ${nudgeOfTheDay(sql`x.at`)}
          order by k.id, x.at
        ) d
        where p.id = d.pick_id`,
  );
}

const RECORD_COLUMNS =
  "external_id text, account_id int, rep_id int, at timestamptz, channel text, outcome text, note text, source text, origin text";

/** CSV column → the stored column it sets on a check-in matched by external id. */
const ASSIGNMENTS: Record<string, ReadonlyArray<Assignment>> = {
  account_external_id: [["account_id", "excluded.account_id"]],
  rep_email: [["rep_id", "excluded.rep_id"]],
  // Times travel through files at millisecond precision; the database keeps microseconds.
  at: [["at", "excluded.at", "date_trunc('milliseconds', c.at)"]],
  channel: [["channel", "excluded.channel"]],
  outcome: [["outcome", "excluded.outcome"]],
  note: [["note", "excluded.note"]],
  source: [["source", "excluded.source"]],
  origin: [["origin", "excluded.origin"]],
};

/**
 * The upserts of an import whose file has the columns `header`: check-ins with an external id are
 * upserted by it; those without one are matched on (account, rep, time, channel). Each returns how
 * many check-ins it inserted and updated.
 */
export function checkinUpserter(
  tx: Tx,
  workspaceId: number,
  header: readonly string[],
): {
  byExternalId(rows: CheckinWrite[]): Promise<{ inserted: number; updated: number }>;
  byNaturalKey(rows: CheckinWrite[]): Promise<{ inserted: number; updated: number }>;
} {
  const byExternalId = changedAssignments(
    "c",
    header.flatMap((c) => ASSIGNMENTS[c] ?? []),
    { touchUpdatedAt: false },
  );
  return {
    byExternalId: (rows) =>
      countUpsert(
        tx,
        sql`insert into checkins as c (workspace_id, account_id, rep_id, at, channel, outcome, note, source, origin, external_id)
            select ${workspaceId}, x.account_id, x.rep_id, x.at, x.channel, x.outcome, x.note,
                   coalesce(x.source, 'import'), x.origin, x.external_id
            from ${recordset(rows, RECORD_COLUMNS)}
            on conflict (workspace_id, external_id) do update set ${byExternalId.set}
            where ${byExternalId.changed}
            returning (xmax = 0) as inserted`,
      ),
    byNaturalKey: (rows) => upsertByNaturalKey(tx, workspaceId, rows, header),
  };
}

/** The ids of the workspace's accounts with these external ids, by external id. */
export async function findAccountIdsByExternalId(
  tx: Tx,
  workspaceId: number,
  externalIds: readonly string[],
): Promise<Map<string, number>> {
  const ids = [...new Set(externalIds)];
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
          insert into checkins (workspace_id, account_id, rep_id, at, channel, outcome, note, source, origin)
          select ${workspaceId}, account_id, rep_id, at, channel, outcome, note, coalesce(source, 'import'), origin
          from matched where existing_id is null
          returning 1
        )
        select (select count(*) from inserted)::int as inserted, (select count(*) from updated)::int as updated`,
  );
  return counted ?? { inserted: 0, updated: 0 };
}
