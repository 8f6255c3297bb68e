/**
 * The Teams adapter: botbuilder's CloudAdapter and our bot on `POST /api/messages`, and the Teams
 * chat channel. On when MICROSOFT_APP_ID is set (JWT-checked), or with TEAMS_LOCAL=on for a local
 * run without an app id (loopback callers only: the Agents Playground, tests).
 */
import type { ChatAdapterFactory } from "../adapter.js";
import { createSendPacer, teamsLimits } from "../send-pacer.js";
import { RetentionTeamsBot } from "./bot.js";
import { createCloudAdapter } from "./cloud-adapter.js";
import { messagesRoute } from "./messages-route.js";
import { internalErrorReply } from "./notices.js";
import { sendReply } from "./send-reply.js";
import { createTeamsChannel } from "./teams-channel.js";

export const createTeamsAdapter: ChatAdapterFactory = async (config, ctx) => {
  const appId = config.MICROSOFT_APP_ID;
  if (!appId && !config.TEAMS_LOCAL) return undefined;
  const logger = ctx.logger.child({ channel: "teams" });
  const adapter = createCloudAdapter(
    {
      appId,
      appPassword: config.MICROSOFT_APP_PASSWORD,
      tenantId: config.MICROSOFT_APP_TENANT_ID,
      appType: config.MICROSOFT_APP_TYPE,
    },
    logger,
  );
  adapter.onTurnError = async (context, error) => {
    logger.error(
      { err: error, code: "INTERNAL", activity: context.activity.id, type: context.activity.type },
      "a Teams turn failed",
    );
    if (context.activity.type !== "message") return;
    try {
      await sendReply(context, internalErrorReply, { now: ctx.clock(), zone: "UTC" });
    } catch (err) {
      logger.warn({ err }, "could not tell the user that their message failed");
    }
  };
  const bot = new RetentionTeamsBot({ ...ctx, logger });
  if (!appId) logger.warn("Teams without MICROSOFT_APP_ID: /api/messages accepts loopback requests only");
  return {
    channel: createTeamsChannel({
      db: ctx.db,
      adapter,
      appId: appId ?? "",
      clock: ctx.clock,
      pacer: createSendPacer(teamsLimits(config.TEAMS_SEND_RATE)),
    }),
    routes: [messagesRoute({ adapter, logic: (context) => bot.run(context), loopbackOnly: !appId, logger })],
  };
};
