/**
 * `home`: what Slack's App Home shows, in any chat: today's picks, open promises with due dates,
 * the rep's own coverage and, for a manager, the team's coverage. Teams draws it as a card with
 * the picks' buttons (channels/teams/cards/home-card.ts); elsewhere it is this text.
 */
import { DateTime } from "luxon";
import { formatShare } from "../../domain/reports/coverage.js";
import { COMMAND, verbatim } from "../../domain/rich-text.js";
import { loadRepHome, type RepHome } from "../home.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { runReport } from "./manager-commands.js";

export interface Home extends RepHome {
  name: string;
  /** The team's coverage table, for a manager or an admin. */
  team?: Extract<Reply, { kind: "table" }>;
}

export async function loadHome(ctx: AppContext, actor: Actor): Promise<Home> {
  const home = await loadRepHome(ctx, actor);
  if (actor.role === "rep") return { name: actor.name, ...home };
  const team = await runReport(ctx, actor, { type: "report" });
  return { name: actor.name, ...home, ...(team.kind === "table" ? { team } : {}) };
}

export async function runHome(ctx: AppContext, actor: Actor): Promise<Reply> {
  const home = await loadHome(ctx, actor);
  const when = (at: Date) => DateTime.fromJSDate(at, { zone: actor.timezone }).toFormat("ccc d LLL, HH:mm");
  const lines = ["*Today's customers*"];
  if (home.picks.length === 0) lines.push("Nothing due today.");
  for (const p of home.picks) {
    lines.push(`• *${verbatim(p.accountName)}*: ${p.status === "open" ? verbatim(p.reason) : p.status}`);
  }
  lines.push("", "*Open promises*");
  if (home.promises.length === 0) lines.push("No open promises.");
  for (const p of home.promises) {
    lines.push(
      `• *${verbatim(p.accountName)}*: ${verbatim(p.what)}, due ${when(p.dueAt)}${p.overdue ? " (overdue)" : ""}`,
    );
  }
  lines.push("", "*Your coverage*", coverageLine(home));
  if (home.team) lines.push("", `Your team's coverage: \`${COMMAND}report\``);
  lines.push("", `Buttons for today's picks: \`${COMMAND}today\``);
  return { kind: "info", title: `Hello ${verbatim(home.name)}`, lines };
}

/** "A 80% (8/10) · B 50% (2/4) · C –": the share of each tier contacted within its cadence. */
export function coverageLine(home: Pick<RepHome, "coverage">): string {
  if (home.coverage.every((c) => c.total === 0)) return "No accounts yet.";
  return home.coverage.map((c) => `${c.tier} ${formatShare(c)}`).join(" · ");
}
