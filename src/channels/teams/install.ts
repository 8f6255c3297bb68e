/**
 * Installing the app in a personal scope stores the user's conversation reference (so the bot
 * can send the morning nudge) and links the user to a rep; uninstalling forgets the reference.
 */
import type { TurnContext } from "botbuilder";
import { actorForRep } from "../../app/actors.js";
import { loadHome } from "../../app/commands/home-command.js";
import type { AppContext } from "../../app/ports.js";
import { forgetConversation, saveConversation } from "../../storage/teams-conversations.js";
import { findTenantWorkspace } from "../../storage/teams-workspaces.js";
import { withRefresh } from "./card-refresh.js";
import { REFRESH_VERB } from "./cards/card-actions.js";
import { homeCard } from "./cards/home-card.js";
import { referenceOf } from "./conversation-ref.js";
import { unknownUserReply, welcomeReply } from "./notices.js";
import { sendCard, sendReply } from "./send-reply.js";
import { identifyUser, type TeamsUser, tenantOf } from "./teams-user.js";

export function isPersonal(context: TurnContext): boolean {
  const type = context.activity.conversation?.conversationType;
  return type === undefined || type === "personal";
}

/** Stores the sender's reference and links them; greets them the first time. */
export async function handleInstall(ctx: AppContext, context: TurnContext): Promise<TeamsUser | undefined> {
  if (!isPersonal(context)) return undefined;
  const user = await identifyUser(ctx.db, context, { bind: true });
  if (!user) {
    ctx.logger.warn({ activity: context.activity.id }, "a Teams installation named no tenant; ignored");
    return undefined;
  }
  const created = await rememberConversation(ctx, context, user);
  if (created) await greet(ctx, context, user);
  ctx.logger.info({ workspace: user.workspaceId, rep: user.repId ?? null, created }, "Teams app installed");
  return user;
}

export async function handleUninstall(ctx: AppContext, context: TurnContext): Promise<void> {
  const tenantId = tenantOf(context);
  const from = context.activity.from;
  if (!tenantId || !from?.id) return;
  const workspaceId = await findTenantWorkspace(ctx.db, tenantId);
  if (workspaceId === undefined) return;
  const forgotten = await forgetConversation(ctx.db, workspaceId, from.aadObjectId ?? from.id);
  ctx.logger.info({ workspace: workspaceId, forgotten }, "Teams app uninstalled");
}

/** Stores or refreshes the reference; true when the user had none. */
export function rememberConversation(
  ctx: AppContext,
  context: TurnContext,
  user: TeamsUser,
): Promise<boolean> {
  return saveConversation(ctx.db, {
    workspaceId: user.workspaceId,
    aadObjectId: user.aadObjectId,
    repId: user.repId,
    reference: referenceOf(context),
  });
}

async function greet(ctx: AppContext, context: TurnContext, user: TeamsUser): Promise<void> {
  const actor =
    user.repId === undefined ? undefined : await actorForRep(ctx.db, user.workspaceId, user.repId);
  if (!actor) {
    await sendReply(context, unknownUserReply(user.address, user.aadObjectId), {
      now: ctx.clock(),
      zone: "UTC",
    });
    return;
  }
  // The welcome is the rep's home: today's picks, promises, coverage (and the team's, for a manager).
  const at = { now: ctx.clock(), zone: actor.timezone };
  const welcome = welcomeReply(actor.name);
  const home = await loadHome(ctx, actor);
  const card = homeCard(home, at, { title: welcome.title ?? "", greeting: welcome.lines });
  await sendCard(
    context,
    withRefresh(card, context.activity.from?.id, { rb: REFRESH_VERB, view: "welcome" }),
  );
}
