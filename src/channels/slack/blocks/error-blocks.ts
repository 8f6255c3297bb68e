/** A user-visible error as a Slack message: the sentence, then its code (matching the log line). */
import type { UserError } from "../../../domain/errors.js";
import { context, section, slackPlain, slackText } from "./block-builders.js";
import { LIMITS, truncate } from "./limits.js";
import type { SlackMessage } from "./nudge-blocks.js";

export function buildErrorMessage(error: UserError): SlackMessage {
  return {
    text: truncate(slackPlain(`${error.message} (code ${error.code})`), LIMITS.fallbackText),
    blocks: [section(`:warning: ${slackText(error.message)}`), context([errorCodeLine(error.code)])],
  };
}

/** The line under every error, in Slack and in the modal's field errors. */
export function errorCodeLine(code: string): string {
  return `Error code \`${code}\``;
}
