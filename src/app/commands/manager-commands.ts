/** `report`, `neglected` and `departed`: what a manager looks at. */
import { DateTime } from "luxon";
import type { Command } from "../../domain/commands/types.js";
import { ERROR_CATALOGUE } from "../../domain/errors.js";
import { formatShare, isEscalated } from "../../domain/reports/coverage.js";
import { compactMoney } from "../../domain/reports/risk.js";
import { listNeglected } from "../../storage/book-views.js";
import { listDepartures } from "../../storage/departures.js";
import { findRepNames } from "../../storage/reps.js";
import { getWorkspace } from "../../storage/workspaces.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { bookScope, loadReps, repsInScope } from "../reports/book-scope.js";
import { coverageGroups, coverageReport } from "../reports/coverage-report.js";
import { dashboardSentences, quarterLoop, revenueAtRisk } from "../reports/dashboard.js";
import { resolveReportScope } from "./report-scope.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

/** Tables are cut here in chat; the CLI prints everything. */
const MAX_ROWS = 40;

export async function runReport(ctx: AppContext, actor: Actor, command: Of<"report">): Promise<Reply> {
  const chosen = await resolveReportScope(ctx, actor, command.rep);
  if (!chosen.ok) return chosen.reply;
  const { settings } = chosen;
  const now = ctx.clock();
  const book = bookScope(actor.workspaceId, settings, now, chosen.reps);
  const groups = await coverageGroups(ctx.db, book, settings, now);
  const rows = await coverageReport(ctx.db, actor.workspaceId, settings, now, chosen.reps, groups);
  const summary = {
    revenueAtRisk: revenueAtRisk(groups),
    closedLoop: await quarterLoop(ctx.db, actor.workspaceId, chosen.reps, now),
  };
  const footer = [cutFooter(rows.length, "reps", "`npx retention report`"), ...dashboardSentences(summary)]
    .filter(Boolean)
    .join("\n");
  return {
    kind: "table",
    title: `Coverage: ${chosen.scope}`,
    columns: ["Rep", "A within cadence", "B", "C", "Check-ins 7d", "30d", "Overdue promises"],
    rows: rows
      .slice(0, MAX_ROWS)
      .map((r) => [
        r.name,
        ...r.coverage.map(formatShare),
        String(r.checkIns7),
        String(r.checkIns30),
        String(r.overduePromises),
      ]),
    footer,
  };
}

export async function runNeglected(ctx: AppContext, actor: Actor, command: Of<"neglected">): Promise<Reply> {
  const settings = (await getWorkspace(ctx.db, actor.workspaceId))!.settings;
  const all = await loadReps(ctx.db, actor.workspaceId, settings);
  const scope = repsInScope(actor, all);
  const book = bookScope(actor.workspaceId, settings, ctx.clock(), scope.reps);
  const top = await listNeglected(ctx.db, book, settings.escalationFactor, command.limit);
  if (top.length === 0) {
    return {
      kind: "info",
      title: "Neglected accounts",
      lines: ["Nothing is overdue: every account was contacted within its cadence."],
    };
  }
  const names = new Map(all.map((r) => [r.id, r.name]));
  const owner = (id: number) => names.get(id) ?? "?";
  return {
    kind: "table",
    title: `The ${top.length} most valuable overdue accounts (${scope.scope})`,
    columns: ["Account", "Tier", "Value", "Last contact", "Owner"],
    rows: top.map((a) => [
      `${a.name} (#${a.id})${isEscalated(a, settings.escalationFactor) ? " ⚠" : ""}`,
      a.tier,
      compactMoney(a.value),
      a.days === null ? "never" : `${a.days} days ago (every ${a.cadence})`,
      owner(a.ownerRepId),
    ]),
    footer: `⚠ an A account untouched for ${settings.escalationFactor}× its cadence.`,
  };
}

export async function runDeparted(ctx: AppContext, actor: Actor): Promise<Reply> {
  const rows = await listDepartures(ctx.db, actor.workspaceId, MAX_ROWS + 1);
  if (rows.length === 0)
    return { kind: "info", title: "Departed", lines: ["No account has been lost. Keep it that way."] };
  const repIds = [...new Set(rows.flatMap((r) => [r.departure.exitInterviewRepId ?? -1]))];
  const names = await findRepNames(ctx.db, repIds, actor.workspaceId);
  const nameOf = (id: number | null) => names.find((n) => n.id === id)?.name ?? "nobody";
  const day = (d: Date) => DateTime.fromJSDate(d, { zone: actor.timezone }).toFormat("d LLL yyyy");
  return {
    kind: "table",
    title: "Departed accounts",
    columns: ["Account", "Lost on", "Reason", "Tenure", "Exit interview", "Win-back"],
    rows: rows
      .slice(0, MAX_ROWS)
      .map(({ departure: d, name }) => [
        name,
        DateTime.fromISO(d.lostOn).toFormat("d LLL yyyy"),
        d.reason.length > 80 ? `${d.reason.slice(0, 80)}…` : d.reason,
        tenure(d.tenureDays),
        d.exitInterviewAt ? `done ${day(d.exitInterviewAt)}` : `pending (${nameOf(d.exitInterviewRepId)})`,
        d.wonBackAt
          ? `won back ${day(d.wonBackAt)}`
          : d.lastWinBackAt
            ? `last try ${day(d.lastWinBackAt)}`
            : "not yet tried",
      ]),
    footer: cutFooter(rows.length, "departures", "`npx retention export departed`"),
  };
}

/** 1200 days → "3 years 3 months"; unknown → "–". */
export function tenure(days: number | null): string {
  if (days === null) return "–";
  const years = Math.floor(days / 365);
  const months = Math.floor((days % 365) / 30);
  if (years === 0 && months === 0) return `${days} days`;
  return [
    years ? `${years} year${years > 1 ? "s" : ""}` : "",
    months ? `${months} month${months > 1 ? "s" : ""}` : "",
  ]
    .filter(Boolean)
    .join(" ");
}

function cutFooter(count: number, what: string, where: string): string | undefined {
  return count > MAX_ROWS ? `Showing the first ${MAX_ROWS} ${what}; see them all with ${where}.` : undefined;
}

/** `dashboard`: a personal link to the dashboard of the manager's team, valid 24 hours. */
export function runDashboardLink(ctx: AppContext, actor: Actor): Reply {
  const link = ctx.dashboardLink?.(actor, ctx.clock());
  if (!link) {
    return { kind: "error", code: "NO_DASHBOARD_URL", message: ERROR_CATALOGUE.NO_DASHBOARD_URL };
  }
  return {
    kind: "info",
    title: "Your dashboard",
    lines: [`<${link}|Open your team's dashboard> (a personal link, valid 24 hours: do not share it).`],
  };
}
