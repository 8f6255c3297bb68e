/**
 * Paces a platform's sends with token buckets (src/domain/token-bucket.ts): one per workspace for
 * the app-wide limit and one per conversation for the per-channel limit. A send waits for a slot
 * in both; a 429 blocks the workspace's bucket for its Retry-After and lowers its rate. The
 * buckets of idle conversations are dropped, so memory stays bounded by the active ones.
 */
import {
  type BucketLimits,
  type BucketState,
  newBucket,
  onRateLimited,
  take,
} from "../domain/token-bucket.js";

export interface PacingLimits {
  /** The app's limit for this method in one workspace (Slack team, Teams tenant). */
  workspace: BucketLimits;
  /** The limit in one conversation (a DM with one rep). */
  conversation: BucketLimits;
}

export interface SendPacer {
  /** Waits until a call to `conversation` in `workspace` may go. */
  acquire(workspace: string, conversation: string): Promise<void>;
  /** The platform answered 429: the workspace's rate drops (and recovers without 429s). */
  rateLimited(workspace: string): void;
  /** The current rate per workspace (calls per second), for logs and benchmarks. */
  rateOf(workspace: string): number | undefined;
}

export interface PacerOptions {
  /** Milliseconds on a monotonic scale; `performance.now` unless a test gives another. */
  now?: () => number;
  /** Waits `ms`; a timer unless a test gives another. */
  sleep?: (ms: number) => Promise<void>;
}

/** Conversation buckets kept before idle ones are swept. */
const SWEEP_ABOVE = 1_000;

export function createSendPacer(limits: PacingLimits, options: PacerOptions = {}): SendPacer {
  const now = options.now ?? (() => performance.now());
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const workspaces = new Map<string, BucketState>();
  const conversations = new Map<string, BucketState>();

  const reserve = (map: Map<string, BucketState>, key: string, bucket: BucketLimits, t: number) => {
    const slot = take(map.get(key) ?? newBucket(bucket, t), bucket, t);
    map.set(key, slot.state);
    return slot.waitMs;
  };

  const sweep = (t: number) => {
    if (conversations.size <= SWEEP_ABOVE) return;
    const { ratePerSecond, burst } = limits.conversation;
    for (const [key, state] of conversations) {
      // Full again (or would be by now): forgetting it changes nothing.
      if (state.blockedUntil <= t && state.tokens + ((t - state.at) / 1000) * ratePerSecond >= burst) {
        conversations.delete(key);
      }
    }
  };

  return {
    acquire: async (workspace, conversation) => {
      const t = now();
      sweep(t);
      const waitMs = Math.max(
        reserve(workspaces, workspace, limits.workspace, t),
        reserve(conversations, `${workspace}\u0000${conversation}`, limits.conversation, t),
      );
      if (waitMs > 0) await sleep(waitMs);
    },
    rateLimited: (workspace) => {
      const t = now();
      const state = workspaces.get(workspace) ?? newBucket(limits.workspace, t);
      // The Retry-After itself is waited out by the scheduler on its pass's clock (deliver-nudge),
      // which decides whether the pass waits or leaves the nudge to a later one: here, no block.
      workspaces.set(workspace, onRateLimited(state, limits.workspace, t, 0));
    },
    rateOf: (workspace) => workspaces.get(workspace)?.ratePerSecond,
  };
}

/**
 * Published limits. Slack: chat.postMessage allows about one message per second per channel
 * (short bursts tolerated) and a workspace-wide limit Slack does not put a number on ("several
 * hundred messages per minute"); `ratePerSecond` sets the latter (SLACK_SEND_RATE).
 */
export function slackPostMessageLimits(ratePerSecond = 5): PacingLimits {
  return {
    workspace: { ratePerSecond, burst: Math.max(1, Math.min(10, ratePerSecond)) },
    conversation: { ratePerSecond: 1, burst: 3 },
  };
}

/**
 * Bot Framework in Teams: 50 requests per second per app per tenant; per bot per conversation
 * 7 per second, 8 per 2 s, 60 per 30 s and 1,800 per hour, read here as 1 per second with a burst
 * of 7 (the hourly figure is 0.5/s, reached only by 1,800 messages to one rep).
 */
export function teamsLimits(ratePerSecond = 50): PacingLimits {
  return {
    workspace: { ratePerSecond, burst: Math.max(1, Math.min(50, ratePerSecond)) },
    conversation: { ratePerSecond: 1, burst: 7 },
  };
}
