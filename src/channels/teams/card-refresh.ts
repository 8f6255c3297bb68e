/**
 * Cards that never show a stale state. Every card that shows picks (the morning card, a click's
 * answer, the `today` answer, the home and welcome cards) carries a `refresh`: an Action.Execute
 * with the verb `refresh`, for the rep's Teams user id only. Teams runs it when that user views
 * the card and puts our answer (the same view, drawn as it is now) in its place. So an old copy
 * is redrawn when it is looked at, without our keeping its activity id; the morning card, whose
 * id we keep, is also updated in place at once after every change (refreshNudges).
 */

import { z } from "zod";
import { actorForRep } from "../../app/actors.js";
import { loadHome } from "../../app/commands/home-command.js";
import { picksOfNudge } from "../../app/commands/rep-commands.js";
import { loadNudgeView } from "../../app/nudges/nudge-view.js";
import type { AppContext } from "../../app/ports.js";
import { REFRESH_VERB, type RefreshData } from "./cards/card-actions.js";
import type { AdaptiveCard } from "./cards/elements.js";
import { homeCard } from "./cards/home-card.js";
import { nudgeCard } from "./cards/nudge-card.js";
import { replyCard } from "./cards/reply-card.js";
import { welcomeReply } from "./notices.js";

/** The verb Teams sends back when it runs a card's refresh. */
export const REFRESH_ACTION_VERB = "refresh";

const refreshData = z.union([
  z.looseObject({
    rb: z.literal(REFRESH_VERB),
    view: z.enum(["nudge", "today"]),
    nudgeId: z
      .number()
      .int()
      .positive()
      .max(2 ** 31 - 1),
  }),
  z.looseObject({ rb: z.literal(REFRESH_VERB), view: z.enum(["home", "welcome"]) }),
]);

/** The refresh data of one of our cards, or undefined when `data` is not one. */
export function readRefreshData(data: unknown): RefreshData | undefined {
  const parsed = refreshData.safeParse(data);
  if (!parsed.success) return undefined;
  const d = parsed.data;
  if (d.view === "home" || d.view === "welcome") return { rb: REFRESH_VERB, view: d.view };
  return { rb: REFRESH_VERB, view: d.view, nudgeId: Number((d as { nudgeId: number }).nudgeId) };
}

/** `card` with a refresh that draws `view` again when Teams user `userId` views it. */
export function withRefresh(
  card: AdaptiveCard,
  userId: string | undefined,
  view: RefreshData | undefined,
): AdaptiveCard {
  if (!userId || !view) return card;
  return {
    ...card,
    refresh: { action: { type: "Action.Execute", verb: REFRESH_ACTION_VERB, data: view }, userIds: [userId] },
  };
}

/**
 * The card for a refresh invoke: the view as it is now, for the rep it belongs to, again with its
 * refresh. Undefined when the view is gone or is not this rep's (the card then stays as it is).
 */
export async function refreshedCard(
  ctx: AppContext,
  who: { workspaceId: number; repId: number; userId: string | undefined },
  view: RefreshData,
): Promise<AdaptiveCard | undefined> {
  const actor = await actorForRep(ctx.db, who.workspaceId, who.repId);
  if (!actor) return undefined;
  const at = { now: ctx.clock(), zone: actor.timezone };
  let card: AdaptiveCard;
  if (!("nudgeId" in view)) {
    const home = await loadHome(ctx, actor);
    const welcome = welcomeReply(actor.name);
    card =
      view.view === "home"
        ? homeCard(home, at)
        : homeCard(home, at, { title: welcome.title ?? "", greeting: welcome.lines });
  } else {
    // A nudge or a `today` answer: that nudge's picks, for its own rep only.
    const nudge = await loadNudgeView(ctx.db, view.nudgeId, at.now);
    if (!nudge || nudge.recipient.repId !== actor.repId) return undefined;
    card = view.view === "nudge" ? nudgeCard(nudge, { now: at.now }) : replyCard(picksOfNudge(nudge), at);
  }
  return withRefresh(card, who.userId, view);
}

/** The refresh of a command's answer: a `today` answer redraws that day's picks. */
export function refreshOfReply(reply: { kind: string; nudgeId?: number }): RefreshData | undefined {
  return reply.kind === "picks" && reply.nudgeId !== undefined
    ? { rb: REFRESH_VERB, view: "today", nudgeId: reply.nudgeId }
    : undefined;
}

/** The refresh of a nudge card. */
export function refreshOfNudge(nudgeId: number | undefined): RefreshData | undefined {
  return nudgeId === undefined ? undefined : { rb: REFRESH_VERB, view: "nudge", nudgeId };
}
