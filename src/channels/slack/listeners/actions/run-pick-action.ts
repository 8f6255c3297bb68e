/**
 * One pick action from Slack, after the click was acknowledged: who clicked, the use case (which
 * checks the pick is theirs), then the message updated in place, or the refusal told to the
 * clicker only, with nothing changed.
 */

import type { BlockAction, webApi } from "@slack/bolt";
import { loadNudgeView } from "../../../../app/nudges/nudge-view.js";
import { performPickAction } from "../../../../app/pick-actions.js";
import { userError } from "../../../../domain/errors.js";
import { serviceMetrics } from "../../../../http/metrics.js";
import { formatLocalDate } from "../../../format.js";
import { slackText } from "../../blocks/block-builders.js";
import { buildReplyMessage } from "../../blocks/reply-blocks.js";
import type { ClickInput, SlackDeps } from "../../deps.js";
import { type MessageOrigin, refreshAfterPickAction } from "../../refresh-views.js";
import { type Audience, resolveCaller, tell, tellError } from "../caller.js";

export type { ClickInput } from "../../deps.js";

/**
 * Records the click in the inbox, acknowledges it, then works it (decision record 0007): once
 * Slack has its 200, the click survives a crash and any replica finishes it.
 */
export async function runPickActionFromClick(
  deps: SlackDeps,
  client: webApi.WebClient,
  body: BlockAction,
  input: ClickInput,
  respond: Audience["respond"],
  ack: () => Promise<void>,
): Promise<void> {
  await deps.inbox.receive({ body, input }, { client, respond, ack });
}

/**
 * Works one click: the use case, then the views. Throws when it could not be worked (the inbox
 * tries again); a refusal is told and is not an error.
 */
export async function workClick(
  deps: SlackDeps,
  client: webApi.WebClient,
  body: BlockAction,
  input: ClickInput,
  respond: Audience["respond"],
): Promise<void> {
  const audience: Audience = { slackUserId: body.user.id, respond, channel: body.channel?.id };
  const caller = await resolveCaller(deps, client, body.team?.id ?? body.user.team_id, body.user.id);
  if (!caller.ok) return await tellError(deps, client, audience, caller.error);
  const result = await performPickAction(deps.ctx, caller.actor, {
    ...input,
    // Slack resends the same payload on a retry: the same key makes the second one a no-op.
    dedupeKey: slackClickKey(body),
  });
  serviceMetrics.recordClick("slack", result.ok ? "ok" : result.code);
  const origin = messageOrigin(body);
  if (!result.ok) {
    // A stale copy: it is redrawn as the pick is now, and the clicker told why nothing changed.
    if (result.nudgeId !== undefined) {
      await refreshAfterPickAction(deps, client, caller.actor, caller.slackUserId, result.nudgeId, origin);
      // A stale `/retention today` answer (ephemeral: only its response_url can replace it).
      const why = `:warning: ${result.message} (error code ${result.code})`;
      if (
        isEphemeral(body) &&
        (await replaceTodayAnswer(deps, respond, caller.actor.timezone, result.nudgeId, why))
      ) {
        return;
      }
    }
    return await tellError(deps, client, audience, userError(result.code, result.message));
  }
  const fromHome = (body.container as { type?: string } | undefined)?.type === "view";
  await refreshAfterPickAction(
    deps,
    client,
    caller.actor,
    caller.slackUserId,
    result.nudgeId,
    origin,
    fromHome,
  );
  // A click on `/retention today`'s answer: that answer is replaced by the picks as they are now.
  if (
    isEphemeral(body) &&
    (await replaceTodayAnswer(deps, respond, caller.actor.timezone, result.nudgeId, result.message))
  ) {
    return;
  }
  // The updated nudge speaks for itself; elsewhere (Home) or when there is more to say ("your
  // manager has been told"), the result is told to the clicker.
  if (!origin || input.action.type === "not_mine") await tell(client, audience, slackText(result.message));
}

/** What Slack resends unchanged on a retry of the same click. */
export function slackClickKey(body: BlockAction): string {
  return `slack:${body.trigger_id}:${body.actions[0]?.action_ts ?? ""}`;
}

/** Replaces an ephemeral `today` answer with the nudge's picks as they are now, `footer` under them. */
async function replaceTodayAnswer(
  deps: SlackDeps,
  respond: Audience["respond"],
  zone: string,
  nudgeId: number,
  footer: string,
): Promise<boolean> {
  const view = await loadNudgeView(deps.ctx.db, nudgeId, deps.ctx.clock());
  if (!respond || !view) return false;
  const message = buildReplyMessage(
    { kind: "picks", title: `Your picks for ${formatLocalDate(view.localDate)}`, picks: view.picks, footer },
    { now: deps.ctx.clock(), zone },
  );
  await respond({
    response_type: "ephemeral",
    replace_original: true,
    text: message.text,
    blocks: message.blocks,
  });
  return true;
}

function isEphemeral(body: BlockAction): boolean {
  return (body.container as { is_ephemeral?: boolean } | undefined)?.is_ephemeral === true;
}

/** The nudge message the click came from; undefined for App Home and ephemeral answers. */
export function messageOrigin(body: BlockAction): MessageOrigin | undefined {
  const container = body.container as
    | { type?: string; channel_id?: string; message_ts?: string; is_ephemeral?: boolean }
    | undefined;
  if (container?.type !== "message" || container.is_ephemeral) return undefined;
  if (!container.channel_id || !container.message_ts) return undefined;
  return { channel: container.channel_id, ts: container.message_ts };
}
