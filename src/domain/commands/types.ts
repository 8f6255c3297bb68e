/**
 * The `/retention` commands as typed values: what the shared parser produces for Slack and Teams
 * alike, and what the use cases execute. Plain data, no I/O.
 */

import type { CheckInChannel, CheckInOutcome } from "../planner/types.js";

/** An account as the user named it: `#<id>` exactly, or a case-insensitive name prefix. */
export type AccountRef = { kind: "id"; id: number } | { kind: "name"; text: string };

/** A rep as the user named them: a Slack mention, an email, a name, or themselves. */
export type RepRef =
  | { kind: "self" }
  | { kind: "slack"; userId: string }
  | { kind: "email"; email: string }
  | { kind: "name"; text: string };

/** `other` when the user named no channel: the data says only what the user said. */
export type LogChannel = Exclude<CheckInChannel, "message">;

export type LogOutcome = CheckInOutcome;

export interface SettingsChanges {
  handful?: number;
  hour?: number;
  timezone?: string;
  digest?: boolean;
}

/** `settings workspace [key value]`: show the workspace's settings, or change one (managers). */
export interface WorkspaceSettingsRequest {
  change?: { key: string; value: string };
}

export type Command =
  | { type: "help"; topic?: CommandName }
  | { type: "today" }
  /** Today's picks, open promises and coverage in one message (Slack's App Home, in any chat). */
  | { type: "home" }
  | { type: "log"; account: AccountRef; channel: LogChannel; outcome?: LogOutcome; note?: string }
  /** `until`: the local date the account is due again (left out of plans before it). */
  | { type: "snooze"; account: AccountRef; until: string }
  | { type: "promise"; account: AccountRef; dueAt: Date; what: string }
  | { type: "account"; account: AccountRef }
  | { type: "lost"; account: AccountRef; reason: string }
  | { type: "won"; account: AccountRef }
  /** `detail`: which nudges work (issue 13): per pick kind and rep, delivered, acted on, ignored. */
  | { type: "report"; rep?: RepRef; detail?: boolean }
  | { type: "neglected"; limit: number }
  | { type: "departed" }
  | { type: "dashboard" }
  /** The manager's weekly digest, on demand. */
  | { type: "digest" }
  | { type: "assign"; account: AccountRef; rep: RepRef }
  /** `until`: the last paused local date (inclusive), or null to end a pause now. */
  | { type: "pause"; rep: RepRef; until: string | null; backup?: RepRef }
  | { type: "settings"; changes: SettingsChanges; workspace?: WorkspaceSettingsRequest };

export type CommandName = Command["type"];

export const commandNames: readonly CommandName[] = [
  "help",
  "today",
  "home",
  "log",
  "snooze",
  "promise",
  "account",
  "lost",
  "won",
  "report",
  "neglected",
  "departed",
  "dashboard",
  "digest",
  "assign",
  "pause",
  "settings",
];

export type ParseResult = { ok: true; command: Command } | { ok: false; error: string; usage: string };

/** The longest free text (note, promise, reason) a command accepts. */
export const MAX_TEXT_LENGTH = 2000;
