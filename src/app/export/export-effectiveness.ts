/**
 * `retention export effectiveness`: which nudges work (issue 13 item 5) as CSV or JSON, one row
 * per kind of pick for the workspace (`rep_email` empty) and per kind and rep.
 */
import { stringify } from "csv-stringify/sync";
import { neutraliseFormula } from "../../domain/csv/formula.js";
import type { Db } from "../../storage/database.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { loadReps } from "../reports/book-scope.js";
import { effectivenessReport } from "../reports/effectiveness-report.js";

export const EFFECTIVENESS_COLUMNS = [
  "since",
  "until",
  "kind",
  "rep_email",
  "rep_name",
  "delivered",
  "acted_on",
  "ignored",
  "reordered",
  "too_noisy_settings",
] as const;

/** The export as text; `since` (YYYY-MM-DD) replaces the four weeks. Returns the text and its row count. */
export async function exportEffectiveness(
  db: Db,
  workspaceId: number,
  options: { format: "csv" | "json"; since?: string; now: Date },
): Promise<{ text: string; rows: number }> {
  const workspace = await getWorkspace(db, workspaceId);
  if (!workspace) throw new Error(`workspace ${workspaceId} does not exist`);
  const reps = await loadReps(db, workspaceId, workspace.settings);
  const report = await effectivenessReport(
    db,
    workspaceId,
    workspace.settings,
    options.now,
    reps,
    options.since,
  );
  const rows = report.rows.map((r) => ({
    since: report.since,
    until: report.today,
    kind: r.kind,
    rep_email: r.repEmail,
    rep_name: r.repEmail === null ? null : r.rep,
    delivered: r.delivered,
    acted_on: r.actedOn,
    ignored: r.ignored,
    reordered: r.reordered,
    too_noisy_settings: r.noisySettings.length > 0 ? r.noisySettings.join(" ") : null,
  }));
  if (options.format === "json") return { text: `${JSON.stringify(rows, null, 0)}\n`, rows: rows.length };
  const cell = (v: string | number | null) =>
    v === null ? "" : typeof v === "number" ? String(v) : neutraliseFormula(v);
  const text = stringify([
    [...EFFECTIVENESS_COLUMNS],
    ...rows.map((r) => EFFECTIVENESS_COLUMNS.map((c) => cell(r[c]))),
  ]);
  return { text, rows: rows.length };
}
