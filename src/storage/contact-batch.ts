/**
 * What a batch of contacts changes besides the account's last contact (see checkin-import.ts's
 * `applyContactEffects`), set-based as one contact at a time does it in log-check-in.ts: the
 * rep's promises due by the end of the contact's local day are kept, and the open picks of the
 * account in the nudge of the contact's local day are done.
 */
import { sql } from "drizzle-orm";
import { recordset } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";

export interface BatchContact {
  checkInId: number;
  accountId: number;
  repId: number;
  at: Date;
}

const ZONE = sql.raw("coalesce(r.timezone, w.settings->>'timezone', 'UTC')");

function contactRows(contacts: BatchContact[]) {
  return recordset(
    contacts.map((c) => ({
      checkin_id: c.checkInId,
      account_id: c.accountId,
      rep_id: c.repId,
      at: c.at.toISOString(),
    })),
    "checkin_id int, account_id int, rep_id int, at timestamptz",
  );
}

/** Keeps each rep's open promises to the account due by the end of a contact's local day. */
export async function keepPromisesOfContacts(tx: Tx, contacts: BatchContact[]): Promise<number> {
  if (contacts.length === 0) return 0;
  const kept = await queryRows<{ id: number }>(
    tx,
    sql`with c as (
          select x.account_id, x.rep_id, x.at,
                 (date_trunc('day', x.at at time zone ${ZONE}) + interval '1 day') at time zone ${ZONE} as until
          from ${contactRows(contacts)}
          join reps r on r.id = x.rep_id
          join workspaces w on w.id = r.workspace_id
        )
        update promises p set status = 'kept', kept_at = k.at
        from (
          select p2.id, min(c.at) as at from promises p2
          join c on c.account_id = p2.account_id and c.rep_id = p2.rep_id and p2.due_at < c.until
          where p2.status = 'open'
          group by p2.id
        ) k
        where p.id = k.id
        returning p.id`,
  );
  return kept.length;
}

/**
 * Marks done the open picks of the contacts' accounts in the nudges of the contacts' local days
 * (the nudge's rep's day); returns the nudges that changed, so that their messages are updated.
 */
export async function finishPicksOfContacts(
  tx: Tx,
  workspaceId: number,
  contacts: BatchContact[],
): Promise<number[]> {
  if (contacts.length === 0) return [];
  const changed = await queryRows<{ nudge_id: number }>(
    tx,
    sql`update picks p
           set status = 'done', done_at = c.at, done_by_rep_id = c.rep_id, checkin_id = c.checkin_id
          from (
            select distinct on (p2.id) p2.id as pick_id, x.checkin_id, x.at, x.rep_id
            from ${contactRows(contacts)}
            join picks p2 on p2.account_id = x.account_id and p2.workspace_id = ${workspaceId} and p2.status = 'open'
            join nudges n on n.id = p2.nudge_id
            join reps r on r.id = n.rep_id
            join workspaces w on w.id = n.workspace_id
            where n.local_date = (x.at at time zone ${ZONE})::date
            order by p2.id, x.at
          ) c
         where p.id = c.pick_id
         returning p.nudge_id`,
  );
  return [...new Set(changed.map((r) => r.nudge_id))];
}
