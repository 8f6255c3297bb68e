/**
 * One truth on screen: after a pick changed from anywhere (an activity from a CRM, an import, a
 * click on another copy), every delivered copy of its nudge is updated in place through the
 * channel that delivered it (Slack `chat.update`, Teams `updateActivity`). No new message is
 * sent, so nobody is notified again. A failure is logged: the change itself is saved.
 */
import { findNudgeMessageRef } from "../../storage/slack-reps.js";
import type { AppContext } from "../ports.js";
import { loadNudgeView } from "./nudge-view.js";

/** Re-renders the delivered messages of the nudges `nudgeIds` as they are now. */
export async function refreshDeliveredNudges(ctx: AppContext, nudgeIds: readonly number[]): Promise<void> {
  for (const nudgeId of nudgeIds) {
    try {
      const ref = await findNudgeMessageRef(ctx.db, nudgeId);
      const channel = ref && ctx.channels.find((c) => c.platform === ref.platform);
      if (!ref || !channel) continue;
      const view = await loadNudgeView(ctx.db, nudgeId, ctx.clock());
      if (view) await channel.updateNudge(ref, view);
    } catch (err) {
      ctx.logger.warn({ err, nudge: nudgeId }, "updating a delivered nudge failed");
    }
  }
}
