/**
 * The coverage report: per rep, the share of their A/B/C accounts contacted within cadence, their
 * check-ins in the last 7 and 30 days, and their overdue promises. Shared by `/retention report`,
 * `retention report` and the App Home. Three grouped queries, whatever the size of the book.
 */
import type { CoverageCell } from "../../domain/reports/coverage.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { localDate } from "../../domain/time.js";
import { type BookScope, type CoverageGroup, countCoverage } from "../../storage/book-views.js";
import type { Tx } from "../../storage/database.js";
import { countCheckInsByRep, countOverduePromisesByRep } from "../../storage/reports.js";
import { type BookRep, bookScope } from "./book-scope.js";

export interface RepCoverage {
  repId: number;
  name: string;
  email: string;
  coverage: CoverageCell[];
  checkIns7: number;
  checkIns30: number;
  overduePromises: number;
}

const DAY_MS = 86_400_000;
const TIERS = ["A", "B", "C"] as const;

/** The coverage groups of `reps` (with the risk figures the dashboard sums). */
export function coverageGroups(
  db: Tx,
  scope: BookScope,
  settings: WorkspaceSettings,
  now: Date,
): Promise<CoverageGroup[]> {
  return countCoverage(db, scope, {
    riskDate: localDate(now, settings.timezone),
    gapFactor: settings.riskGapFactor,
  });
}

/** A, B and C with no accounts. */
export function emptyCells(): CoverageCell[] {
  return TIERS.map((tier) => ({ tier, total: 0, withinCadence: 0 }));
}

/** Per rep, A, B and C in that order (tiers without accounts count zero). */
export function cellsByRep(groups: readonly CoverageGroup[]): Map<number, CoverageCell[]> {
  const byRep = new Map<number, CoverageCell[]>();
  for (const g of groups) {
    let cells = byRep.get(g.repId);
    if (!cells) {
      cells = emptyCells();
      byRep.set(g.repId, cells);
    }
    const cell = cells[TIERS.indexOf(g.tier)]!;
    cell.total = g.total;
    cell.withinCadence = g.withinCadence;
  }
  return byRep;
}

export async function coverageReport(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  reps: BookRep[],
  /** The coverage groups of `reps`, when the caller has them already. */
  groups?: readonly CoverageGroup[],
): Promise<RepCoverage[]> {
  const ids = reps.map((r) => r.id);
  if (ids.length === 0) return [];
  const cells = cellsByRep(
    groups ?? (await coverageGroups(db, bookScope(workspaceId, settings, now, reps), settings, now)),
  );
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  const since7 = new Date(now.getTime() - 7 * DAY_MS);
  const counts = new Map(
    (await countCheckInsByRep(db, workspaceId, ids, since7, since30)).map((c) => [c.repId, c]),
  );
  const overdue = new Map(
    (await countOverduePromisesByRep(db, workspaceId, ids, now)).map((o) => [o.repId, o.n]),
  );
  return reps.map((rep) => ({
    repId: rep.id,
    name: rep.name,
    email: rep.email,
    coverage: cells.get(rep.id) ?? emptyCells(),
    checkIns7: counts.get(rep.id)?.d7 ?? 0,
    checkIns30: counts.get(rep.id)?.d30 ?? 0,
    overduePromises: overdue.get(rep.id) ?? 0,
  }));
}
