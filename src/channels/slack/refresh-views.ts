/**
 * After a pick changed: the nudge message is updated in place (done, by whom, when, with Undo),
 * and the App Home tab is published again when the click came from it. A click made elsewhere
 * needs no publish: Slack sends `app_home_opened` each time the tab is opened, which publishes
 * the current state then (and the home's coverage is the costliest view to compute, so doing it
 * only when someone looks keeps a click's work small). Failures here are logged, never shown as
 * errors: the action itself succeeded and is saved.
 */
import type { webApi } from "@slack/bolt";
import { loadRepHome } from "../../app/home.js";
import { loadNudgeView } from "../../app/nudges/nudge-view.js";
import type { Actor } from "../../app/ports.js";
import { findNudgeMessageRef } from "../../storage/slack-reps.js";
import { buildHomeView, unknownUserHome } from "./blocks/home-view.js";
import { buildNudgeMessage } from "./blocks/nudge-blocks.js";
import type { SlackDeps } from "./deps.js";

/** The message a click came from, when it was a (non-ephemeral) message. */
export interface MessageOrigin {
  channel: string;
  ts: string;
}

export async function refreshAfterPickAction(
  deps: SlackDeps,
  client: webApi.WebClient,
  actor: Actor,
  slackUserId: string,
  nudgeId: number,
  origin: MessageOrigin | undefined,
  fromHome = false,
): Promise<void> {
  const { ctx } = deps;
  try {
    const target = origin ?? (await savedMessage(deps, nudgeId));
    if (target) {
      await deps.nudgeUpdates.run(nudgeId, async () => {
        const now = ctx.clock();
        const view = await loadNudgeView(ctx.db, nudgeId, now);
        if (!view) return;
        const message = buildNudgeMessage(view, now);
        await client.chat.update({
          channel: target.channel,
          ts: target.ts,
          text: message.text,
          blocks: message.blocks,
        });
      });
    }
  } catch (err) {
    ctx.logger.warn({ err, nudge: nudgeId }, "updating a Slack nudge after a click failed");
  }
  if (fromHome) await publishHome(deps, client, actor, slackUserId);
}

async function savedMessage(deps: SlackDeps, nudgeId: number): Promise<MessageOrigin | undefined> {
  const ref = await findNudgeMessageRef(deps.ctx.db, nudgeId);
  return ref?.channel && ref.ts ? { channel: ref.channel, ts: ref.ts } : undefined;
}

/** Publishes the App Home tab of a rep (or of a Slack user who is not a rep, when `actor` is undefined). */
export async function publishHome(
  deps: SlackDeps,
  client: webApi.WebClient,
  actor: Actor | undefined,
  slackUserId: string,
): Promise<void> {
  const { ctx } = deps;
  try {
    const view = actor
      ? buildHomeView(
          { name: actor.name, ...(await loadRepHome(ctx, actor)) },
          { now: ctx.clock(), zone: actor.timezone },
        )
      : unknownUserHome();
    await client.views.publish({ user_id: slackUserId, view });
  } catch (err) {
    ctx.logger.warn({ err, user: slackUserId }, "publishing the Slack App Home failed");
  }
}
