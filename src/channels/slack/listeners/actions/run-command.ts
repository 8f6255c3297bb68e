/**
 * A "which account?" button: its value is the command text naming the account exactly, run
 * again as the clicker (never as whoever the first command came from), replacing the question.
 */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import { runCommandText } from "../../../../app/commands/execute.js";
import { chatStyleOf } from "../../../../app/settings/workspace-settings.js";
import { userError } from "../../../../domain/errors.js";
import { ACTIONS } from "../../action-ids.js";
import { buildReplyMessage } from "../../blocks/reply-blocks.js";
import type { SlackDeps } from "../../deps.js";
import { resolveCaller, tellError } from "../caller.js";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: new RegExp(`^${ACTIONS.runCommand}:\\d+$`) },
    async ({ ack, body, action, client, respond }) => {
      await ack();
      const audience = { slackUserId: body.user.id, respond, channel: body.channel?.id };
      try {
        const caller = await resolveCaller(deps, client, body.team?.id ?? body.user.team_id, body.user.id);
        if (!caller.ok) return await tellError(deps, client, audience, caller.error);
        const reply = await runCommandText(deps.ctx, caller.actor, action.value ?? "");
        const style = await chatStyleOf(deps.ctx.db, caller.actor.workspaceId);
        const message = buildReplyMessage(
          reply,
          { now: deps.ctx.clock(), zone: caller.actor.timezone },
          style,
        );
        if (respond) {
          await respond({
            response_type: "ephemeral",
            replace_original: true,
            text: message.text,
            blocks: message.blocks,
          });
        } else {
          await client.chat.postMessage({
            channel: body.user.id,
            text: message.text,
            blocks: message.blocks,
          });
        }
      } catch (err) {
        deps.ctx.logger.error(
          { err, code: "INTERNAL" },
          "re-running a /retention command from a button failed",
        );
        await tellError(deps, client, audience, userError("INTERNAL")).catch(() => {});
      }
    },
  );
}
