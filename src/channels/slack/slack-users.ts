/**
 * Slack users ↔ reps. An incoming user is found by their remembered Slack id, else by the email
 * Slack gives for them (`users.info`); a rep to message is found by their id, else by their email
 * (`users.lookupByEmail`). Either way the id is remembered, so each lookup happens once.
 */
import type { webApi } from "@slack/bolt";
import { actorForRep } from "../../app/actors.js";
import { type Actor, type AppContext, ChannelSendError, type Recipient } from "../../app/ports.js";
import { findRepIdByEmail, findRepIdBySlackUser, rememberSlackUserId } from "../../storage/slack-reps.js";
import { slackErrorCode, toChannelSendError } from "./errors.js";

/** The rep behind a Slack user of the workspace, as an actor; undefined when no rep matches. */
export async function actorForSlackUser(
  ctx: AppContext,
  client: webApi.WebClient,
  workspaceId: number,
  slackUserId: string,
): Promise<Actor | undefined> {
  let repId = await findRepIdBySlackUser(ctx.db, workspaceId, slackUserId);
  if (repId === undefined) {
    const email = await emailOf(client, slackUserId);
    if (!email) return undefined;
    repId = await findRepIdByEmail(ctx.db, workspaceId, email);
    if (repId === undefined) return undefined;
    await rememberSlackUserId(ctx.db, workspaceId, repId, slackUserId);
  }
  return actorForRep(ctx.db, workspaceId, repId);
}

async function emailOf(client: webApi.WebClient, slackUserId: string): Promise<string | undefined> {
  try {
    const info = await client.users.info({ user: slackUserId });
    return info.user?.profile?.email ?? undefined;
  } catch (err) {
    if (slackErrorCode(err) === "user_not_found") return undefined;
    throw err;
  }
}

/** The Slack user id to message a rep at; throws a permanent ChannelSendError when none exists. */
export async function slackUserIdOf(
  ctx: AppContext,
  client: webApi.WebClient,
  recipient: Recipient,
): Promise<string> {
  if (recipient.slackUserId) return recipient.slackUserId;
  let found: webApi.UsersLookupByEmailResponse;
  try {
    found = await client.users.lookupByEmail({ email: recipient.email });
  } catch (err) {
    if (slackErrorCode(err) === "users_not_found") {
      throw new ChannelSendError(
        `no Slack user has the email ${recipient.email}: fix the rep's email or set their slack_user_id`,
        { permanent: true },
      );
    }
    throw toChannelSendError(err, "users.lookupByEmail");
  }
  const id = found.user?.id;
  if (!id) throw new ChannelSendError(`Slack returned no user for ${recipient.email}`, { permanent: true });
  await rememberSlackUserId(ctx.db, recipient.workspaceId, recipient.repId, id);
  return id;
}
