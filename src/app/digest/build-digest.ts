/**
 * The manager's weekly digest (issue 13 item 4), in at most a screen: A coverage against last
 * week, contacts against the week before, revenue at risk, the five most valuable neglected
 * accounts of the team, the A accounts escalated (ignored on three working days, or untouched for
 * twice their cadence: planner rule 10), which rep may need help, and the kinds of pick ignored
 * so often they are too noisy. The same reply is sent on the digest day and shown by `digest`.
 */
import { DateTime } from "luxon";
import { comparedWithLastWeek, repsNeedingHelp } from "../../domain/digest/needs-help.js";
import { weekStart } from "../../domain/digest/week.js";
import { kindStats } from "../../domain/nudges/effectiveness.js";
import { escalationReason } from "../../domain/nudges/ignored.js";
import { noisyLines } from "../../domain/nudges/noisy.js";
import { isEscalated } from "../../domain/reports/coverage.js";
import { compactMoney } from "../../domain/reports/risk.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { addDays, localDate } from "../../domain/time.js";
import { listEscalationCandidates, listNeglected } from "../../storage/book-views.js";
import type { Tx } from "../../storage/database.js";
import { type DigestSummary, findPreviousDigestSummary } from "../../storage/digests.js";
import { listIgnoredDaysOfAAccounts, listPickOutcomes } from "../../storage/ignored-picks.js";
import { countCheckInsByRep } from "../../storage/reports.js";
import type { Reply } from "../replies.js";
import { type BookRep, bookScope, repsInScope } from "../reports/book-scope.js";
import { loadDashboard } from "../reports/dashboard.js";

const DAY_MS = 86_400_000;
/** Rows of each list in the digest: it must fit a screen. */
const TOP = 5;
/** Four weeks of picks decide what is too noisy and who ignored what. */
const WINDOW_DAYS = 28;

export interface Digest {
  reply: Reply;
  summary: DigestSummary;
  weekStart: string;
}

export async function buildDigest(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  manager: { repId: number; role: string; workingDays?: number[] | null },
  all: BookRep[],
  now: Date,
): Promise<Digest> {
  const me = all.find((r) => r.id === manager.repId);
  const zone = me?.timezone ?? settings.timezone;
  const today = localDate(now, zone);
  const week = weekStart(today, manager.workingDays ?? settings.workingDays);
  const { reps: team, scope } = repsInScope(manager, all);
  const ids = team.map((r) => r.id);
  const names = new Map(all.map((r) => [r.id, r.name]));

  const book = bookScope(workspaceId, settings, now, team);
  const since = addDays(today, -WINDOW_DAYS);
  const [top, ignored, dashboard, counts, previous, outcomes] = await Promise.all([
    listNeglected(db, book, settings.escalationFactor, TOP),
    listIgnoredDaysOfAAccounts(db, workspaceId, ids, since),
    loadDashboard(db, workspaceId, settings, now, team, scope),
    countCheckInsByRep(
      db,
      workspaceId,
      ids,
      new Date(now.getTime() - 7 * DAY_MS),
      new Date(now.getTime() - 14 * DAY_MS),
    ),
    findPreviousDigestSummary(db, manager.repId, week),
    listPickOutcomes(db, workspaceId, ids, since),
  ]);

  const aCells = dashboard.coverage.flatMap((c) => c.cells.filter((cell) => cell.tier === "A"));
  const summary: DigestSummary = {
    aWithin: aCells.reduce((n, c) => n + c.withinCadence, 0),
    aTotal: aCells.reduce((n, c) => n + c.total, 0),
    contacts: counts.reduce((n, c) => n + c.d7, 0),
  };
  const contactsBefore = counts.reduce((n, c) => n + c.d30 - c.d7, 0);
  const risk = dashboard.revenueAtRisk;

  // Escalations: A accounts whose picks were ignored on N working days since the last contact, or neglected.
  const ignoredOf = new Map(ignored.map((r) => [r.accountId, r.days]));
  const candidates = await listEscalationCandidates(db, book, settings.escalationFactor, [
    ...ignoredOf.keys(),
  ]);
  const escalations = candidates
    .map((a) => {
      const reason = escalationReason(
        {
          tier: a.tier,
          ignoredOn: ignoredOf.get(a.id) ?? [],
          lastContactOn: a.days === null ? null : addDays(today, -a.days),
          neglected: isEscalated(a, settings.escalationFactor),
        },
        settings,
      );
      return reason === null ? null : { account: a, reason };
    })
    .filter((e) => e !== null);
  // Most valuable first, as the candidates come.

  const lastWeek = outcomes.filter((o) => o.localDate >= addDays(today, -7));
  const help = repsNeedingHelp(
    team.map((rep) => {
      const mine = lastWeek.filter((o) => o.repId === rep.id && o.delivered);
      const a = dashboard.coverage.find((c) => c.rep === rep.name)?.cells.find((c) => c.tier === "A");
      return {
        name: rep.name,
        delivered: mine.length,
        ignored: mine.filter((o) => o.status === "open" && o.localDate < today).length,
        a: a ?? { tier: "A" as const, total: 0, withinCadence: 0 },
      };
    }),
  );
  const noisy = noisyLines(kindStats(outcomes, today, settings).filter((s) => s.repId === null && s.noisy));

  const intro = [
    `*A coverage:* ${comparedWithLastWeek({ within: summary.aWithin, total: summary.aTotal }, previous && { within: previous.aWithin, total: previous.aTotal })}.`,
    `*Contacts:* ${summary.contacts} in the last 7 days (${contactsBefore} the 7 days before).`,
    `*Revenue at risk:* ${compactMoney(risk.total)} a year across ${risk.accounts} accounts (overdue for contact or at risk).`,
    top.length === 0
      ? "*Neglected:* nothing is overdue."
      : `*The ${top.length} most valuable neglected accounts:*`,
  ];
  const footer = [
    escalations.length === 0
      ? "*Escalated:* no A account was ignored or left untouched too long."
      : `*Escalated (${escalations.length}):* ${escalations
          .slice(0, TOP)
          .map(
            (e) =>
              `${e.account.name} (${names.get(e.account.ownerRepId) ?? "?"}: ${
                e.reason === "ignored"
                  ? `ignored on ${settings.ignoredEscalationDays}+ working days`
                  : e.account.days === null
                    ? "never contacted"
                    : `untouched ${e.account.days} days, every ${e.account.cadence}`
              })`,
          )
          .join(", ")}${escalations.length > TOP ? `, and ${escalations.length - TOP} more` : ""}.`,
    help.length === 0
      ? "*May need help:* nobody stands out this week."
      : `*May need help:* ${help
          .slice(0, 3)
          .map((h) => `${h.name} (${h.why})`)
          .join("; ")}.`,
    ...noisy,
  ];
  return {
    weekStart: week,
    summary,
    reply: {
      kind: "table",
      title: `Weekly digest: ${scope}, week of ${DateTime.fromISO(week).toFormat("d LLL yyyy")}`,
      intro,
      columns: ["Account", "Tier", "Value", "Last contact", "Owner"],
      rows: top.map((a) => [
        `${a.name}${isEscalated(a, settings.escalationFactor) ? " ⚠" : ""}`,
        a.tier,
        compactMoney(a.value),
        a.days === null ? "never" : `${a.days} days ago (every ${a.cadence})`,
        names.get(a.ownerRepId) ?? "?",
      ]),
      footer: footer.join("\n"),
    },
  };
}
