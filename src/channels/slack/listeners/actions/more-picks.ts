/** "More" under a nudge: acknowledged at once, then the next picks added and the message updated. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { addMorePicks } from "../../../../app/nudges/add-more-picks.js";
import { userError } from "../../../../domain/errors.js";
import { ACTIONS, parseNextPicksValue } from "../../action-ids.js";
import type { SlackDeps } from "../../deps.js";
import { refreshAfterPickAction } from "../../refresh-views.js";
import { type Audience, resolveCaller, tell, tellError } from "../caller.js";
import { messageOrigin } from "./run-pick-action.js";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: ACTIONS.nextPicks },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      await deps.afterAck.run(async () => {
        const audience: Audience = { slackUserId: body.user.id, respond, channel: body.channel?.id };
        const more = parseNextPicksValue(action.value);
        const nudgeId = more?.nudgeId;
        try {
          if (nudgeId === undefined)
            return await tellError(deps, client, audience, userError("UNKNOWN_ACTION"));
          const caller = await resolveCaller(deps, client, body.team?.id ?? body.user.team_id, body.user.id);
          if (!caller.ok) return await tellError(deps, client, audience, caller.error);
          const result = await addMorePicks(deps.ctx, caller.actor, nudgeId, more?.shown);
          if (!result.ok)
            return await tellError(deps, client, audience, userError(result.code, result.message));
          await refreshAfterPickAction(
            deps,
            client,
            caller.actor,
            caller.slackUserId,
            nudgeId,
            messageOrigin(body),
          );
          if (result.added === 0) await tell(client, audience, result.message);
        } catch (err) {
          deps.ctx.logger.error({ err, nudge: nudgeId }, "adding more picks from Slack failed");
          await tellError(deps, client, audience, userError("INTERNAL")).catch(() => {});
        }
      });
    },
  );
}
