/**
 * The overflow menu of a pick: snoozes and "not my account" act at once; "Add note" and
 * "Promise follow-up" open a modal (the trigger expires in 3 s, so the modal opens after one
 * indexed read only).
 */
import type { App, BlockAction, OverflowAction } from "@slack/bolt";
import { DateTime } from "luxon";
import { userError } from "../../../../domain/errors.js";
import { loadPickSummary } from "../../../../storage/slack-reps.js";
import { ACTIONS, parseMoreValue } from "../../action-ids.js";
import { type ModalOrigin, noteModal, promiseModal } from "../../blocks/modals.js";
import type { SlackDeps } from "../../deps.js";
import { tellError } from "../caller.js";
import { messageOrigin, runPickActionFromClick } from "./run-pick-action.js";

export function register(app: App, deps: SlackDeps): void {
  app.action<BlockAction<OverflowAction>>(
    { type: "block_actions", action_id: ACTIONS.more },
    async ({ ack, body, action, client, respond }) => {
      const audience = { slackUserId: body.user.id, respond, channel: body.channel?.id };
      const chosen = parseMoreValue(action.selected_option.value);
      const act = () => ack();
      if (!chosen) {
        await ack();
        return await tellError(deps, client, audience, userError("UNKNOWN_ACTION"));
      }
      const { choice, pickId } = chosen;
      if (choice === "snooze_week" || choice === "snooze_month") {
        const days = choice === "snooze_week" ? 7 : 30;
        return await runPickActionFromClick(
          deps,
          client,
          body,
          { pickId, action: { type: "snooze", days } },
          respond,
          act,
        );
      }
      if (choice === "not_mine") {
        return await runPickActionFromClick(
          deps,
          client,
          body,
          { pickId, action: { type: "not_mine" } },
          respond,
          act,
        );
      }
      await ack();
      try {
        const origin: ModalOrigin = { pickId, ...messageOrigin(body) };
        const workspaceId = await deps.teams.workspaceOf(body.team?.id ?? body.user.team_id);
        const pick =
          workspaceId === undefined ? undefined : await loadPickSummary(deps.ctx.db, workspaceId, pickId);
        // The modal only names an account of the clicker's own workspace; whether the pick is
        // theirs is checked when the modal is submitted.
        const accountName = pick?.accountName ?? "this account";
        const view =
          choice === "note"
            ? noteModal(accountName, origin)
            : promiseModal(accountName, origin, suggestedDue(deps.ctx.clock()));
        await client.views.open({ trigger_id: body.trigger_id, view });
      } catch (err) {
        deps.ctx.logger.error({ err, code: "INTERNAL", pick: pickId }, "opening a Slack modal failed");
        await tellError(deps, client, audience, userError("INTERNAL")).catch(() => {});
      }
    },
  );
}

/** Tomorrow at 10:00 UTC as the picker's starting point; the rep moves it where they want. */
function suggestedDue(now: Date): Date {
  return DateTime.fromJSDate(now, { zone: "UTC" })
    .plus({ days: 1 })
    .set({ hour: 10, minute: 0, second: 0 })
    .toJSDate();
}
