/** Called / Emailed / Met and Undo: acknowledged at once, then logged and shown done. */
import type { App, BlockAction, ButtonAction } from "@slack/bolt";
import type { PickAction } from "../../../../app/ports.js";
import { userError } from "../../../../domain/errors.js";
import { ACTIONS, parsePickId } from "../../action-ids.js";
import type { SlackDeps } from "../../deps.js";
import { tellError } from "../caller.js";
import { runPickActionFromClick } from "./run-pick-action.js";

const buttonActions: Record<string, PickAction> = {
  [ACTIONS.call]: { type: "log", channel: "call" },
  [ACTIONS.email]: { type: "log", channel: "email" },
  [ACTIONS.meet]: { type: "log", channel: "meeting" },
  [ACTIONS.undo]: { type: "undo" },
};

export function register(app: App, deps: SlackDeps): void {
  const pattern = new RegExp(`^(${Object.keys(buttonActions).join("|")})$`);
  app.action<BlockAction<ButtonAction>>(
    { type: "block_actions", action_id: pattern },
    async ({ ack, body, action, client, respond }) => {
      const pickId = parsePickId(action.value);
      const pickAction = buttonActions[action.action_id];
      if (pickId === undefined || !pickAction) {
        await ack();
        await tellError(
          deps,
          client,
          { slackUserId: body.user.id, respond, channel: body.channel?.id },
          userError("UNKNOWN_ACTION"),
        );
        return;
      }
      await runPickActionFromClick(deps, client, body, { pickId, action: pickAction }, respond, ack);
    },
  );
}
