/**
 * One pick as Block Kit: the account and why, the last contact and the contact person, and the
 * one-click buttons (or, once done, who did it and when, with Undo for a few minutes). The same
 * blocks appear in the nudge, in `/retention today` and on the App Home tab.
 */
import type { PickView } from "../../../app/ports.js";
import { channelWord, daysAgo, formatMoment } from "../../format.js";
import { ACTIONS, moreValue } from "../action-ids.js";
import {
  actions,
  type Block,
  button,
  context,
  divider,
  escapeMrkdwn,
  overflow,
  section,
} from "./block-builders.js";

export interface RenderAt {
  now: Date;
  /** The viewer's IANA zone, for every date shown. */
  zone: string;
}

/** Blocks per pick at most (section, context, actions, divider): the budget unit of lists. */
export const BLOCKS_PER_PICK = 4;

export function pickBlocks(pick: PickView, at: RenderAt): Block[] {
  const name = escapeMrkdwn(pick.accountName);
  if (pick.done) {
    const by = `${pick.done.label} by ${escapeMrkdwn(pick.done.byName)}, ${formatMoment(pick.done.at, at.zone)}`;
    const blocks: Block[] = [section(`:white_check_mark: ~${name}~\n${by}`)];
    if (pick.done.undoUntil && pick.done.undoUntil > at.now) {
      blocks.push(
        actions(
          [button({ text: "Undo", actionId: ACTIONS.undo, value: String(pick.pickId) })],
          `done:${pick.pickId}`,
        ),
      );
    }
    blocks.push(divider());
    return blocks;
  }
  const lines = [`*${name}*`, escapeMrkdwn(pick.reason)];
  if (pick.opener) lines.push(`:speech_balloon: ${escapeMrkdwn(pick.opener)}`);
  if (pick.promise) {
    lines.push(
      `:handshake: You promised: _${escapeMrkdwn(pick.promise.what)}_ (due ${formatMoment(pick.promise.dueAt, at.zone)})`,
    );
  }
  return [
    section(lines.join("\n"), `pick:${pick.pickId}`),
    context([lastContactText(pick, at), contactText(pick)]),
    actions(
      [
        button({ text: "Called", actionId: ACTIONS.call, value: String(pick.pickId), style: "primary" }),
        button({ text: "Emailed", actionId: ACTIONS.email, value: String(pick.pickId) }),
        button({ text: "Met", actionId: ACTIONS.meet, value: String(pick.pickId) }),
        overflow(ACTIONS.more, [
          { text: "Snooze 1 week", value: moreValue("snooze_week", pick.pickId) },
          { text: "Snooze 1 month", value: moreValue("snooze_month", pick.pickId) },
          { text: "Add note", value: moreValue("note", pick.pickId) },
          { text: "Promise follow-up", value: moreValue("promise", pick.pickId) },
          { text: "Not my account", value: moreValue("not_mine", pick.pickId) },
        ]),
      ],
      `act:${pick.pickId}`,
    ),
    divider(),
  ];
}

function lastContactText(pick: PickView, at: RenderAt): string {
  const last = pick.lastContact;
  if (!last) return "Last contact: never";
  const note = last.note ? ` — “${escapeMrkdwn(last.note)}”` : "";
  return `Last contact: ${daysAgo(last.at, at.now, at.zone)} (${formatMoment(last.at, at.zone)}), ${channelWord(last.channel)}${note}`;
}

function contactText(pick: PickView): string {
  const { name, email, phone } = pick.contact;
  const parts = [name, email, phone].filter((p): p is string => Boolean(p)).map(escapeMrkdwn);
  return parts.length ? `Contact: ${parts.join(" · ")}` : "Contact: none on file";
}
