/** `help`, `today`, `pause` and `settings`: a rep's own day and preferences. */
import { DateTime } from "luxon";
import type { Command } from "../../domain/commands/types.js";
import { commandHelp, helpLines } from "../../domain/commands/usage.js";
import { COMMAND, verbatim } from "../../domain/rich-text.js";
import { addDays, localDate } from "../../domain/time.js";
import { findRepById, updateRep } from "../../storage/reps.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { refreshDates } from "../accounts/retier.js";
import { findNudgeId, loadNudgeView } from "../nudges/nudge-view.js";
import { planReps } from "../planning/plan-reps.js";
import type { Actor, AppContext, NudgeView } from "../ports.js";
import type { Reply } from "../replies.js";
import { findRep } from "./find-rep.js";

type Of<T extends Command["type"]> = Extract<Command, { type: T }>;

export function runHelp(command: Of<"help">): Reply {
  if (command.topic) {
    const h = commandHelp[command.topic];
    return {
      kind: "info",
      title: `${COMMAND}${h.usage}`,
      lines: [`${h.what}${h.managerOnly ? " (managers)" : ""}.`, `Example: \`${COMMAND}${h.example}\``],
    };
  }
  return { kind: "info", title: "What I understand", lines: helpLines() };
}

/** A nudge's picks as the `today` answer shows them (also its redraw, on Teams). */
export function picksOfNudge(view: NudgeView): Reply {
  const date = DateTime.fromISO(view.localDate).toFormat("cccc d LLLL");
  return {
    kind: "picks",
    title: `Your picks for ${date}`,
    picks: view.picks,
    nudgeId: view.nudgeId,
    ...(view.moreCount > 0
      ? { footer: `And ${view.moreCount} more due; they roll forward by priority.` }
      : {}),
  };
}

export async function runToday(ctx: AppContext, actor: Actor): Promise<Reply> {
  const now = ctx.clock();
  const today = localDate(now, actor.timezone);
  const nudgeId = await findNudgeId(ctx.db, actor.repId, today);
  const view = nudgeId === undefined ? undefined : await loadNudgeView(ctx.db, nudgeId, now);
  const date = DateTime.fromISO(today).toFormat("cccc d LLLL");
  if (view && view.picks.length > 0) return picksOfNudge(view);
  if (view) return { kind: "info", title: `Today, ${date}`, lines: ["Nothing is due for you today."] };
  // No nudge yet: show what the planner would pick now, without saving it (no buttons, since
  // these picks do not exist yet; the nudge brings them).
  const { plans } = await planReps(ctx.db, {
    workspaceId: actor.workspaceId,
    date: today,
    now,
    repIds: [actor.repId],
  });
  const picks = plans.find((p) => p.repId === actor.repId)?.picks ?? [];
  const lines = ["Your nudge for today has not been sent yet; it comes at your nudge hour on working days."];
  if (picks.length === 0) lines.push("Nothing would be due for you today.");
  else {
    lines.push("If it were planned now, it would hold:");
    picks.forEach((p, i) => {
      lines.push(`${i + 1}. *${verbatim(p.accountName)}* (#${p.accountId}): ${verbatim(p.reason)}`);
    });
  }
  return { kind: "info", title: `Today, ${date}`, lines };
}

export async function runPause(ctx: AppContext, actor: Actor, command: Of<"pause">): Promise<Reply> {
  const target = await findRep(ctx.db, actor, command.rep);
  if (!target.ok) return { kind: "error", code: "NOT_FOUND", message: target.message };
  const rep = target.rep;
  const forSelf = rep.id === actor.repId;
  if (!forSelf && actor.role === "rep") {
    return {
      kind: "error",
      code: "FORBIDDEN",
      message: `You can pause only yourself (\`${COMMAND}pause @me <until>\`); a manager can pause others.`,
    };
  }
  let backupId: number | null = null;
  let backupName = "";
  if (command.backup) {
    const backup = await findRep(ctx.db, actor, command.backup);
    if (!backup.ok) return { kind: "error", code: "NOT_FOUND", message: backup.message };
    if (backup.rep.id === rep.id) {
      return { kind: "error", code: "INVALID", message: "The backup must be someone else." };
    }
    backupId = backup.rep.id;
    backupName = backup.rep.name;
  }
  const who = forSelf ? "You are" : `${verbatim(rep.name)} is`;
  if (command.until === null) {
    await updateRep(ctx.db, actor.workspaceId, rep.id, {
      pausedUntil: null,
      backupRepId: null,
      updatedAt: ctx.clock(),
    });
    return { kind: "info", lines: [`${who} no longer paused: nudges resume on the next working day.`] };
  }
  await updateRep(ctx.db, actor.workspaceId, rep.id, {
    pausedUntil: command.until,
    backupRepId: backupId,
    updatedAt: ctx.clock(),
  });
  const until = DateTime.fromISO(command.until).toFormat("cccc d LLLL yyyy");
  const back = DateTime.fromISO(addDays(command.until, 1)).toFormat("cccc d LLLL");
  return {
    kind: "info",
    lines: [
      `${who} paused until ${until} (inclusive); nudges resume from ${back}.`,
      backupId
        ? `${backupName} gets the due picks meanwhile.`
        : "No backup: due accounts wait until the return.",
    ],
  };
}

export async function runSettings(ctx: AppContext, actor: Actor, command: Of<"settings">): Promise<Reply> {
  const c = command.changes;
  const changing = Object.keys(c).length > 0;
  if (changing) {
    await ctx.db.transaction(async (tx) => {
      await updateRep(tx, actor.workspaceId, actor.repId, {
        ...(c.handful !== undefined ? { handful: c.handful } : {}),
        ...(c.hour !== undefined ? { nudgeHour: c.hour } : {}),
        ...(c.timezone !== undefined ? { timezone: c.timezone } : {}),
        ...(c.digest !== undefined ? { digest: c.digest } : {}),
        updatedAt: ctx.clock(),
      });
      // The planner dates of the rep's accounts are counted in the rep's zone.
      if (c.timezone !== undefined) await refreshDates(tx, actor.workspaceId, { repIds: [actor.repId] });
    });
  }
  const rep = await findRepById(ctx.db, actor.repId);
  const defaults = (await getWorkspace(ctx.db, actor.workspaceId))!.settings;
  const mark = (own: unknown) => (own === null || own === undefined ? " (workspace default)" : "");
  return {
    kind: "info",
    title: changing ? "Settings saved" : "Your settings",
    lines: [
      `Handful: ${rep!.handful ?? defaults.handful} picks a day${mark(rep!.handful)}`,
      `Nudge hour: ${String(rep!.nudgeHour ?? defaults.nudgeHour).padStart(2, "0")}:00${mark(rep!.nudgeHour)}`,
      `Time zone: ${rep!.timezone ?? defaults.timezone}${mark(rep!.timezone)}`,
      `Manager digest: ${rep!.digest ? "on" : "off"}`,
      `Change with \`${COMMAND}settings handful 3 hour 8 tz Europe/Berlin digest on\`.`,
    ],
  };
}
