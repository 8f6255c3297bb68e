/**
 * The Teams side of the core's channel port: the morning nudge sent proactively with the stored
 * conversation reference, updated in place, and plain notifications. Failures surface as
 * ChannelSendError within a bounded time; the scheduler decides about retries.
 */
import type { CloudAdapter, TurnContext } from "botbuilder";
import {
  ChannelSendError,
  type ChatChannel,
  type MessageRef,
  type NudgeView,
  type Recipient,
} from "../../app/ports.js";
import type { Reply } from "../../app/replies.js";
import type { Db } from "../../storage/database.js";
import { findConversationForRep, findReachableReps } from "../../storage/teams-conversations.js";
import type { SendPacer } from "../send-pacer.js";
import { refreshOfNudge, withRefresh } from "./card-refresh.js";
import { cardAttachment } from "./cards/elements.js";
import { nudgeCard } from "./cards/nudge-card.js";
import { replyCard } from "./cards/reply-card.js";
import { readReference } from "./conversation-ref.js";
import { toChannelSendError } from "./send-errors.js";

export interface TeamsChannelOptions {
  db: Db;
  adapter: CloudAdapter;
  /** The bot's app id ("" without one); proactive turns run as this bot. */
  appId: string;
  clock: () => Date;
  /** A send that has not answered by then fails (the connector may hang). */
  sendTimeoutMs?: number;
  /** Spaces sends at the Bot Framework's published pace and slows down on 429; none when absent. */
  pacer?: SendPacer;
}

const DEFAULT_SEND_TIMEOUT_MS = 30_000;

export function createTeamsChannel(options: TeamsChannelOptions): ChatChannel {
  const timeoutMs = options.sendTimeoutMs ?? DEFAULT_SEND_TIMEOUT_MS;

  async function inConversation<T>(
    recipient: Recipient,
    what: string,
    work: (c: TurnContext) => Promise<T>,
  ): Promise<T> {
    const stored = await findConversationForRep(options.db, recipient);
    const reference = stored ? readReference(stored) : undefined;
    if (!reference) {
      throw new ChannelSendError(
        `${recipient.email} has not installed the Teams app (no conversation to write to)`,
        {
          permanent: true,
        },
      );
    }
    const workspace = String(recipient.workspaceId);
    await options.pacer?.acquire(workspace, reference.conversation?.id ?? recipient.email);
    // Errors are caught inside the turn: botbuilder would hand them to the adapter's onTurnError,
    // which logs and swallows them, and the scheduler would count a failed send as sent.
    let outcome: { ok: true; value: T } | { ok: false; error: unknown } | undefined;
    const turn = options.adapter.continueConversationAsync(options.appId, reference, async (context) => {
      try {
        outcome = { ok: true, value: await work(context) };
      } catch (error) {
        outcome = { ok: false, error };
      }
    });
    try {
      await withTimeout(turn, timeoutMs, what);
    } catch (err) {
      throw paced(toChannelSendError(err, what));
    }
    if (!outcome) throw new ChannelSendError(`Teams did not run the turn while ${what}`);
    if (!outcome.ok) throw paced(toChannelSendError(outcome.error, what));
    return outcome.value;

    /** A 429 holds the tenant's later sends for its Retry-After too. */
    function paced(failure: ChannelSendError): ChannelSendError {
      const retryAfterMs = failure.options.retryAfterMs;
      if (retryAfterMs !== undefined) options.pacer?.rateLimited(workspace);
      return failure;
    }
  }

  return {
    platform: "teams",
    canReach: async (recipient) => (await findConversationForRep(options.db, recipient)) !== undefined,

    canReachAll: async (recipients) => {
      const reachable = await findReachableReps(options.db, recipients);
      return recipients.map((_, i) => reachable.has(i));
    },

    sendNudge: async (nudge: NudgeView): Promise<MessageRef> => {
      const drawn = nudgeCard(nudge, { now: options.clock() });
      return inConversation(nudge.recipient, "sending the nudge", async (context) => {
        const card = withRefresh(drawn, context.activity.from?.id, refreshOfNudge(nudge.nudgeId));
        const response = await context.sendActivity({ type: "message", attachments: [cardAttachment(card)] });
        const ref: MessageRef = { platform: "teams", conversationId: context.activity.conversation.id };
        if (response?.id) ref.activityId = response.id;
        return ref;
      });
    },

    updateNudge: async (ref: MessageRef, nudge: NudgeView): Promise<void> => {
      const activityId = ref.activityId;
      if (!activityId) return;
      const drawn = nudgeCard(nudge, { now: options.clock() });
      await inConversation(nudge.recipient, "updating the nudge", async (context) => {
        const card = withRefresh(drawn, context.activity.from?.id, refreshOfNudge(nudge.nudgeId));
        await context.updateActivity({
          type: "message",
          id: activityId,
          attachments: [cardAttachment(card)],
        });
      });
    },

    notify: async (recipient: Recipient, reply: Reply): Promise<void> => {
      const card = replyCard(reply, { now: options.clock(), zone: recipient.timezone });
      await inConversation(recipient, "sending a notification", async (context) => {
        await context.sendActivity({ type: "message", attachments: [cardAttachment(card)] });
      });
    },
  };
}

function withTimeout(work: Promise<void>, ms: number, what: string): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new ChannelSendError(`Teams did not answer within ${ms} ms while ${what}`)),
      ms,
    );
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}
