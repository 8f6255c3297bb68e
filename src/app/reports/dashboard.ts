/**
 * The manager's dashboard: coverage per rep and tier, contacts per week by source over the last
 * quarter, the neglected accounts as value against days overdue, the departed folder by reason,
 * revenue at risk, and the closed loop. The same figures feed `/retention report`'s summary.
 */
import type { CoverageCell } from "../../domain/reports/coverage.js";
import { compactMoney } from "../../domain/reports/risk.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { type CoverageGroup, listMostValuableOverdue } from "../../storage/book-views.js";
import {
  type ClosedLoop,
  closedLoop,
  countContactsByWeek,
  countDeparturesByReason,
} from "../../storage/dashboard.js";
import type { Tx } from "../../storage/database.js";
import { type BookRep, bookScope } from "./book-scope.js";
import { cellsByRep, coverageGroups, emptyCells } from "./coverage-report.js";

const DAY_MS = 86_400_000;
/** The last quarter: 13 weeks. */
export const QUARTER_DAYS = 91;
/** Points in the neglected chart at most (the most valuable overdue accounts). */
const MAX_NEGLECTED_POINTS = 500;

export interface DashboardData {
  scope: string;
  generatedAt: string;
  coverage: { rep: string; cells: CoverageCell[] }[];
  contactsByWeek: { week: string; source: string; n: number }[];
  neglected: { account: string; rep: string; tier: string; value: number; daysOverdue: number }[];
  departed: { reason: string; n: number; revenue: number }[];
  revenueAtRisk: { total: number; accounts: number; overdue: number; atRisk: number };
  closedLoop: ClosedLoop;
}

export async function loadDashboard(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  reps: BookRep[],
  scope: string,
): Promise<DashboardData> {
  const ids = reps.map((r) => r.id);
  const since = new Date(now.getTime() - QUARTER_DAYS * DAY_MS);
  const book = bookScope(workspaceId, settings, now, reps);
  const [groups, overdue, weeks, departed, loop] = await Promise.all([
    coverageGroups(db, book, settings, now),
    listMostValuableOverdue(db, book, MAX_NEGLECTED_POINTS),
    countContactsByWeek(db, workspaceId, ids, since),
    countDeparturesByReason(db, workspaceId, ids),
    quarterLoop(db, workspaceId, reps, now),
  ]);
  const names = new Map(reps.map((r) => [r.id, r.name]));
  const cells = cellsByRep(groups);
  const neglected = overdue.map((a) => ({
    account: a.name,
    rep: names.get(a.ownerRepId) ?? "",
    tier: a.tier,
    value: Math.round(a.value),
    // Never contacted: shown as overdue by a full cadence past the quarter.
    daysOverdue: a.days === null ? QUARTER_DAYS : Math.max(0, a.days - a.cadence),
  }));
  return {
    scope,
    generatedAt: now.toISOString(),
    coverage: reps.map((r) => ({ rep: r.name, cells: cells.get(r.id) ?? emptyCells() })),
    contactsByWeek: weeks,
    neglected,
    departed,
    revenueAtRisk: revenueAtRisk(groups),
    closedLoop: loop,
  };
}

/** The yearly value of the accounts overdue for contact or at risk, summed over the groups. */
export function revenueAtRisk(groups: readonly CoverageGroup[]): DashboardData["revenueAtRisk"] {
  let total = 0;
  let accounts = 0;
  let overdue = 0;
  let atRisk = 0;
  for (const g of groups) {
    total += g.flaggedValue;
    accounts += g.flagged;
    overdue += g.overdue;
    atRisk += g.atRisk;
  }
  return { total: Math.round(total), accounts, overdue, atRisk };
}

/** The closed loop of the reps over the last quarter. */
export function quarterLoop(
  db: Tx,
  workspaceId: number,
  reps: readonly BookRep[],
  now: Date,
): Promise<ClosedLoop> {
  const since = new Date(now.getTime() - QUARTER_DAYS * DAY_MS);
  return closedLoop(
    db,
    workspaceId,
    reps.map((r) => r.id),
    since,
    now,
  );
}

/** Revenue at risk and the closed loop in words, for `/retention report`. */
export function dashboardSentences(data: Pick<DashboardData, "revenueAtRisk" | "closedLoop">): string[] {
  const r = data.revenueAtRisk;
  const l = data.closedLoop;
  const lines = [
    `Revenue at risk: ${compactMoney(r.total)} a year across ${r.accounts} accounts (overdue for contact or at risk).`,
  ];
  if (l.flagged === 0) lines.push("Closed loop: no account was flagged at risk in the last quarter.");
  else
    lines.push(
      `Closed loop (last quarter): ${l.flagged} accounts flagged at risk; ${l.contacted} contacted within a week, ` +
        `of which ${l.contactedOrdered} ordered again; ${l.notContacted} not contacted, of which ${l.notContactedOrdered} ordered again.`,
    );
  return lines;
}
