/** Telling a rep something outside their nudge, on whichever channel reaches them. */
import { loadRecipient } from "./nudges/nudge-view.js";
import type { AppContext } from "./ports.js";
import type { Reply } from "./replies.js";

/**
 * Sends `reply` to rep `repId` through the first channel that can reach them. Returns false when
 * none could (or sending failed): a notification is a courtesy and never undoes what caused it.
 */
export async function notifyRep(ctx: AppContext, repId: number, reply: Reply): Promise<boolean> {
  const recipient = await loadRecipient(ctx.db, repId);
  if (!recipient) return false;
  for (const channel of ctx.channels) {
    try {
      if (!(await channel.canReach(recipient))) continue;
      await channel.notify(recipient, reply);
      return true;
    } catch (err) {
      ctx.logger.warn(
        { err, rep: recipient.email, channel: channel.platform },
        "a notification could not be sent",
      );
      return false;
    }
  }
  return false;
}
