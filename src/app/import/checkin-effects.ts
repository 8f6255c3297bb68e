import { sql } from "drizzle-orm";
import type { Tx } from "../../storage/database.js";
import { recordset } from "../../storage/batch-sql.js";

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
}
