import type { Logger } from "pino";
import type { ChatChannel, MessageRef, NudgeView, Recipient } from "../../app/ports.js";
import type { Reply } from "../../app/replies.js";

export interface LogChannelOptions {
  /** Also writes each nudge as readable text here (the CLI passes stdout). */
  out?: { write(text: string): unknown };
}

/** Writes nudges to the log: the channel `npm start` uses when no chat platform is configured. */
export function createLogChannel(logger: Logger, options: LogChannelOptions = {}): ChatChannel {
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
      options.out?.write(formatNudge(nudge));
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

/** A nudge as plain text: a header line, then one numbered line per pick. */
export function formatNudge(nudge: NudgeView): string {
  const { recipient } = nudge;
  const lines = [`Nudge for ${recipient.name} <${recipient.email}>, ${nudge.localDate}:`];
  nudge.picks.forEach((pick, i) => {
    lines.push(`  ${i + 1}. ${pick.accountName} — ${pick.reason}`);
  });
  if (nudge.moreCount > 0) lines.push(`  …and ${nudge.moreCount} more due, rolling forward`);
  return `${lines.join("\n")}\n`;
}
