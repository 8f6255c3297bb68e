/**
 * Writes a command back as text the parser reads to the same command. Used for the "which
 * account?" buttons: each re-runs the command with the account named exactly, as `#<id>`.
 */
import { DateTime } from "luxon";
import type { AccountRef, Command, RepRef } from "./types.js";

export function formatCommand(command: Command, zone: string): string {
  switch (command.type) {
    case "help":
      return command.topic ? `help ${command.topic}` : "help";
    case "today":
    case "home":
    case "departed":
    case "dashboard":
    case "digest":
      return command.type;
    case "log":
      return join(
        "log",
        account(command.account),
        command.channel === "other" ? "" : command.channel,
        command.outcome,
        command.note,
      );
    case "snooze":
      return join("snooze", account(command.account), command.until);
    case "promise":
      return join(
        "promise",
        account(command.account),
        DateTime.fromJSDate(command.dueAt, { zone }).toFormat("yyyy-MM-dd HH:mm"),
        command.what,
      );
    case "account":
    case "won":
      return join(command.type, account(command.account));
    case "lost":
      return join("lost", account(command.account), command.reason);
    case "report":
      return join("report", command.rep && rep(command.rep), command.detail ? "--detail" : "");
    case "neglected":
      return `neglected ${command.limit}`;
    case "assign":
      return join("assign", account(command.account), rep(command.rep));
    case "pause":
      return join("pause", rep(command.rep), command.until ?? "off", command.backup && rep(command.backup));
    case "settings": {
      const c = command.changes;
      if (command.workspace) {
        const w = command.workspace.change;
        return join("settings", "workspace", w ? `${w.key} ${w.value}` : "");
      }
      return join(
        "settings",
        c.handful !== undefined ? `handful ${c.handful}` : "",
        c.hour !== undefined ? `hour ${c.hour}` : "",
        c.timezone !== undefined ? `tz ${c.timezone}` : "",
        c.digest !== undefined ? `digest ${c.digest ? "on" : "off"}` : "",
      );
    }
  }
}

function account(ref: AccountRef): string {
  return ref.kind === "id" ? `#${ref.id}` : `"${ref.text.replace(/"/g, "")}"`;
}

function rep(ref: RepRef): string {
  switch (ref.kind) {
    case "self":
      return "@me";
    case "slack":
      return `<@${ref.userId}>`;
    case "email":
      return `@${ref.email}`;
    case "name":
      return /^[\p{L}\p{N}._'-]+$/u.test(ref.text) ? `@${ref.text}` : `<at>${ref.text}</at>`;
  }
}

function join(...parts: (string | undefined)[]): string {
  return parts.filter((p) => p !== undefined && p !== "").join(" ");
}
