/**
 * The coverage report: per rep, the share of their A/B/C accounts contacted within cadence, their
 * check-ins in the last 7 and 30 days, and their overdue promises. Shared by `/retention report`,
 * `retention report` and the App Home.
 */
import { type CoverageCell, coverageByTier } from "../../domain/reports/coverage.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import type { Tx } from "../../storage/database.js";
import { countCheckInsByRep, countOverduePromisesByRep } from "../../storage/reports.js";
import { type BookRep, loadBook } from "./load-book.js";

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

export async function coverageReport(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  reps: BookRep[],
): Promise<RepCoverage[]> {
  const ids = reps.map((r) => r.id);
  if (ids.length === 0) return [];
  const book = await loadBook(db, workspaceId, settings, now, reps, ids);
  const since30 = new Date(now.getTime() - 30 * DAY_MS);
  const since7 = new Date(now.getTime() - 7 * DAY_MS);
  const counts = await countCheckInsByRep(db, workspaceId, ids, since7, since30);
  const overdue = await countOverduePromisesByRep(db, workspaceId, ids, now);
  return reps.map((rep) => ({
    repId: rep.id,
    name: rep.name,
    email: rep.email,
    coverage: coverageByTier(book.filter((a) => a.ownerRepId === rep.id)),
    checkIns7: counts.find((c) => c.repId === rep.id)?.d7 ?? 0,
    checkIns30: counts.find((c) => c.repId === rep.id)?.d30 ?? 0,
    overduePromises: overdue.find((o) => o.repId === rep.id)?.n ?? 0,
  }));
}
