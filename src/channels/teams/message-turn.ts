/**
 * A message to the bot: a `/retention` command in words (with or without the word `retention`),
 * or the `value` an `Action.Submit` fallback sends when a client does not know `Action.Execute`.
 * A redelivered message (same activity id) is handled once.
 */
import { TurnContext as Turn, type TurnContext } from "botbuilder";
import { actorForRep } from "../../app/actors.js";
import { runCommandText } from "../../app/commands/execute.js";
import { loadHome } from "../../app/commands/home-command.js";
import type { AppContext } from "../../app/ports.js";
import { claimActivity, releaseActivity } from "../../storage/teams-activities.js";
import { handleCardClick, syncNudgeMessage } from "./card-click.js";
import { isOurCardData } from "./card-input.js";
import { refreshOfReply, withRefresh } from "./card-refresh.js";
import { REFRESH_VERB } from "./cards/card-actions.js";
import { cardAttachment } from "./cards/elements.js";
import { homeCard } from "./cards/home-card.js";
import { replyCard } from "./cards/reply-card.js";
import { isPersonal, rememberConversation } from "./install.js";
import { noTenantReply, personalOnlyReply, unknownUserReply } from "./notices.js";
import { sendCard, sendReply } from "./send-reply.js";
import { identifyUser } from "./teams-user.js";

export async function handleMessage(ctx: AppContext, context: TurnContext): Promise<void> {
  const at = { now: ctx.clock(), zone: "UTC" };
  if (!isPersonal(context)) {
    await sendReply(context, personalOnlyReply, at);
    return;
  }
  const user = await identifyUser(ctx.db, context, { bind: true });
  if (!user) {
    await sendReply(context, noTenantReply, at);
    return;
  }
  // Keeps the reference fresh, and covers users whose install event never reached us.
  await rememberConversation(ctx, context, user);
  const { activity } = context;
  const activityId = activity.id;
  if (activityId && !(await claimActivity(ctx.db, user.workspaceId, activity.conversation.id, activityId))) {
    ctx.logger.info({ activity: activityId }, "duplicate Teams message ignored");
    return;
  }
  try {
    if (user.repId === undefined) {
      await sendReply(context, unknownUserReply(user.address, user.aadObjectId), at);
      return;
    }
    if (isOurCardData(activity.value)) {
      await handleSubmit(ctx, context, { workspaceId: user.workspaceId, repId: user.repId });
      return;
    }
    const actor = await actorForRep(ctx.db, user.workspaceId, user.repId);
    if (!actor) {
      await sendReply(context, unknownUserReply(user.address, user.aadObjectId), at);
      return;
    }
    const text = commandText(context);
    const mine = { now: ctx.clock(), zone: actor.timezone };
    const userId = activity.from?.id;
    if (text.toLowerCase() === "home") {
      const card = homeCard(await loadHome(ctx, actor), mine);
      await sendCard(context, withRefresh(card, userId, { rb: REFRESH_VERB, view: "home" }));
      return;
    }
    const reply = await runCommandText(ctx, actor, text);
    await sendCard(context, withRefresh(replyCard(reply, mine), userId, refreshOfReply(reply)));
  } catch (err) {
    if (activityId) await releaseActivity(ctx.db, activity.conversation.id, activityId);
    throw err;
  }
}

/** The Action.Submit path: the same click, answered by replacing the clicked card. */
async function handleSubmit(
  ctx: AppContext,
  context: TurnContext,
  who: { workspaceId: number; repId: number },
): Promise<void> {
  const { activity } = context;
  const outcome = await handleCardClick(
    ctx,
    { ...who, userId: activity.from?.id },
    activity.value,
    `teams:${activity.id}`,
  );
  if (!outcome.ok) {
    ctx.logger.info({ code: outcome.code, repId: who.repId }, outcome.message);
    await sendReply(
      context,
      { kind: "error", code: outcome.code, message: outcome.message },
      {
        now: ctx.clock(),
        zone: "UTC",
      },
    );
    return;
  }
  if (activity.replyToId) {
    await context.updateActivity({
      type: "message",
      id: activity.replyToId,
      attachments: [cardAttachment(outcome.card)],
    });
    await syncNudgeMessage(ctx, context, outcome);
  } else {
    await sendCard(context, outcome.card);
  }
}

/** The typed words, without an @mention of the bot or a leading slash. */
function commandText(context: TurnContext): string {
  const text = Turn.removeRecipientMention(context.activity) ?? context.activity.text ?? "";
  return text.trim().replace(/^\//, "");
}
