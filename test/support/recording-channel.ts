/**
 * A chat channel that records what it is asked to send, and can be told to fail: a 429 with
 * Retry-After, a server error, or a permanent error, for the next sends in order.
 */
import {
  ChannelSendError,
  type ChatChannel,
  type MessageRef,
  type NudgeView,
  type Recipient,
} from "../../src/app/ports.js";
import type { Reply } from "../../src/app/replies.js";

export type ScriptedFailure =
  | { kind: "rate_limited"; retryAfterMs: number }
  | { kind: "server_error"; status?: number }
  | { kind: "permanent"; message?: string };

export interface RecordingChannel extends ChatChannel {
  readonly sent: NudgeView[];
  readonly updated: { ref: MessageRef; nudge: NudgeView }[];
  readonly notified: { recipient: Recipient; reply: Reply }[];
  /** Send attempts, failed ones included. */
  readonly attempts: number;
  /** The next sends fail like this, one failure per send, in order. */
  failNext(...failures: ScriptedFailure[]): void;
}

export interface RecordingChannelOptions {
  platform?: ChatChannel["platform"];
  /** Who this channel can reach; everyone by default. */
  canReach?: (recipient: Recipient) => boolean;
  /** Milliseconds each send takes (to widen race windows in concurrency tests). */
  sendDelayMs?: number;
}

export function createRecordingChannel(options: RecordingChannelOptions = {}): RecordingChannel {
  const sent: NudgeView[] = [];
  const updated: { ref: MessageRef; nudge: NudgeView }[] = [];
  const notified: { recipient: Recipient; reply: Reply }[] = [];
  const failures: ScriptedFailure[] = [];
  let attempts = 0;
  const platform = options.platform ?? "log";
  return {
    platform,
    sent,
    updated,
    notified,
    get attempts() {
      return attempts;
    },
    failNext: (...next) => {
      failures.push(...next);
    },
    canReach: (recipient) => options.canReach?.(recipient) ?? true,
    sendNudge: async (nudge) => {
      attempts++;
      if (options.sendDelayMs) await new Promise((r) => setTimeout(r, options.sendDelayMs));
      const failure = failures.shift();
      if (failure?.kind === "rate_limited") {
        throw new ChannelSendError("ratelimited (HTTP 429)", { retryAfterMs: failure.retryAfterMs });
      }
      if (failure?.kind === "server_error") {
        throw new ChannelSendError(`HTTP ${failure.status ?? 500} from the chat platform`);
      }
      if (failure?.kind === "permanent") {
        throw new ChannelSendError(failure.message ?? "user_not_found", { permanent: true });
      }
      sent.push(nudge);
      return { platform, ts: String(sent.length) };
    },
    updateNudge: async (ref, nudge) => {
      updated.push({ ref, nudge });
    },
    notify: async (recipient, reply) => {
      notified.push({ recipient, reply });
    },
  };
}
