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

/** How long a resolved actor is reused: short, so a changed role or zone shows up quickly. */
const ACTOR_TTL_MS = 15_000;
const ACTOR_CACHE_MAX = 10_000;

/**
 * Remembers recently resolved actors, so that a burst of clicks from the same people (a morning)
 * costs no lookups before the use case, which checks ownership itself on every action anyway.
 */
export class ActorCache {
  private readonly entries = new Map<string, { actor: Actor; until: number }>();

  async get(
    ctx: AppContext,
    client: webApi.WebClient,
    workspaceId: number,
    slackUserId: string,
  ): Promise<Actor | undefined> {
    const key = `${workspaceId}:${slackUserId}`;
    const now = Date.now();
    const hit = this.entries.get(key);
    if (hit && hit.until > now) return hit.actor;
    const actor = await actorForSlackUser(ctx, client, workspaceId, slackUserId);
    if (actor) {
      if (this.entries.size >= ACTOR_CACHE_MAX) this.entries.clear();
      this.entries.set(key, { actor, until: now + ACTOR_TTL_MS });
    }
    return actor;
  }
}

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
