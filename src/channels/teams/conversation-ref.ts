/** Conversation references as stored, checked when read back (the database is an edge too). */
import { type ConversationReference, TurnContext } from "botbuilder";
import { z } from "zod";
import type { StoredReference } from "../../storage/teams-conversations.js";

const storedReference = z.looseObject({
  serviceUrl: z.string().min(1),
  channelId: z.string().min(1),
  conversation: z.looseObject({ id: z.string().min(1) }),
});

export function referenceOf(context: TurnContext): StoredReference {
  return JSON.parse(
    JSON.stringify(TurnContext.getConversationReference(context.activity)),
  ) as StoredReference;
}

/** The stored reference as botbuilder wants it; undefined when the row is not a reference. */
export function readReference(stored: StoredReference): Partial<ConversationReference> | undefined {
  const parsed = storedReference.safeParse(stored);
  // Checked above for what continuing a conversation needs; the rest is Teams' own, kept as given.
  return parsed.success ? (parsed.data as unknown as Partial<ConversationReference>) : undefined;
}
