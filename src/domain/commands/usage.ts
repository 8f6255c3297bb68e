/** The usage line and an example of every `/retention` command, for errors and `help`. */
import { COMMAND } from "../rich-text.js";
import type { CommandName } from "./types.js";

interface CommandHelp {
  usage: string;
  what: string;
  example: string;
  managerOnly?: boolean;
}

export const commandHelp: Record<CommandName, CommandHelp> = {
  help: { usage: "help [command]", what: "the commands, with examples", example: "help promise" },
  today: { usage: "today", what: "my picks for today, with buttons", example: "today" },
  home: {
    usage: "home",
    what: "today's picks, open promises and my coverage (managers: the team's) in one place",
    example: "home",
  },
  log: {
    usage: "log <account> [call|email|meeting|video] [note]",
    what: "log a contact now",
    example: "log Acme call asked about the Q3 order",
  },
  snooze: {
    usage: "snooze <account> <days|date>",
    what: "leave an account out until then",
    example: "snooze Acme 14",
  },
  promise: {
    usage: "promise <account> <when> <what>",
    what: "a follow-up commitment; when like `tue 4pm`, `tomorrow 9am`, `2026-12-01`, `in 3 days`",
    example: "promise Acme tue 4pm send the pricing sheet",
  },
  account: {
    usage: "account <account>",
    what: "value, tier, cadence, last contacts, promises, risk",
    example: "account Acme",
  },
  lost: { usage: "lost <account> <reason>", what: "move to the departed folder", example: "lost Acme price" },
  won: { usage: "won <account>", what: "won back: active again", example: "won Acme" },
  report: {
    usage: "report [@rep] [--detail]",
    what: "coverage per rep; with `--detail`, which nudges work: per kind of pick and rep, delivered, acted on, ignored, and the kinds too noisy",
    example: "report --detail",
    managerOnly: true,
  },
  neglected: {
    usage: "neglected [n]",
    what: "the n most valuable accounts most overdue (default 10, at most 50)",
    example: "neglected 20",
    managerOnly: true,
  },
  departed: {
    usage: "departed",
    what: "lost accounts: reasons, tenure, win-back status",
    example: "departed",
    managerOnly: true,
  },
  dashboard: {
    usage: "dashboard",
    what: "a personal link to the team's dashboard, valid 24 hours",
    example: "dashboard",
    managerOnly: true,
  },
  digest: {
    usage: "digest",
    what: "the weekly digest now: coverage against last week, the most valuable neglected accounts, revenue at risk, escalations, who may need help",
    example: "digest",
    managerOnly: true,
  },
  assign: {
    usage: "assign <account> @rep",
    what: "change an account's owner",
    example: "assign Acme @jane@example.com",
    managerOnly: true,
  },
  pause: {
    usage: "pause [@rep] <until|off> [@backup]",
    what: "vacation: no nudges until then (inclusive); a backup gets the due picks",
    example: "pause @me 2026-08-14 @sam@example.com",
  },
  settings: {
    usage:
      "settings [handful <1-20>] [hour <0-23>] [tz <IANA zone>] [digest on|off] | settings workspace [<setting> <value>]",
    what: "my personal settings (no arguments shows them); `settings workspace` shows the workspace's, which managers change",
    example: "settings handful 3 hour 8 tz Europe/Berlin",
  },
};

/** "Usage: /retention <line>" (Slack) or "Usage: <line>" (Teams) for one command. */
export function usageOf(name: CommandName): string {
  return `Usage: ${COMMAND}${commandHelp[name].usage}`;
}

export const generalUsage = `Usage: ${COMMAND}<command> …, for example \`${COMMAND}help\``;

/** One line per command, for `help`. */
export function helpLines(): string[] {
  return Object.values(commandHelp).map(
    (h) =>
      `\`${COMMAND}${h.usage}\`: ${h.what}${h.managerOnly ? " (managers)" : ""}. Example: \`${COMMAND}${h.example}\``,
  );
}
