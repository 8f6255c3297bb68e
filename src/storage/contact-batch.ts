/**
 * What a batch of contacts changes besides the account's last contact (see checkin-import.ts's
 * `applyContactEffects`), set-based as one contact at a time does it in log-check-in.ts: the
 * rep's promises due by the end of the contact's local day are kept, and the open picks of the
 * account in the nudge of the contact's local day are done.
 */
import { type SQL, sql } from "drizzle-orm";

const ZONE = sql.raw("coalesce(r.timezone, w.settings->>'timezone', 'UTC')");

/**
 * Two CTEs of a batch statement over the relation `contacts` (columns checkin_id, account_id,
 * rep_id, at): `kept` keeps each rep's open promises to the account due by the end of a contact's
 * local day; `done` marks done the open picks of the contacts' accounts in the nudges of the
 * contacts' local days (the nudge's rep's day) and returns their nudge ids, so that the messages
 * are updated. Written as CTEs so that the activities batch is one statement.
 */
export function contactEffectsCtes(workspaceId: number, contacts: SQL): SQL {
  return sql`kept as (
          update promises p set status = 'kept', kept_at = k.at
          from (
            select p2.id, min(c.at) as at
            from ${contacts} c
            join reps r on r.id = c.rep_id
            join workspaces w on w.id = r.workspace_id
            join promises p2 on p2.account_id = c.account_id and p2.rep_id = c.rep_id and p2.status = 'open'
             and p2.due_at < (date_trunc('day', c.at at time zone ${ZONE}) + interval '1 day') at time zone ${ZONE}
            group by p2.id
          ) k
          where p.id = k.id
          returning p.id
        ),
        done as (
          update picks p
             set status = 'done', done_at = c.at, done_by_rep_id = c.rep_id, checkin_id = c.checkin_id
            from (
              select distinct on (p2.id) p2.id as pick_id, x.checkin_id, x.at, x.rep_id
              from ${contacts} x
              join picks p2 on p2.account_id = x.account_id and p2.workspace_id = ${workspaceId} and p2.status = 'open'
              join nudges n on n.id = p2.nudge_id
              join reps r on r.id = n.rep_id
              join workspaces w on w.id = n.workspace_id
              where n.local_date = (x.at at time zone ${ZONE})::date
              order by p2.id, x.at
            ) c
           where p.id = c.pick_id
           returning p.nudge_id
        )`;
}
