/**
 * What a rep's home (Slack's App Home) shows: today's picks with their state, open promises with
 * due dates, and the rep's own coverage per tier.
 */
import type { CoverageCell } from "../domain/reports/coverage.js";
import { localDate } from "../domain/time.js";
import { loadPlannerReps } from "../storage/planner-inputs.js";
import { listOpenPromisesOfRep } from "../storage/promises.js";
import { getWorkspace } from "../storage/workspaces.js";
import { findNudgeId, loadNudgeView } from "./nudges/nudge-view.js";
import { adaptedHandfuls } from "./planning/adapt-handfuls.js";
import type { Actor, AppContext, PickView } from "./ports.js";
import { loadRep } from "./reports/book-scope.js";
import { coverageReport } from "./reports/coverage-report.js";

export interface RepHome {
  picks: PickView[];
  promises: { accountName: string; what: string; dueAt: Date; overdue: boolean }[];
  coverage: CoverageCell[];
  /** Why today's handful is smaller than the rep's set one; null when it is not. */
  handfulNote: string | null;
}

/** Open promises shown at most; the home is a summary. */
const MAX_PROMISES = 20;

export async function loadRepHome(ctx: AppContext, actor: Actor): Promise<RepHome> {
  const now = ctx.clock();
  const nudgeId = await findNudgeId(ctx.db, actor.repId, localDate(now, actor.timezone));
  const view = nudgeId === undefined ? undefined : await loadNudgeView(ctx.db, nudgeId, now);
  const open = await listOpenPromisesOfRep(ctx.db, actor.workspaceId, actor.repId, MAX_PROMISES);
  const settings = (await getWorkspace(ctx.db, actor.workspaceId))!.settings;
  const me = await loadRep(ctx.db, actor.workspaceId, settings, actor.repId);
  const [coverage] = await coverageReport(ctx.db, actor.workspaceId, settings, now, me);
  const today = localDate(now, actor.timezone);
  const planned = await loadPlannerReps(ctx.db, actor.workspaceId, today, settings, [actor.repId]);
  const handful = await adaptedHandfuls(
    ctx.db,
    planned.filter((r) => r.id === actor.repId),
    today,
    settings,
  );
  return {
    handfulNote: handful.get(actor.repId)?.why ?? null,
    picks: view?.picks ?? [],
    promises: open.map((p) => ({ ...p, overdue: p.dueAt.getTime() < now.getTime() })),
    coverage: coverage?.coverage ?? [],
  };
}
