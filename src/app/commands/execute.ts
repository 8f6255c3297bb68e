/**
 * Runs a `/retention` command for an actor, whatever the platform: the role rules (some commands
 * are for managers), then the use case. Every answer is a channel-agnostic Reply; nothing here throws for a
 * user's mistake.
 */
import { formatCommand } from "../../domain/commands/format.js";
import { parseCommand } from "../../domain/commands/parse.js";
import type { Command, CommandName } from "../../domain/commands/types.js";
import { COMMAND } from "../../domain/rich-text.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { runWorkspaceSettings } from "../settings/workspace-settings.js";
import { runAccount, runAssign, runLost, runWon } from "./account-commands.js";
import { runLog, runPromise, runSnooze } from "./contact-commands.js";
import { runDigest, runReportDetail } from "./digest-commands.js";
import { runHome } from "./home-command.js";
import { runDashboardLink, runDeparted, runNeglected, runReport } from "./manager-commands.js";
import { runHelp, runPause, runSettings, runToday } from "./rep-commands.js";

const managerOnly: ReadonlySet<CommandName> = new Set([
  "report",
  "neglected",
  "departed",
  "dashboard",
  "digest",
  "assign",
]);

/** Parses `text` in the actor's zone at the context's clock, then executes it. */
export async function runCommandText(ctx: AppContext, actor: Actor, text: string): Promise<Reply> {
  const parsed = parseCommand(text, { now: ctx.clock(), zone: actor.timezone });
  if (!parsed.ok) return { kind: "error", code: "USAGE", message: `${parsed.error}\n${parsed.usage}` };
  return executeCommand(ctx, actor, parsed.command);
}

export async function executeCommand(ctx: AppContext, actor: Actor, command: Command): Promise<Reply> {
  if (managerOnly.has(command.type) && actor.role === "rep") {
    return {
      kind: "error",
      code: "FORBIDDEN",
      message: `\`${COMMAND}${command.type}\` is for managers. Ask yours, or try \`${COMMAND}help\` for what you can do.`,
    };
  }
  ctx.logger.debug({ rep: actor.repId, command: formatCommand(command, actor.timezone) }, "command");
  switch (command.type) {
    case "help":
      return runHelp(command);
    case "today":
      return runToday(ctx, actor);
    case "home":
      return runHome(ctx, actor);
    case "log":
      return runLog(ctx, actor, command);
    case "snooze":
      return runSnooze(ctx, actor, command);
    case "promise":
      return runPromise(ctx, actor, command);
    case "account":
      return runAccount(ctx, actor, command);
    case "lost":
      return runLost(ctx, actor, command);
    case "won":
      return runWon(ctx, actor, command);
    case "report":
      return command.detail ? runReportDetail(ctx, actor, command) : runReport(ctx, actor, command);
    case "digest":
      return runDigest(ctx, actor);
    case "neglected":
      return runNeglected(ctx, actor, command);
    case "departed":
      return runDeparted(ctx, actor);
    case "dashboard":
      return runDashboardLink(ctx, actor);
    case "assign":
      return runAssign(ctx, actor, command);
    case "pause":
      return runPause(ctx, actor, command);
    case "settings":
      if (command.workspace) return runWorkspaceSettings(ctx, actor, command.workspace.change);
      return runSettings(ctx, actor, command);
  }
}
