/**
 * The Slack side of the core's ChatChannel: morning nudges as DMs, updates in place, and
 * notifications. Failures become ChannelSendError (429 with its Retry-After, permanent ones
 * marked) so that the scheduler decides when to retry and records what went wrong.
 */
import type { webApi } from "@slack/bolt";
import type { AppContext, ChatChannel, MessageRef, NudgeView, Recipient } from "../../app/ports.js";
import { ChannelSendError } from "../../app/ports.js";
import type { Reply } from "../../app/replies.js";
import { chatStyleOf } from "../../app/settings/workspace-settings.js";
import type { SendPacer } from "../send-pacer.js";
import { buildNudgeMessage, type SlackMessage } from "./blocks/nudge-blocks.js";
import { buildReplyMessage } from "./blocks/reply-blocks.js";
import { toChannelSendError } from "./errors.js";
import type { SlackTeams } from "./slack-teams.js";
import { slackUserIdOf } from "./slack-users.js";

/**
 * `pacer` spaces chat.postMessage calls (nudges and notifications) at Slack's published pace and
 * slows down on 429; without one, calls go as fast as the scheduler makes them.
 */
export function createSlackChannel(ctx: AppContext, teams: SlackTeams, pacer?: SendPacer): ChatChannel {
  /** chat.postMessage at the workspace's pace; a 429 holds the workspace's later posts too. */
  const post = async (
    client: webApi.WebClient,
    workspaceId: number,
    channel: string,
    message: SlackMessage,
  ) => {
    const workspace = String(workspaceId);
    await pacer?.acquire(workspace, channel);
    try {
      return await client.chat.postMessage({ channel, text: message.text, blocks: message.blocks });
    } catch (err) {
      const failure = toChannelSendError(err, "chat.postMessage");
      if (failure.options.retryAfterMs !== undefined) pacer?.rateLimited(workspace);
      throw failure;
    }
  };

  const clientOf = async (workspaceId: number) => {
    const client = await teams.clientFor(workspaceId);
    if (!client) {
      throw new ChannelSendError(`Slack is not installed in workspace ${workspaceId}`, { permanent: true });
    }
    return client;
  };

  return {
    platform: "slack",

    canReach: async (recipient: Recipient) => (await teams.clientFor(recipient.workspaceId)) !== undefined,

    // Slack reaches every rep of a workspace it is installed in: one lookup per workspace.
    canReachAll: async (recipients) => {
      const installed = new Map<number, boolean>();
      for (const { workspaceId } of recipients) {
        if (!installed.has(workspaceId)) {
          installed.set(workspaceId, (await teams.clientFor(workspaceId)) !== undefined);
        }
      }
      return recipients.map((r) => installed.get(r.workspaceId) === true);
    },

    sendNudge: async (nudge: NudgeView): Promise<MessageRef> => {
      const client = await clientOf(nudge.recipient.workspaceId);
      const user = await slackUserIdOf(ctx, client, nudge.recipient);
      const message = buildNudgeMessage(nudge, ctx.clock());
      // Posting to a user id lands in the app's DM with them (the App Home messages tab).
      const sent = await post(client, nudge.recipient.workspaceId, user, message);
      return { platform: "slack", channel: String(sent.channel ?? user), ts: String(sent.ts ?? "") };
    },

    updateNudge: async (ref: MessageRef, nudge: NudgeView) => {
      if (!ref.channel || !ref.ts) return;
      const client = await clientOf(nudge.recipient.workspaceId);
      const message = buildNudgeMessage(nudge, ctx.clock());
      try {
        await client.chat.update({
          channel: ref.channel,
          ts: ref.ts,
          text: message.text,
          blocks: message.blocks,
        });
      } catch (err) {
        throw toChannelSendError(err, "chat.update");
      }
    },

    notify: async (recipient: Recipient, reply: Reply) => {
      const client = await clientOf(recipient.workspaceId);
      const user = await slackUserIdOf(ctx, client, recipient);
      const at = { now: ctx.clock(), zone: recipient.timezone };
      const style = await chatStyleOf(ctx.db, recipient.workspaceId);
      try {
        await post(client, recipient.workspaceId, user, buildReplyMessage(reply, at, style));
      } catch (err) {
        // A client or workspace without table blocks refuses them: send the aligned text instead.
        if (!(style.tableBlocks && reply.kind === "table" && isInvalidBlocks(err))) throw err;
        ctx.logger.warn(
          { workspaceId: recipient.workspaceId },
          "Slack refused a table block; sent the text table",
        );
        await post(client, recipient.workspaceId, user, buildReplyMessage(reply, at, { tableBlocks: false }));
      }
    },
  };
}

/** Slack's answer to blocks it cannot show (`invalid_blocks`), as the channel reports it. */
function isInvalidBlocks(err: unknown): boolean {
  return (
    err instanceof Error &&
    /invalid_blocks/.test(`${err.message} ${String((err as { cause?: unknown }).cause ?? "")}`)
  );
}
