import { sql } from "drizzle-orm";
import { localDate } from "../../domain/time.js";
import { type Db, queryRows, type Tx } from "../../storage/database.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { importRecords } from "../import/import-records.js";
import type { CsvRecord, ImportResult } from "../import/types.js";
import { buildDemoBook, type DemoBook } from "./demo-book.js";
import { DEMO_REPS, repsCsvRows } from "./demo-reps.js";

export interface DemoSummary {
  reps: ImportResult;
  accounts: ImportResult;
  checkins: ImportResult;
  promisesAdded: number;
  snoozesAdded: number;
  departuresUpdated: number;
}

/**
 * Loads the demo workspace through the import code paths (the same validation and upserts as a
 * CSV file), then adds what files do not carry: working weeks, promises, snoozes and the
 * departed folder's details. Running it again changes nothing.
 */
export async function loadDemo(db: Db, workspaceId: number, now: Date): Promise<DemoSummary> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const book = buildDemoBook(localDate(now, workspace.settings.timezone));
  const reps = await importRows(db, workspaceId, "reps", repsCsvRows(), now);
  const accounts = await importRows(db, workspaceId, "accounts", book.accounts, now);
  const checkins = await importRows(db, workspaceId, "checkins", book.checkins, now);
  return db.transaction(async (tx) => {
    for (const rep of DEMO_REPS.filter((r) => r.workingDays)) {
      await tx.execute(
        sql`update reps set working_days = ${`{${rep.workingDays!.join(",")}}`}::smallint[]
            where workspace_id = ${workspaceId} and email = ${rep.email}
              and working_days is distinct from ${`{${rep.workingDays!.join(",")}}`}::smallint[]`,
      );
    }
    return {
      reps,
      accounts,
      checkins,
      promisesAdded: await addPromises(tx, workspaceId, book),
      snoozesAdded: await addSnoozes(tx, workspaceId, book),
      departuresUpdated: await describeDepartures(tx, workspaceId, book),
    };
  });
}

async function importRows(
  db: Db,
  workspaceId: number,
  kind: "reps" | "accounts" | "checkins",
  rows: Record<string, string>[],
  now: Date,
): Promise<ImportResult> {
  const header = Object.keys(rows[0] ?? {});
  async function* records(): AsyncGenerator<CsvRecord> {
    for (const [i, cells] of rows.entries()) yield { line: i + 2, cells };
  }
  const result = await importRecords(db, workspaceId, kind, header, records(), { now });
  if (result.outcome !== "written") {
    // The demo data is generated: an invalid row is a bug in the generator, not user input.
    throw new Error(
      `demo ${kind} rejected: ${result.errors
        .slice(0, 3)
        .map((e) => `line ${e.line}: ${e.column}: ${e.problem}`)
        .join("; ")}`,
    );
  }
  return result;
}

async function addPromises(tx: Tx, workspaceId: number, book: DemoBook): Promise<number> {
  let added = 0;
  for (const p of book.promises) {
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

async function addSnoozes(tx: Tx, workspaceId: number, book: DemoBook): Promise<number> {
  let added = 0;
  for (const s of book.snoozes) {
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

/** The import opened a departure per lost account; the demo gives each a reason, a date and its follow-ups. */
async function describeDepartures(tx: Tx, workspaceId: number, book: DemoBook): Promise<number> {
  let updated = 0;
  for (const d of book.departures) {
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
