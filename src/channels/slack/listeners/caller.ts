/**
 * Who is clicking or typing: the Slack team gives the workspace, the Slack user gives the rep.
 * Never taken from anything else in a payload.
 */
import type { RespondFn, webApi } from "@slack/bolt";
import type { Actor } from "../../../app/ports.js";
import { type UserError, userError } from "../../../domain/errors.js";
import { buildErrorMessage } from "../blocks/error-blocks.js";
import type { SlackMessage } from "../blocks/nudge-blocks.js";
import type { SlackDeps } from "../deps.js";

export type Caller = { ok: true; actor: Actor; slackUserId: string } | { ok: false; error: UserError };

export async function resolveCaller(
  deps: SlackDeps,
  client: webApi.WebClient,
  teamId: string | undefined,
  slackUserId: string,
): Promise<Caller> {
  const workspaceId = await deps.teams.workspaceOf(teamId);
  if (workspaceId === undefined) return { ok: false, error: userError("UNKNOWN_TEAM") };
  const actor = await deps.actors.get(deps.ctx, client, workspaceId, slackUserId);
  return actor ? { ok: true, actor, slackUserId } : { ok: false, error: userError("UNKNOWN_USER") };
}

/** Where to tell a user something only they see. */
export interface Audience {
  slackUserId: string;
  /** The interaction's response_url, when Slack gave one. */
  respond?: RespondFn | undefined;
  /** The conversation of the click, for chat.postEphemeral when there is no response_url. */
  channel?: string | undefined;
}

/** Tells the user a message ephemerally; from App Home (no channel), as a DM from the bot. */
export async function tell(
  client: webApi.WebClient,
  audience: Audience,
  message: string | SlackMessage,
): Promise<void> {
  const { text, blocks } = typeof message === "string" ? { text: message, blocks: undefined } : message;
  const content = blocks ? { text, blocks } : { text };
  if (audience.respond) {
    await audience.respond({ response_type: "ephemeral", replace_original: false, ...content });
  } else if (audience.channel) {
    await client.chat.postEphemeral({ channel: audience.channel, user: audience.slackUserId, ...content });
  } else {
    await client.chat.postMessage({ channel: audience.slackUserId, ...content });
  }
}

/**
 * Tells the user an error with its code, and logs the same code: a screenshot and a log line
 * match. INTERNAL is logged by the caller, with the exception, at error level.
 */
export async function tellError(
  deps: SlackDeps,
  client: webApi.WebClient,
  audience: Audience,
  error: UserError,
): Promise<void> {
  if (error.code !== "INTERNAL") {
    deps.ctx.logger.info({ code: error.code, slackUserId: audience.slackUserId }, error.message);
  }
  await tell(client, audience, buildErrorMessage(error));
}
