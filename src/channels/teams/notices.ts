/** What the bot says on its own: a welcome, and what an unknown user should ask for. */
import type { Reply } from "../../app/replies.js";
import { ERROR_CATALOGUE } from "../../domain/errors.js";
import { verbatim } from "../../domain/rich-text.js";

export function welcomeReply(name: string): Extract<Reply, { kind: "info" }> {
  return {
    kind: "info",
    title: `Hi ${verbatim(name)}, welcome to Retention`,
    lines: [
      "Each working morning I send you the few customers to contact today, and why. One click logs the contact.",
      "Type *today* for today's picks, or *help* for everything I understand.",
    ],
  };
}

export function unknownUserText(address: string | undefined, aadObjectId: string): string {
  const who = address ? `your email *${verbatim(address)}*` : `your Teams user id *${verbatim(aadObjectId)}*`;
  return `I don't know you yet. Please ask an admin to import you in the reps file, with ${who}; then write to me again.`;
}

export function unknownUserReply(address: string | undefined, aadObjectId: string): Reply {
  return { kind: "error", code: "UNKNOWN_USER", message: unknownUserText(address, aadObjectId) };
}

export const personalOnlyReply: Reply = {
  kind: "info",
  lines: ["I work in a personal chat: open a chat with me to get your picks and use the commands."],
};

export const noTenantReply: Reply = {
  kind: "error",
  code: "NO_TENANT",
  message: ERROR_CATALOGUE.NO_TENANT,
};

export const internalErrorReply: Reply = {
  kind: "error",
  code: "INTERNAL",
  message: ERROR_CATALOGUE.INTERNAL,
};
