/** `log`, `snooze` and `promise`: a rep recording what they did or will do about an account. */

import { DateTime } from "luxon";
import type { Command } from "../../domain/commands/types.js";
import { verbatim } from "../../domain/rich-text.js";
import { listNudgesOfCheckIn } from "../../storage/nudge-messages.js";
import { finishTodaysPicksOfAccount } from "../../storage/picks.js";
import { insertPromise } from "../../storage/promises.js";
import { insertSnooze } from "../../storage/snoozes.js";
import { logCheckIn } from "../check-ins/log-check-in.js";
import { refreshNudges } from "../nudges/refresh-nudges.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { withAccount, withManageableAccount } from "./with-account.js";

const channelWords = {
  call: "a call",
  email: "an email",
  meeting: "a meeting",
  video: "a video call",
  other: "a contact",
};

export async function runLog(
  ctx: AppContext,
  actor: Actor,
  command: Extract<Command, { type: "log" }>,
): Promise<Reply> {
  const found = await withAccount(ctx, actor, command);
  if ("reply" in found) return found.reply;
  const now = ctx.clock();
  const { checkIn } = await ctx.db.transaction((tx) =>
    logCheckIn(tx, {
      workspaceId: actor.workspaceId,
      accountId: found.account.id,
      repId: actor.repId,
      at: now,
      now,
      channel: command.channel,
      outcome: command.outcome,
      note: command.note,
      source: "command",
    }),
  );
  // The morning message stops offering buttons for the pick this contact finished.
  await refreshNudges(ctx, await listNudgesOfCheckIn(ctx.db, checkIn.id));
  const time = DateTime.fromJSDate(now, { zone: actor.timezone }).toFormat("HH:mm");
  const lines = [
    `Logged ${channelWords[command.channel]} with *${verbatim(found.account.name)}* at ${time}.`,
  ];
  if (command.outcome === "at_risk" || command.outcome === "issue_raised") {
    lines.push("Marked at risk: it will come up again until a better contact is logged.");
  }
  return { kind: "info", lines };
}

export async function runSnooze(
  ctx: AppContext,
  actor: Actor,
  command: Extract<Command, { type: "snooze" }>,
): Promise<Reply> {
  const found = await withManageableAccount(
    ctx,
    actor,
    command,
    (name) => `*${name}* is not yours to snooze; ask its owner.`,
  );
  if ("reply" in found) return found.reply;
  const now = ctx.clock();
  const mine = { workspaceId: actor.workspaceId, accountId: found.account.id, repId: actor.repId };
  const touched = await ctx.db.transaction(async (tx) => {
    await insertSnooze(tx, { ...mine, until: command.until, createdAt: now });
    // Today's pick of the account is snoozed too, as a Snooze click would.
    return finishTodaysPicksOfAccount(tx, { ...mine, at: now, status: "snoozed" });
  });
  // Every sent copy stops offering buttons for it.
  await refreshNudges(ctx, touched);
  const until = DateTime.fromISO(command.until).toFormat("ccc d LLL yyyy");
  return {
    kind: "info",
    lines: [`*${verbatim(found.account.name)}* is snoozed: it is due again on ${until}.`],
  };
}

export async function runPromise(
  ctx: AppContext,
  actor: Actor,
  command: Extract<Command, { type: "promise" }>,
): Promise<Reply> {
  const found = await withAccount(ctx, actor, command);
  if ("reply" in found) return found.reply;
  // No message is redrawn: a nudge shows only the promise a pick was made for, so nothing on it
  // changes; the home card shows open promises and redraws itself when viewed (Teams refresh).
  await insertPromise(ctx.db, {
    workspaceId: actor.workspaceId,
    accountId: found.account.id,
    repId: actor.repId,
    dueAt: command.dueAt,
    what: command.what,
    createdAt: ctx.clock(),
  });
  const due = DateTime.fromJSDate(command.dueAt, { zone: actor.timezone }).toFormat("ccc d LLL yyyy, HH:mm");
  return {
    kind: "info",
    lines: [
      `Promise to *${verbatim(found.account.name)}* saved: ${verbatim(command.what)}`,
      `Due ${due}; it comes first in that day's nudge.`,
    ],
  };
}
