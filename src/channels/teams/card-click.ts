/**
 * A click on one of our card buttons, from an `adaptiveCard/action` invoke or from the message an
 * `Action.Submit` fallback sends: run the pick action (or the command) as the clicking rep, and
 * answer with the card that should replace the clicked one, or an error that leaves it unchanged.
 */
import type { TurnContext } from "botbuilder";
import { actorForRep } from "../../app/actors.js";
import { runCommandText } from "../../app/commands/execute.js";
import { addMorePicks } from "../../app/nudges/add-more-picks.js";
import { loadNudgeView } from "../../app/nudges/nudge-view.js";
import { performPickAction } from "../../app/pick-actions.js";
import type { AppContext } from "../../app/ports.js";
import type { ErrorCode } from "../../domain/errors.js";
import { serviceMetrics } from "../../http/metrics.js";
import { findNudgeOfPick } from "../../storage/nudge-messages.js";
import { findTeamsNudgeActivity } from "../../storage/teams-nudge-messages.js";
import { readCardIntent, readTypedForm } from "./card-input.js";
import { refreshOfNudge, refreshOfReply, withRefresh } from "./card-refresh.js";
import { type AdaptiveCard, cardAttachment } from "./cards/elements.js";
import { nudgeCard } from "./cards/nudge-card.js";
import { replyCard } from "./cards/reply-card.js";

export type ClickOutcome =
  /** `card` carries its refresh (card-refresh.ts) for the clicking user, when it shows picks. */
  { ok: true; card: AdaptiveCard; nudgeId?: number } | { ok: false; code: ErrorCode; message: string };

export async function handleCardClick(
  ctx: AppContext,
  who: { workspaceId: number; repId: number; userId: string | undefined },
  data: unknown,
  dedupeKey: string,
): Promise<ClickOutcome> {
  const actor = await actorForRep(ctx.db, who.workspaceId, who.repId);
  if (!actor) return { ok: false, code: "UNKNOWN_USER", message: "Your rep record is gone; ask an admin." };
  const now = ctx.clock();
  const intent = readCardIntent(data, actor.timezone, now);
  switch (intent.kind) {
    case "invalid":
      return (
        (await formGivenBack(ctx, actor.repId, data, intent.message)) ?? {
          ok: false,
          code: "INVALID",
          message: intent.message,
        }
      );
    case "command": {
      const reply = await runCommandText(ctx, actor, intent.command);
      const card = replyCard(reply, { now, zone: actor.timezone });
      return { ok: true, card: withRefresh(card, who.userId, refreshOfReply(reply)) };
    }
    case "more": {
      const result = await addMorePicks(ctx, actor, intent.nudgeId, intent.shown);
      if (!result.ok) return result;
      const view = await loadNudgeView(ctx.db, result.nudgeId, ctx.clock());
      if (!view) return { ok: false, code: "NOT_FOUND", message: "That nudge no longer exists." };
      const card = nudgeCard(view, { now: ctx.clock(), notice: result.message });
      return {
        ok: true,
        card: withRefresh(card, who.userId, refreshOfNudge(view.nudgeId)),
        nudgeId: view.nudgeId,
      };
    }
    case "pick": {
      const result = await performPickAction(ctx, actor, {
        pickId: intent.pickId,
        action: intent.action,
        dedupeKey,
      });
      serviceMetrics.recordClick("teams", result.ok ? "ok" : result.code);
      if (!result.ok && result.code === "INVALID") {
        return (await formGivenBack(ctx, actor.repId, data, result.message)) ?? result;
      }
      // Only a refusal can lack the nudge (the pick is gone, or not the clicker's).
      if (!result.ok && result.nudgeId === undefined) return result;
      const view = await loadNudgeView(ctx.db, result.nudgeId ?? -1, ctx.clock());
      if (!view) return { ok: false, code: "NOT_FOUND", message: "That nudge no longer exists." };
      // A refused click on a stale copy answers with the nudge as it is now, and says why.
      const notice = result.ok ? result.message : `${result.message} (error code ${result.code})`;
      const card = nudgeCard(view, { now: ctx.clock(), notice, ...(result.ok ? {} : { refused: true }) });
      return {
        ok: true,
        card: withRefresh(card, who.userId, refreshOfNudge(view.nudgeId)),
        nudgeId: view.nudgeId,
      };
    }
  }
}

/**
 * A note or promise refused (a past date, say): the rep's nudge comes back with that form open,
 * what was typed in it, and the reason under its fields. Undefined when the click was no form
 * or the pick is not in one of the rep's nudges.
 */
async function formGivenBack(
  ctx: AppContext,
  repId: number,
  data: unknown,
  error: string,
): Promise<ClickOutcome | undefined> {
  const form = readTypedForm(data);
  if (!form) return undefined;
  const nudgeId = await findNudgeOfPick(ctx.db, form.pickId, repId);
  const view = nudgeId === undefined ? undefined : await loadNudgeView(ctx.db, nudgeId, ctx.clock());
  if (!view) return undefined;
  // No refresh on this copy: redrawn when viewed, it would lose what was typed in the form.
  return { ok: true, card: nudgeCard(view, { now: ctx.clock(), form: { ...form, error } }) };
}

/**
 * A click on a card other than the nudge itself (the `today` answer, say) also updates the
 * morning message, so that it never offers buttons for picks already done. Best effort.
 */
export async function syncNudgeMessage(
  ctx: AppContext,
  context: TurnContext,
  outcome: ClickOutcome,
): Promise<void> {
  if (!outcome.ok || outcome.nudgeId === undefined) return;
  const clicked = context.activity.replyToId;
  const nudgeActivityId = await findTeamsNudgeActivity(ctx.db, outcome.nudgeId);
  if (!clicked || !nudgeActivityId || nudgeActivityId === clicked) return;
  try {
    await context.updateActivity({
      type: "message",
      id: nudgeActivityId,
      attachments: [cardAttachment(outcome.card)],
    });
  } catch (err) {
    ctx.logger.warn({ err, nudge: outcome.nudgeId }, "could not update the morning message after a click");
  }
}
