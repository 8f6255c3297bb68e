import { type RepRow, repRowSchema } from "../../domain/csv/rep-row.js";
import { type RowError, rowErrorsFromZod } from "../../domain/csv/row-errors.js";
import type { Tx } from "../../storage/database.js";
import {
  assignManagers,
  type KnownRep,
  loadRepDirectory,
  type RepOutcome,
  upsertReps,
} from "../../storage/rep-import.js";
import { BATCH_SIZE, type ImportState, type KindImporter } from "./import-state.js";
import type { CsvRecord } from "./types.js";

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
    const outcomes = new Map<string, RepOutcome>();
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
