import { sql } from "drizzle-orm";
import { type RepRow, repRowSchema } from "../../domain/csv/rep-row.js";
import { type RowError, rowErrorsFromZod } from "../../domain/csv/row-errors.js";
import { queryRows, type Tx } from "../../storage/database.js";
import { changedAssignments, recordset } from "../../storage/batch-sql.js";
import { BATCH_SIZE, type ImportState, type KindImporter } from "./import-state.js";
import { type KnownRep, loadRepDirectory } from "./rep-directory.js";
import type { CsvRecord } from "./types.js";

const ASSIGNMENTS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  name: [["name", "excluded.name"]],
  timezone: [["timezone", "excluded.timezone"]],
  role: [["role", "excluded.role"]],
  slack_user_id: [["slack_user_id", "excluded.slack_user_id"]],
  teams_user_id: [["teams_user_id", "excluded.teams_user_id"]],
  handful: [["handful", "excluded.handful"]],
  nudge_hour: [["nudge_hour", "excluded.nudge_hour"]],
};

type Outcome = "inserted" | "updated" | "unchanged";

/**
 * Upserts reps by (workspace, email). Unlike the other kinds the rows are kept until the end of
 * the file: a rep's manager may appear further down, and a reps file holds hundreds of rows.
 */
export async function createRepImporter(
  tx: Tx,
  workspaceId: number,
  state: ImportState,
  header: readonly string[],
): Promise<KindImporter> {
  const known = await loadRepDirectory(tx, workspaceId);
  const rows: Array<RepRow & { line: number }> = [];
  const firstLineOf = new Map<string, number>();

  async function finish(): Promise<void> {
    const valid = rows.filter((row) => {
      const errors = crossRowErrors(row, firstLineOf, known, rows);
      state.reject(errors);
      return errors.length === 0;
    });
    if (valid.length === 0 || !state.writing) return;
    const outcomes = new Map<string, Outcome>();
    for (let i = 0; i < valid.length; i += BATCH_SIZE) {
      await upsertReps(tx, workspaceId, valid.slice(i, i + BATCH_SIZE), header, outcomes);
    }
    if (header.includes("manager_email")) {
      for (const email of await assignManagers(tx, workspaceId, valid)) {
        if (outcomes.get(email) === "unchanged") outcomes.set(email, "updated");
      }
    }
    for (const outcome of outcomes.values()) state.counts[outcome] += 1;
  }

  return {
    async add(record: CsvRecord) {
      if (record.error) return state.reject([record.error]);
      const parsed = repRowSchema.safeParse(record.cells);
      if (!parsed.success) return state.reject(rowErrorsFromZod(record.line, parsed.error));
      const first = firstLineOf.get(parsed.data.email);
      if (first !== undefined) {
        return state.reject([
          {
            line: record.line,
            column: "email",
            problem: `${parsed.data.email} appears again (first on line ${first})`,
          },
        ]);
      }
      firstLineOf.set(parsed.data.email, record.line);
      rows.push({ ...parsed.data, line: record.line });
    },
    finish,
  };
}

/** Checks that need the whole file: the manager exists, chat identities belong to one rep only. */
function crossRowErrors(
  row: RepRow & { line: number },
  inFile: Map<string, number>,
  known: Map<string, KnownRep>,
  all: ReadonlyArray<RepRow & { line: number }>,
): RowError[] {
  const errors: RowError[] = [];
  if (row.manager_email && !inFile.has(row.manager_email) && !known.has(row.manager_email)) {
    errors.push({
      line: row.line,
      column: "manager_email",
      problem: `no rep has the email ${row.manager_email}; add the manager to this file or fix the email`,
    });
  }
  for (const [column, key] of [
    ["slack_user_id", "slackUserId"],
    ["teams_user_id", "teamsUserId"],
  ] as const) {
    const id = row[column];
    if (!id) continue;
    const earlier = all.find((other) => other[column] === id && other.line < row.line);
    const holder = [...known.values()].find((k) => k[key] === id && k.email.toLowerCase() !== row.email);
    const holderKeepsIt = holder && !all.some((other) => other.email === holder.email.toLowerCase());
    if (earlier) {
      errors.push({ line: row.line, column, problem: `${id} is already given to line ${earlier.line}` });
    } else if (holder && holderKeepsIt) {
      errors.push({ line: row.line, column, problem: `${id} already belongs to ${holder.email}` });
    }
  }
  return errors;
}

async function upsertReps(
  tx: Tx,
  workspaceId: number,
  rows: ReadonlyArray<RepRow>,
  header: readonly string[],
  outcomes: Map<string, Outcome>,
): Promise<void> {
  const { set, changed } = changedAssignments(
    "r",
    header.flatMap((c) => ASSIGNMENTS[c] ?? []),
  );
  const payload = rows.map((r) => ({
    email: r.email,
    name: r.name,
    timezone: r.timezone,
    role: r.role ?? "rep",
    slack_user_id: r.slack_user_id,
    teams_user_id: r.teams_user_id,
    handful: r.handful,
    nudge_hour: r.nudge_hour,
  }));
  const written = await queryRows<{ email: string; inserted: boolean }>(
    tx,
    sql`insert into reps as r (workspace_id, email, name, timezone, role, slack_user_id, teams_user_id, handful, nudge_hour)
        select ${workspaceId}, x.email, x.name, x.timezone, x.role, x.slack_user_id, x.teams_user_id, x.handful, x.nudge_hour
        from ${recordset(payload, "email text, name text, timezone text, role text, slack_user_id text, teams_user_id text, handful int2, nudge_hour int2")}
        on conflict (workspace_id, email) do update set ${set} where ${changed}
        returning r.email, (xmax = 0) as inserted`,
  );
  for (const r of rows) outcomes.set(r.email, "unchanged");
  for (const w of written) outcomes.set(w.email, w.inserted ? "inserted" : "updated");
}

/** Sets each rep's manager once every rep of the file exists; returns the reps whose manager changed. */
async function assignManagers(tx: Tx, workspaceId: number, rows: ReadonlyArray<RepRow>): Promise<string[]> {
  const payload = rows.map((r) => ({ email: r.email, manager_email: r.manager_email ?? null }));
  const changedRows = await queryRows<{ email: string }>(
    tx,
    sql`update reps r set manager_id = m.id, updated_at = now()
        from ${recordset(payload, "email text, manager_email text")}
        left join reps m on m.workspace_id = ${workspaceId} and lower(m.email) = x.manager_email
        where r.workspace_id = ${workspaceId} and r.email = x.email and r.manager_id is distinct from m.id
        returning r.email`,
  );
  return changedRows.map((r) => r.email);
}
