/**
 * The manager's dashboard: coverage per rep and tier, contacts per week by source over the last
 * quarter, the neglected accounts as value against days overdue, the departed folder by reason,
 * revenue at risk, and the closed loop. The same figures feed `/retention report`'s summary.
 */
import { type CoverageCell, coverageByTier } from "../../domain/reports/coverage.js";
import { compactMoney } from "../../domain/reports/risk.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { localDate } from "../../domain/time.js";
import {
  type ClosedLoop,
  closedLoop,
  countContactsByWeek,
  countDeparturesByReason,
  listAtRiskAccountIds,
} from "../../storage/dashboard.js";
import type { Tx } from "../../storage/database.js";
import { type BookRep, loadBook } from "./load-book.js";

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
  const [book, weeks, departed, atRiskIds, loop] = await Promise.all([
    ids.length ? loadBook(db, workspaceId, settings, now, reps, ids) : Promise.resolve([]),
    countContactsByWeek(db, workspaceId, ids, since),
    countDeparturesByReason(db, workspaceId, ids),
    listAtRiskAccountIds(db, workspaceId, ids, localDate(now, settings.timezone), settings.riskGapFactor),
    closedLoop(db, workspaceId, ids, since, now),
  ]);
  const names = new Map(reps.map((r) => [r.id, r.name]));
  const byOwner = new Map<number, typeof book>();
  for (const a of book) {
    const list = byOwner.get(a.ownerRepId);
    if (list) list.push(a);
    else byOwner.set(a.ownerRepId, [a]);
  }
  const atRisk = new Set(atRiskIds);
  let total = 0;
  let counted = 0;
  let overdue = 0;
  for (const a of book) {
    if (!a.withinCadence) overdue++;
    if (!a.withinCadence || atRisk.has(a.id)) {
      total += a.value;
      counted++;
    }
  }
  const neglected = book
    .filter((a) => !a.withinCadence)
    .sort((a, b) => b.value - a.value)
    .slice(0, MAX_NEGLECTED_POINTS)
    .map((a) => ({
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
    coverage: reps.map((r) => ({ rep: r.name, cells: coverageByTier(byOwner.get(r.id) ?? []) })),
    contactsByWeek: weeks,
    neglected,
    departed,
    revenueAtRisk: { total: Math.round(total), accounts: counted, overdue, atRisk: atRisk.size },
    closedLoop: loop,
  };
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
