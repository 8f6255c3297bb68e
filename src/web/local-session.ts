/**
 * Local mode's server side: the rep view and the command box run the very use cases a Slack click
 * or command runs, and answer with the very Block Kit JSON the Slack channel sends.
 */
import { DateTime } from "luxon";
import { actorForRep } from "../app/actors.js";
import { runCommandText } from "../app/commands/execute.js";
import { loadDemo } from "../app/demo/load-demo.js";
import { runMorning } from "../app/morning/run-morning.js";
import { findNudgeId, loadNudgeView } from "../app/nudges/nudge-view.js";
import { performPickAction } from "../app/pick-actions.js";
import type { AppContext, PickAction } from "../app/ports.js";
import { loadReps } from "../app/reports/book-scope.js";
import { ACTIONS, parseMoreValue, parsePickId } from "../channels/slack/action-ids.js";
import { noteModal, promiseModal } from "../channels/slack/blocks/modals.js";
import { buildNudgeMessage, type SlackMessage } from "../channels/slack/blocks/nudge-blocks.js";
import { buildReplyMessage } from "../channels/slack/blocks/reply-blocks.js";
import { localDate } from "../domain/time.js";
import { getWorkspace } from "../storage/workspaces.js";
import type { LocalClock } from "./local-clock.js";

const HOUR_MS = 3_600_000;

/** The same mapping as Slack's button listener: Called, Emailed, Met, Undo. */
const buttonActions: Record<string, PickAction> = {
  [ACTIONS.call]: { type: "log", channel: "call" },
  [ACTIONS.email]: { type: "log", channel: "email" },
  [ACTIONS.meet]: { type: "log", channel: "meeting" },
  [ACTIONS.undo]: { type: "undo" },
};

export interface ClickResult {
  message?: SlackMessage;
  modal?: unknown;
  notice?: string;
  error?: string;
}

export class LocalSession {
  constructor(
    private readonly ctx: AppContext,
    private readonly clock: LocalClock,
    readonly workspaceId: number,
  ) {}

  async state() {
    const settings = await this.settings();
    const reps = await loadReps(this.ctx.db, this.workspaceId, settings);
    const now = this.ctx.clock();
    return {
      today: localDate(now, settings.timezone),
      daysAhead: this.clock.daysAhead,
      reps: reps.map((r) => ({ id: r.id, name: r.name, role: r.role })),
    };
  }

  async loadDemo(): Promise<void> {
    const now = this.ctx.clock();
    await loadDemo(this.ctx.db, this.workspaceId, now);
    await this.sweep(new Date(now.getTime() - 24 * HOUR_MS), now);
  }

  /** Moves "Today" forward and runs the scheduler's passes, hour by hour, over the days skipped. */
  async advance(days: number): Promise<void> {
    const { from, to } = this.clock.advance(days);
    await this.sweep(from, to);
  }

  /** The rep's nudge of today (or, before their nudge hour, of yesterday), as Slack shows it. */
  async nudge(repId: number): Promise<{ localDate: string; message: SlackMessage } | { note: string }> {
    const actor = await actorForRep(this.ctx.db, this.workspaceId, repId);
    if (!actor) return { note: "No such rep." };
    const now = this.ctx.clock();
    const today = DateTime.fromJSDate(now, { zone: actor.timezone });
    for (const day of [today, today.minus({ days: 1 })]) {
      const id = await findNudgeId(this.ctx.db, repId, day.toISODate() as string);
      const view = id === undefined ? undefined : await loadNudgeView(this.ctx.db, id, now);
      if (view) return { localDate: view.localDate, message: buildNudgeMessage(view, now) };
    }
    return { note: "No nudge for this rep yet today: it comes at their nudge hour on working days." };
  }

  /** A click on a button or an overflow option of a rendered message. */
  async click(repId: number, actionId: string, value: string): Promise<ClickResult> {
    const actor = await actorForRep(this.ctx.db, this.workspaceId, repId);
    if (!actor) return { error: "No such rep." };
    if (actionId === ACTIONS.runCommand) return this.command(repId, value);
    let pickId: number | undefined;
    let action: PickAction | undefined;
    if (actionId === ACTIONS.more) {
      const chosen = parseMoreValue(value);
      if (!chosen) return { error: "That button is not one this app knows. (code UNKNOWN_ACTION)" };
      pickId = chosen.pickId;
      if (chosen.choice === "snooze_week") action = { type: "snooze", days: 7 };
      else if (chosen.choice === "snooze_month") action = { type: "snooze", days: 30 };
      else if (chosen.choice === "not_mine") action = { type: "not_mine" };
      else {
        const due = DateTime.fromJSDate(this.ctx.clock(), { zone: "UTC" })
          .plus({ days: 1 })
          .set({ hour: 10, minute: 0, second: 0 })
          .toJSDate();
        const origin = { pickId };
        const modal =
          chosen.choice === "note"
            ? noteModal("this account", origin)
            : promiseModal("this account", origin, due);
        return { modal };
      }
    } else {
      pickId = parsePickId(value);
      action = buttonActions[actionId];
    }
    if (pickId === undefined || !action)
      return { error: "That button is not one this app knows. (code UNKNOWN_ACTION)" };
    return this.act(repId, pickId, action);
  }

  /** A submitted note or promise form. */
  async submit(repId: number, pickId: number, action: PickAction): Promise<ClickResult> {
    return this.act(repId, pickId, action);
  }

  async command(repId: number, text: string): Promise<ClickResult> {
    const actor = await actorForRep(this.ctx.db, this.workspaceId, repId);
    if (!actor) return { error: "No such rep." };
    const reply = await runCommandText(this.ctx, actor, text.replace(/^\s*\/retention\b/, "").trim());
    return { message: buildReplyMessage(reply, { now: this.ctx.clock(), zone: actor.timezone }) };
  }

  private async act(repId: number, pickId: number, action: PickAction): Promise<ClickResult> {
    const actor = await actorForRep(this.ctx.db, this.workspaceId, repId);
    if (!actor) return { error: "No such rep." };
    const result = await performPickAction(this.ctx, actor, { pickId, action });
    if (!result.ok) return { error: `${result.message} (code ${result.code})` };
    const now = this.ctx.clock();
    const view = await loadNudgeView(this.ctx.db, result.nudgeId, now);
    return { notice: result.message, ...(view ? { message: buildNudgeMessage(view, now) } : {}) };
  }

  private async sweep(from: Date, to: Date): Promise<void> {
    for (let t = from.getTime() + HOUR_MS; t <= to.getTime(); t += HOUR_MS) {
      await runMorning(this.ctx, new Date(t), { workspaceId: this.workspaceId });
    }
  }

  private async settings() {
    return (await getWorkspace(this.ctx.db, this.workspaceId))!.settings;
  }
}
