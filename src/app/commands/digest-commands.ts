/** `digest` (the manager's weekly digest, now) and `report --detail` (which nudges work). */
import type { Command } from "../../domain/commands/types.js";
import { findRepById } from "../../storage/reps.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { buildDigest } from "../digest/build-digest.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { loadReps } from "../reports/book-scope.js";
import { countWithShare, EFFECTIVENESS_DAYS, effectivenessReport } from "../reports/effectiveness-report.js";
import { resolveReportScope } from "./report-scope.js";

/** Rows shown in chat; `retention export effectiveness` has them all. */
const MAX_ROWS = 40;

export async function runDigest(ctx: AppContext, actor: Actor): Promise<Reply> {
  const settings = (await getWorkspace(ctx.db, actor.workspaceId))!.settings;
  const all = await loadReps(ctx.db, actor.workspaceId, settings);
  const me = await findRepById(ctx.db, actor.repId);
  const digest = await buildDigest(
    ctx.db,
    actor.workspaceId,
    settings,
    { repId: actor.repId, role: actor.role, workingDays: me?.workingDays ?? null },
    all,
    ctx.clock(),
  );
  return digest.reply;
}

export async function runReportDetail(
  ctx: AppContext,
  actor: Actor,
  command: Extract<Command, { type: "report" }>,
): Promise<Reply> {
  const chosen = await resolveReportScope(ctx, actor, command.rep);
  if (!chosen.ok) return chosen.reply;
  const { settings } = chosen;
  const report = await effectivenessReport(ctx.db, actor.workspaceId, settings, ctx.clock(), chosen.reps);
  if (report.rows.length === 0) {
    return {
      kind: "info",
      title: `Which nudges work: ${chosen.scope}`,
      lines: [`No pick was delivered in the last ${EFFECTIVENESS_DAYS} days.`],
    };
  }
  const cut = report.rows.length > MAX_ROWS;
  return {
    kind: "table",
    title: `Which nudges work: ${chosen.scope}, last ${EFFECTIVENESS_DAYS} days`,
    columns: ["Kind", "Rep", "Delivered", "Acted on", "Ignored", "Reordered"],
    rows: report.rows
      .slice(0, MAX_ROWS)
      .map((r) => [
        r.noisySettings.length > 0 ? `${r.kind} ⚠` : r.kind,
        r.rep,
        String(r.delivered),
        countWithShare(r.actedOn, r.delivered),
        countWithShare(r.ignored, r.delivered),
        r.reordered === null ? "–" : countWithShare(r.reordered, r.delivered),
      ]),
    footer: [
      "Acted on: done or snoozed. Ignored: delivered and left open past its day. Reordered: risk picks whose customer ordered again within " +
        `${settings.reorderWindowDays} days. ⚠ too noisy.`,
      ...report.noisy,
      ...(cut
        ? [`Showing the first ${MAX_ROWS} rows; \`retention export effectiveness\` has them all.`]
        : []),
    ].join("\n"),
  };
}
