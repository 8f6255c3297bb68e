/**
 * The morning nudge as a Block Kit message: a header with the date, each pick with its buttons,
 * and a pointer when more picks are due than fit (the handful, or Block Kit's 50 blocks).
 */
import type { NudgeView } from "../../../app/ports.js";
import { formatLocalDate } from "../../format.js";
import { ACTIONS, nextPicksValue } from "../action-ids.js";
import { actions, type Block, button, context, fitList, header, section } from "./block-builders.js";
import { LIMITS, truncate } from "./limits.js";
import { pickBlocks } from "./pick-blocks.js";

export interface SlackMessage {
  /** The notification text (also what screen readers and old clients show). */
  text: string;
  blocks: Block[];
}

export function buildNudgeMessage(nudge: NudgeView, now: Date): SlackMessage {
  const zone = nudge.recipient.timezone;
  const date = formatLocalDate(nudge.localDate);
  const open = nudge.picks.filter((p) => !p.done).length;
  const intro =
    open === 0
      ? "All done for today. Thank you!"
      : `${open} ${open === 1 ? "customer" : "customers"} to contact today. One click logs it.`;
  const top: Block[] = [header(`Your customers for ${date}`), section(intro)];
  const footer: Block[] =
    nudge.moreCount > 0
      ? [
          context([`${nudge.moreCount} more due, rolling forward to the next days: \`/retention today\``]),
          actions(
            [
              button({
                text: "More",
                actionId: ACTIONS.nextPicks,
                value: nextPicksValue(nudge.nudgeId, nudge.picks.length),
              }),
            ],
            `more:${nudge.nudgeId}`,
          ),
        ]
      : [];
  const budget = LIMITS.messageBlocks - top.length - footer.length;
  const body = fitList(
    nudge.picks,
    (p) => pickBlocks(p, { now, zone }),
    budget,
    (rest) => context([`…and ${rest} more: \`/retention today\``]),
  );
  const names = nudge.picks.map((p) => p.accountName).join(", ");
  return {
    text: truncate(`Your customers for ${date}: ${names}`, LIMITS.fallbackText),
    blocks: [...top, ...body, ...footer],
  };
}
