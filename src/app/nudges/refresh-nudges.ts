/**
 * One truth on screen: after a change from outside the nudge message itself (a typed command, an
 * import, an Undo that expired), every sent copy of the nudges it touched is redrawn in place by
 * the channel that sent it (Slack `chat.update`, Teams `updateActivity`). Best effort: the change
 * is saved whatever happens here; a failure is logged and the next change redraws again.
 */
import { UNDO_WINDOW_MS } from "../../domain/outcomes/pick-action.js";
import {
  listNudgeMessages,
  listNudgesEndedBetween,
  listTodaysNudgesOfAccountsChangedSince,
} from "../../storage/nudge-messages.js";
import type { AppContext } from "../ports.js";
import { loadNudgeView } from "./nudge-view.js";

/** Redraws the sent messages of these nudges as they are now. Returns how many were updated. */
export async function refreshNudges(ctx: AppContext, nudgeIds: number[]): Promise<number> {
  let updated = 0;
  const messages = await listNudgeMessages(ctx.db, [...new Set(nudgeIds)]);
  for (const { nudgeId, ref } of messages) {
    const channel = ctx.channels.find((c) => c.platform === ref.platform);
    if (!channel) continue;
    try {
      const view = await loadNudgeView(ctx.db, nudgeId, ctx.clock());
      if (!view) continue;
      await channel.updateNudge(ref, view);
      updated += 1;
    } catch (err) {
      ctx.logger.warn({ err, nudge: nudgeId, channel: channel.platform }, "redrawing a nudge message failed");
    }
  }
  return updated;
}

/**
 * Redraws the nudges whose Undo expired since `since` (the previous tick): Undo is offered for
 * five minutes after a click and disappears from the message when that time is up.
 */
export async function refreshExpiredUndos(ctx: AppContext, since: Date): Promise<number> {
  const now = ctx.clock();
  const ids = await listNudgesEndedBetween(
    ctx.db,
    new Date(since.getTime() - UNDO_WINDOW_MS),
    new Date(now.getTime() - UNDO_WINDOW_MS),
  );
  return ids.length === 0 ? 0 : refreshNudges(ctx, ids);
}

/**
 * After an import of contacts that began at `since`: redraws today's sent nudges holding a pick
 * of an account the import changed (its last contact), found in one query, however many rows.
 */
export async function refreshAfterImport(ctx: AppContext, workspaceId: number, since: Date): Promise<number> {
  const ids = await listTodaysNudgesOfAccountsChangedSince(ctx.db, workspaceId, ctx.clock(), since);
  return ids.length === 0 ? 0 : refreshNudges(ctx, ids);
}
