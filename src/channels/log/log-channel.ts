import type { Logger } from "pino";
import type { ChatChannel, MessageRef, NudgeView, Recipient } from "../../app/ports.js";
import type { Reply } from "../../app/replies.js";

/** Writes nudges to the log: the channel `npm start` uses when no chat platform is configured. */
export function createLogChannel(logger: Logger): ChatChannel {
  return {
    platform: "log",
    canReach: () => true,
    sendNudge: async (nudge: NudgeView): Promise<MessageRef> => {
      logger.info(
        {
          nudge: nudge.nudgeId,
          rep: nudge.recipient.email,
          date: nudge.localDate,
          picks: nudge.picks.map((p) => ({ account: p.accountName, kind: p.kind, reason: p.reason })),
        },
        `nudge for ${nudge.recipient.name}: ${nudge.picks.length} pick(s)`,
      );
      return { platform: "log", nudgeId: String(nudge.nudgeId) };
    },
    updateNudge: async (_ref: MessageRef, nudge: NudgeView) => {
      logger.info({ nudge: nudge.nudgeId }, "nudge updated");
    },
    notify: async (recipient: Recipient, reply: Reply) => {
      logger.info({ rep: recipient.email, reply }, "notification");
    },
  };
}
