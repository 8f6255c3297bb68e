/**
 * The Teams bot: installation events, messages, and `adaptiveCard/action` invokes (clicks on an
 * `Action.Execute` button, answered with the updated card so Teams replaces it in place).
 */
import { type InvokeResponse, TeamsActivityHandler, type TurnContext } from "botbuilder";
import type { AppContext } from "../../app/ports.js";
import { ERROR_CATALOGUE } from "../../domain/errors.js";
import { handleCardClick, syncNudgeMessage } from "./card-click.js";
import { isOurCardData } from "./card-input.js";
import { readRefreshData, refreshedCard } from "./card-refresh.js";
import { teamsPlain } from "./cards/card-text.js";
import { ADAPTIVE_CARD_CONTENT_TYPE, type AdaptiveCard } from "./cards/elements.js";
import { handleInstall, handleUninstall, isPersonal } from "./install.js";
import { handleMessage } from "./message-turn.js";
import { unknownUserText } from "./notices.js";
import { sendReply } from "./send-reply.js";
import { identifyUser } from "./teams-user.js";

const MESSAGE_RESPONSE_TYPE = "application/vnd.microsoft.activity.message";
const ERROR_RESPONSE_TYPE = "application/vnd.microsoft.error";

export class RetentionTeamsBot extends TeamsActivityHandler {
  constructor(private readonly ctx: AppContext) {
    super();
    this.onInstallationUpdateAdd(async (context, next) => {
      await handleInstall(ctx, context);
      await next();
    });
    this.onInstallationUpdateRemove(async (context, next) => {
      await handleUninstall(ctx, context);
      await next();
    });
    // Teams also announces a personal install as the bot joining the conversation.
    this.onMembersAdded(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersAdded?.some((m) => m.id === botId)) await handleInstall(ctx, context);
      await next();
    });
    this.onMembersRemoved(async (context, next) => {
      const botId = context.activity.recipient.id;
      if (context.activity.membersRemoved?.some((m) => m.id === botId)) await handleUninstall(ctx, context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await handleMessage(ctx, context);
      await next();
    });
  }

  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== "adaptiveCard/action") return super.onInvokeActivity(context);
    try {
      return await this.onCardAction(context);
    } catch (err) {
      this.ctx.logger.error({ err, activity: context.activity.id }, "a Teams card action failed");
      return errorResponse(500, "InternalError", ERROR_CATALOGUE.INTERNAL);
    }
  }

  private async onCardAction(context: TurnContext): Promise<InvokeResponse> {
    const value = context.activity.value as { action?: { type?: unknown; data?: unknown } } | undefined;
    const data = value?.action?.data;
    if (value?.action?.type !== "Action.Execute" || !isOurCardData(data)) {
      return errorResponse(400, "BadRequest", ERROR_CATALOGUE.UNKNOWN_ACTION);
    }
    if (!isPersonal(context)) return messageResponse("I work in a personal chat only.");
    const user = await identifyUser(this.ctx.db, context, { bind: true });
    if (!user || user.repId === undefined) {
      const text = unknownUserText(user?.address, user?.aadObjectId ?? context.activity.from.id);
      return messageResponse(`${text} (code UNKNOWN_USER)`);
    }
    const who = { workspaceId: user.workspaceId, repId: user.repId, userId: context.activity.from?.id };
    const refresh = readRefreshData(data);
    if (refresh) {
      // Teams viewing a card of ours: the same view as it is now (nothing is changed or counted).
      const card = await refreshedCard(this.ctx, who, refresh);
      return card ? cardResponse(card) : errorResponse(404, "NotFound", "That card's content is gone.");
    }
    const outcome = await handleCardClick(this.ctx, who, data, `teams:${context.activity.id}`);
    if (outcome.ok) {
      await syncNudgeMessage(this.ctx, context, outcome);
      return cardResponse(outcome.card);
    }
    // The clicked card stays as it was; the user gets the reason (and its code) as a message of its own.
    this.ctx.logger.info({ code: outcome.code, repId: user.repId }, outcome.message);
    await sendReply(
      context,
      { kind: "error", code: outcome.code, message: outcome.message },
      { now: this.ctx.clock(), zone: "UTC" },
    );
    return messageResponse(`${outcome.message} (code ${outcome.code})`);
  }
}

function cardResponse(card: AdaptiveCard): InvokeResponse {
  return { status: 200, body: { statusCode: 200, type: ADAPTIVE_CARD_CONTENT_TYPE, value: card } };
}

function messageResponse(message: string): InvokeResponse {
  const value = teamsPlain(message);
  return { status: 200, body: { statusCode: 200, type: MESSAGE_RESPONSE_TYPE, value } };
}

function errorResponse(status: number, code: string, message: string): InvokeResponse {
  return { status, body: { statusCode: status, type: ERROR_RESPONSE_TYPE, value: { code, message } } };
}
