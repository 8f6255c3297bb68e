/**
 * What a click on a nudge does, whatever the platform: log a contact, snooze, add a note, promise
 * a follow-up, say "not my account", or undo. The payload is trusted for nothing: the pick must
 * be in the actor's workspace and belong to the actor's own nudge (or the actor is that rep's
 * manager). Each action is one transaction, and a replayed click changes nothing. The rules are
 * in domain/outcomes/pick-action.ts, the text in pick-action-replies.ts.
 */

import { decidePickAction, type PickDecision, validatePickAction } from "../domain/outcomes/pick-action.js";
import { COMMAND, verbatim } from "../domain/rich-text.js";
import { setLastNoteIfLatest } from "../storage/accounts.js";
import { appendCheckInNote, findCheckIn } from "../storage/check-ins.js";
import type { Tx } from "../storage/database.js";
import { claimRequest } from "../storage/handled-requests.js";
import { findPickForUpdate, finishPick, type PickForUpdate, reopenPick } from "../storage/picks.js";
import { insertPromise } from "../storage/promises.js";
import { deleteSnoozeMadeAt, insertSnooze } from "../storage/snoozes.js";
import { logCheckIn, undoCheckIn } from "./check-ins/log-check-in.js";
import { notifyRep } from "./notify-rep.js";
import {
  alreadyDoneText,
  doneText,
  forbiddenText,
  managerToldText,
  notFoundText,
  replayedText,
  unchangedText,
  undoExpiredText,
} from "./pick-action-replies.js";
import type { Actor, AppContext, PickAction } from "./ports.js";

export type PickActionResult =
  | { ok: true; message: string; nudgeId: number }
  | {
      ok: false;
      code: "NOT_FOUND" | "FORBIDDEN" | "ALREADY_DONE" | "UNDO_EXPIRED" | "INVALID";
      message: string;
      /** Set when the click came from a stale copy of this nudge: show it as it is now. */
      nudgeId?: number;
    };

export async function performPickAction(
  ctx: AppContext,
  actor: Actor,
  input: { pickId: number; action: PickAction; dedupeKey?: string },
): Promise<PickActionResult> {
  const now = ctx.clock();
  const invalid = validatePickAction(input.action, now);
  if (invalid) return { ok: false, code: "INVALID", message: invalid };
  let afterCommit: (() => Promise<string>) | undefined;
  const result = await ctx.db.transaction(async (tx): Promise<PickActionResult> => {
    const loaded = await findPickForUpdate(tx, input.pickId);
    if (!loaded || loaded.nudge.workspaceId !== actor.workspaceId) {
      return { ok: false, code: "NOT_FOUND", message: notFoundText };
    }
    const isOwn = loaded.nudge.repId === actor.repId;
    const isTheirManager = loaded.owner.managerId === actor.repId || actor.role === "admin";
    if (!isOwn && !isTheirManager) return { ok: false, code: "FORBIDDEN", message: forbiddenText };
    if (input.dedupeKey !== undefined) {
      const key = `pick-action:${actor.workspaceId}:${input.dedupeKey}`;
      if (!(await claimRequest(tx, key, actor.workspaceId, now))) {
        return { ok: true, message: replayedText, nudgeId: loaded.nudge.id };
      }
    }
    const decision = decidePickAction(loaded.pick, input.action, now, actor.timezone);
    const outcome = await apply(tx, actor, loaded, decision, now);
    if (outcome.ok && decision.kind === "skip") afterCommit = () => tellManager(ctx, actor, loaded);
    return outcome;
  });
  if (result.ok && afterCommit) {
    return { ...result, message: `${result.message} ${await afterCommit()}` };
  }
  return result;
}

/** Saves what the decision changes, in the caller's transaction, and says what happened. */
async function apply(
  tx: Tx,
  actor: Actor,
  { pick, nudge, accountName }: PickForUpdate,
  decision: PickDecision,
  now: Date,
): Promise<PickActionResult> {
  const ok = (message: string): PickActionResult => ({ ok: true, message, nudgeId: nudge.id });
  const mine = { workspaceId: actor.workspaceId, accountId: pick.accountId, repId: actor.repId };
  switch (decision.kind) {
    case "unchanged":
      return ok(unchangedText(decision.why, accountName));
    case "already_done":
      return {
        ok: false,
        code: "ALREADY_DONE",
        message: alreadyDoneText(decision.status, accountName),
        nudgeId: nudge.id,
      };
    case "undo_expired":
      return { ok: false, code: "UNDO_EXPIRED", message: undoExpiredText, nudgeId: nudge.id };
    case "log": {
      const { checkIn } = await logCheckIn(tx, {
        ...mine,
        at: now,
        now,
        channel: decision.channel,
        outcome: decision.outcome,
        note: decision.note,
        source: "nudge",
        pickId: pick.id,
      });
      await finishPick(tx, pick.id, { status: "done", at: now, repId: actor.repId, checkinId: checkIn.id });
      break;
    }
    case "append_note": {
      const updated = await appendCheckInNote(tx, decision.checkinId, decision.note);
      // The account shows the note of its latest contact; keep it in step when this is that contact.
      if (updated) await setLastNoteIfLatest(tx, pick.accountId, updated.at, updated.note);
      break;
    }
    case "snooze":
      await insertSnooze(tx, { ...mine, until: decision.until, createdAt: now });
      await finishPick(tx, pick.id, { status: "snoozed", at: now, repId: actor.repId, checkinId: null });
      break;
    case "promise":
      await insertPromise(tx, { ...mine, dueAt: decision.dueAt, what: decision.what, createdAt: now });
      break;
    case "skip":
      await finishPick(tx, pick.id, { status: "skipped", at: now, repId: actor.repId, checkinId: null });
      break;
    case "undo": {
      const checkIn = decision.checkinId === null ? undefined : await findCheckIn(tx, decision.checkinId);
      if (checkIn) await undoCheckIn(tx, checkIn, now);
      if (decision.snoozeMadeAt) await deleteSnoozeMadeAt(tx, pick.accountId, decision.snoozeMadeAt);
      await reopenPick(tx, pick.id);
      break;
    }
  }
  return ok(doneText(decision, { accountName, zone: actor.timezone }, now));
}

async function tellManager(ctx: AppContext, actor: Actor, loaded: PickForUpdate): Promise<string> {
  const managerId = loaded.owner.managerId;
  if (managerId === null) return managerToldText("no_manager");
  if (managerId === actor.repId) return managerToldText("is_manager");
  const told = await notifyRep(ctx, managerId, {
    kind: "info",
    title: "Not my account",
    lines: [
      `${verbatim(loaded.owner.name)} says *${verbatim(loaded.accountName)}* is not their account.`,
      `Reassign it with \`${COMMAND}assign #${loaded.pick.accountId} @rep\`.`,
    ],
  });
  return managerToldText(told ? "told" : "unreachable");
}
