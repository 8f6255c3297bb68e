/**
 * Who is clicking or typing: the Slack team gives the workspace, the Slack user gives the rep.
 * Never taken from anything else in a payload.
 */
import type { RespondFn, webApi } from "@slack/bolt";
import type { Actor } from "../../../app/ports.js";
import { type SlackDeps, UNKNOWN_TEAM_TEXT, UNKNOWN_USER_TEXT } from "../deps.js";

export type Caller = { ok: true; actor: Actor; slackUserId: string } | { ok: false; message: string };

export async function resolveCaller(
  deps: SlackDeps,
  client: webApi.WebClient,
  teamId: string | undefined,
  slackUserId: string,
): Promise<Caller> {
  const workspaceId = await deps.teams.workspaceOf(teamId);
  if (workspaceId === undefined) return { ok: false, message: UNKNOWN_TEAM_TEXT };
  const actor = await deps.actors.get(deps.ctx, client, workspaceId, slackUserId);
  return actor ? { ok: true, actor, slackUserId } : { ok: false, message: UNKNOWN_USER_TEXT };
}

/** Where to tell a user something only they see. */
export interface Audience {
  slackUserId: string;
  /** The interaction's response_url, when Slack gave one. */
  respond?: RespondFn | undefined;
  /** The conversation of the click, for chat.postEphemeral when there is no response_url. */
  channel?: string | undefined;
}

/** Tells the user `text` ephemerally; from App Home (no channel), as a DM from the bot. */
export async function tell(client: webApi.WebClient, audience: Audience, text: string): Promise<void> {
  if (audience.respond) {
    await audience.respond({ response_type: "ephemeral", replace_original: false, text });
  } else if (audience.channel) {
    await client.chat.postEphemeral({ channel: audience.channel, user: audience.slackUserId, text });
  } else {
    await client.chat.postMessage({ channel: audience.slackUserId, text });
  }
}
