/**
 * The "More" button (issue 13): a rep who cleared the list early asks for the next ones. The
 * planner plans the nudge's day again for this rep, leaving out the accounts the nudge already
 * holds, and the next best are appended (the rep's handful of them); what is still left rolls
 * forward as before.
 */
import { planDayWithMoreDue } from "../../domain/planner/plan-day.js";
import { appendPicks, listPickedAccountIds, lockNudge } from "../../storage/more-picks.js";
import { findNudgeHeader } from "../../storage/nudge-views.js";
import { setMoreDue } from "../../storage/nudges.js";
import { findCandidateIds, loadBatchInput, loadPlanningBasis } from "../planning/load-plan-input.js";
import type { Actor, AppContext } from "../ports.js";

export type MoreResult =
  | { ok: true; nudgeId: number; added: number; message: string }
  | { ok: false; code: "FORBIDDEN"; message: string };

const notYours = { ok: false, code: "FORBIDDEN", message: "That list is not yours." } as const;

/**
 * Adds the next batch to the rep's nudge. `shown` is how many picks the clicked message showed:
 * when the nudge already holds more, another click (a double click, the same button in two
 * places) added them, and nothing is added again. The nudge row is locked for the transaction,
 * so two clicks at once queue and the second sees the first's picks.
 */
export async function addMorePicks(
  ctx: AppContext,
  actor: Actor,
  nudgeId: number,
  shown?: number,
): Promise<MoreResult> {
  const nudge = await findNudgeHeader(ctx.db, nudgeId);
  if (!nudge || nudge.repId !== actor.repId) return notYours;
  return ctx.db.transaction(async (tx) => {
    await lockNudge(tx, nudgeId);
    const held = await listPickedAccountIds(tx, nudgeId);
    if (shown !== undefined && held.length > shown) {
      return { ok: true, nudgeId, added: 0, message: "Those were added already: the list is up to date." };
    }
    const params = {
      workspaceId: actor.workspaceId,
      date: nudge.localDate,
      now: ctx.clock(),
      repIds: [actor.repId],
    };
    const basis = await loadPlanningBasis(tx, params);
    const me = basis.reps.find((r) => r.id === actor.repId);
    if (!me) return notYours;
    const batch = me.handful;
    // Load enough candidates to find the next ones past those the nudge already holds.
    const wide = { ...basis, reps: basis.reps.map((r) => ({ ...r, handful: held.length + batch })) };
    const candidates = await findCandidateIds(tx, wide);
    const input = await loadBatchInput(tx, basis, candidates, basis.reps);
    const taken = new Set(held);
    const plan = planDayWithMoreDue({
      ...input,
      reps: input.reps.map((r) => (r.id === me.id ? { ...r, handful: batch } : r)),
      accounts: input.accounts.filter((a) => !taken.has(a.id)),
      promises: input.promises.filter((p) => !taken.has(p.accountId)),
    });
    const next = plan.plans.find((p) => p.repId === me.id)?.picks ?? [];
    const added = await appendPicks(tx, actor.workspaceId, nudgeId, next, held.length);
    await setMoreDue(tx, [{ nudgeId, moreDue: plan.moreDue.get(me.id) ?? 0 }]);
    const message =
      added === 0
        ? "Nothing more is due today."
        : `${added} more ${added === 1 ? "customer" : "customers"} added.`;
    return { ok: true, nudgeId, added, message };
  });
}
