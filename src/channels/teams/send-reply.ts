import type { TurnContext } from "botbuilder";
import type { Reply } from "../../app/replies.js";
import { type AdaptiveCard, cardAttachment } from "./cards/elements.js";
import type { RenderAt } from "./cards/pick-section.js";
import { replyCard } from "./cards/reply-card.js";

/** Sends a reply as a card in the turn's conversation. */
export async function sendReply(context: TurnContext, reply: Reply, at: RenderAt): Promise<void> {
  await sendCard(context, replyCard(reply, at));
}

export async function sendCard(context: TurnContext, card: AdaptiveCard): Promise<string | undefined> {
  const response = await context.sendActivity({ type: "message", attachments: [cardAttachment(card)] });
  return response?.id;
}
