/**
 * `/retention <text>`: acknowledged at once, parsed and run by the shared use case, answered in
 * a message only the caller sees (through the command's response_url). A replay of the same
 * signed command (same trigger_id) is acknowledged and does nothing: like clicks, a command runs
 * once.
 */
import type { App } from "@slack/bolt";
import { runCommandText } from "../../../../app/commands/execute.js";
import { chatStyleOf } from "../../../../app/settings/workspace-settings.js";
import { userError } from "../../../../domain/errors.js";
import { claimRequest, releaseRequest } from "../../../../storage/handled-requests.js";
import { buildReplyMessage } from "../../blocks/reply-blocks.js";
import type { SlackDeps } from "../../deps.js";
import { resolveCaller, tellError } from "../caller.js";

export const COMMAND = "/retention";

export function register(app: App, deps: SlackDeps): void {
  app.command(COMMAND, async ({ ack, command, client, respond }) => {
    await ack();
    await deps.afterAck.run(async () => {
      const key = `slack-command:${command.team_id}:${command.trigger_id}`;
      let claimed = false;
      try {
        const caller = await resolveCaller(deps, client, command.team_id, command.user_id);
        if (!caller.ok)
          return await tellError(deps, client, { slackUserId: command.user_id, respond }, caller.error);
        claimed = await claimRequest(deps.ctx.db, key, caller.actor.workspaceId, deps.ctx.clock());
        if (!claimed) {
          deps.ctx.logger.info({ trigger: command.trigger_id }, "a replayed /retention command was ignored");
          return;
        }
        const reply = await runCommandText(deps.ctx, caller.actor, command.text);
        const style = await chatStyleOf(deps.ctx.db, caller.actor.workspaceId);
        const message = buildReplyMessage(
          reply,
          { now: deps.ctx.clock(), zone: caller.actor.timezone },
          style,
        );
        await respond({ response_type: "ephemeral", text: message.text, blocks: message.blocks });
      } catch (err) {
        deps.ctx.logger.error({ err, code: "INTERNAL", text: command.text }, "a /retention command failed");
        if (claimed) await releaseRequest(deps.ctx.db, key).catch(() => {});
        await tellError(deps, client, { slackUserId: command.user_id, respond }, userError("INTERNAL")).catch(
          () => {},
        );
      }
    });
  });
}
