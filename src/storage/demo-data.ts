/**
 * What the demo adds beyond its CSV files (promises, snoozes, departures' details),
 * keyed by external ids and emails; each write is skipped when already there, so a rerun adds nothing.
 */
import { sql } from "drizzle-orm";
import { queryRows, type Tx } from "./database.js";

export interface DemoPromise {
  accountExternalId: string;
  repEmail: string;
  dueAt: Date;
  what: string;
}

export interface DemoSnooze {
  accountExternalId: string;
  repEmail: string;
  until: string;
}

export interface DemoDeparture {
  accountExternalId: string;
  reason: string;
  lostOn: string;
  exitInterview: { repEmail: string; at: Date; note: string } | null;
  lastWinBackAt: Date | null;
}

/** Adds each promise unless its account already has one with the same text; returns how many it added. */
export async function addPromises(
  tx: Tx,
  workspaceId: number,
  promises: readonly DemoPromise[],
): Promise<number> {
  let added = 0;
  for (const p of promises) {
    const rows = await queryRows(
      tx,
      sql`insert into promises (workspace_id, account_id, rep_id, due_at, what)
          select a.workspace_id, a.id, r.id, ${p.dueAt.toISOString()}::timestamptz, ${p.what}
          from accounts a join reps r on r.workspace_id = a.workspace_id and r.email = ${p.repEmail}
          where a.workspace_id = ${workspaceId} and a.external_id = ${p.accountExternalId}
            and not exists (select 1 from promises x where x.account_id = a.id and x.what = ${p.what})
          returning id`,
    );
    added += rows.length;
  }
  return added;
}

/** Adds each snooze unless its account already has one; returns how many it added. */
export async function addSnoozes(
  tx: Tx,
  workspaceId: number,
  snoozes: readonly DemoSnooze[],
): Promise<number> {
  let added = 0;
  for (const s of snoozes) {
    const rows = await queryRows(
      tx,
      sql`insert into snoozes (workspace_id, account_id, rep_id, until)
          select a.workspace_id, a.id, r.id, ${s.until}::date
          from accounts a join reps r on r.workspace_id = a.workspace_id and r.email = ${s.repEmail}
          where a.workspace_id = ${workspaceId} and a.external_id = ${s.accountExternalId}
            and not exists (select 1 from snoozes x where x.account_id = a.id)
          returning id`,
    );
    added += rows.length;
  }
  return added;
}

/**
 * The import opened a departure per lost account; this gives each a reason, a date and its
 * follow-ups (when they differ). Returns how many it changed. */
export async function describeDepartures(
  tx: Tx,
  workspaceId: number,
  departures: readonly DemoDeparture[],
): Promise<number> {
  let updated = 0;
  for (const d of departures) {
    const rows = await queryRows(
      tx,
      sql`update departures d
          set reason = ${d.reason}, lost_on = ${d.lostOn}::date,
              tenure_days = case when a.customer_since is null then null else ${d.lostOn}::date - a.customer_since end,
              exit_interview_rep_id = (select id from reps where workspace_id = ${workspaceId} and email = ${d.exitInterview?.repEmail ?? null}),
              exit_interview_at = ${d.exitInterview?.at.toISOString() ?? null}::timestamptz,
              exit_interview_note = ${d.exitInterview?.note ?? null},
              last_win_back_at = ${d.lastWinBackAt?.toISOString() ?? null}::timestamptz
          from accounts a
          where d.account_id = a.id and a.workspace_id = ${workspaceId} and a.external_id = ${d.accountExternalId}
            and d.won_back_at is null
            and (d.reason, d.lost_on, d.exit_interview_at, d.last_win_back_at) is distinct from
                (${d.reason}, ${d.lostOn}::date, ${d.exitInterview?.at.toISOString() ?? null}::timestamptz,
                 ${d.lastWinBackAt?.toISOString() ?? null}::timestamptz)
          returning d.id`,
    );
    updated += rows.length;
  }
  return updated;
}
