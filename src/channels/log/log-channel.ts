import type { Logger } from "pino";
import type { ChatChannel, MessageRef, NudgeView, Recipient } from "../../app/ports.js";
import type { Reply } from "../../app/replies.js";
import { plainText } from "../../domain/rich-text.js";

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
      options.out?.write(`To ${recipient.name} <${recipient.email}>:\n${formatReply(reply)}`);
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

/** A reply as plain text (the digest, a notice to a manager): title, lines, a padded table, footer. */
export function formatReply(reply: Reply): string {
  const text = (t: string) => plainText(t, "retention ").replace(/\*/g, "");
  const lines: string[] = [];
  switch (reply.kind) {
    case "info":
      if (reply.title) lines.push(text(reply.title));
      lines.push(...reply.lines.map(text));
      break;
    case "error":
      lines.push(`error [${reply.code}]: ${text(reply.message)}`);
      break;
    case "picks":
      lines.push(
        text(reply.title),
        ...reply.picks.map((p, i) => `  ${i + 1}. ${p.accountName} — ${p.reason}`),
      );
      break;
    case "choose":
      lines.push(text(reply.prompt), ...reply.options.map((o) => `  - ${o.label}`));
      break;
    case "table": {
      lines.push(text(reply.title), ...(reply.intro ?? []).map(text));
      const cells = [reply.columns, ...reply.rows].map((r) => r.map(text));
      const widths = reply.columns.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? "").length)));
      const row = (r: string[]) =>
        `  ${r
          .map((c, i) => c.padEnd(widths[i] ?? 0))
          .join("  ")
          .trimEnd()}`;
      if (reply.rows.length > 0)
        lines.push(row(cells[0]!), row(widths.map((w) => "-".repeat(w))), ...cells.slice(1).map(row));
      if (reply.footer) lines.push(...reply.footer.split("\n").map(text));
      break;
    }
  }
  return `${lines.join("\n")}\n`;
}
