/**
 * Sends one planned nudge through the first channel that can reach its rep, and records the
 * result: `sent` with where it went, a retry at the platform's Retry-After or with backoff, or
 * `failed` with the error.
 */

import { markEnded, markSent, renewLease, scheduleRetry, type WorkNudge } from "../../storage/nudges.js";
import { loadNudgeView } from "../nudges/nudge-view.js";
import { type AppContext, ChannelSendError, type ChatChannel, type Recipient } from "../ports.js";
import { decideAfterFailure, describeError, type RetryPolicy } from "./retry-policy.js";

export type DeliveryResult = "sent" | "retried" | "failed" | "skipped";

export interface DeliveryContext {
  workerId: string;
  /** The instant the pass began: backoff counts from it, so retries line up with later ticks. */
  passNow: Date;
  /** The pass's clock: the pass instant plus the time spent since it began. */
  at: () => Date;
  leaseMs: number;
  policy: RetryPolicy;
  /** Channels that answered 429 in this pass, and until when: their other sends wait too. */
  rateLimitedUntil: Map<ChatChannel, Date>;
}

export async function deliverNudge(
  ctx: AppContext,
  nudge: WorkNudge,
  d: DeliveryContext,
): Promise<DeliveryResult> {
  // Fencing: only the lease holder sends; a replica that took over an expired lease wins.
  const leased = await renewLease(ctx.db, nudge.id, d.workerId, new Date(d.at().getTime() + d.leaseMs));
  if (!leased) return "skipped";

  const view = await loadNudgeView(ctx.db, nudge.id, d.at());
  if (!view) {
    await markEnded(ctx.db, nudge.id, "failed", { error: "the nudge or its rep no longer exists" });
    return "failed";
  }
  const channel = await firstReachable(ctx, view.recipient);
  if (!channel) {
    await markEnded(ctx.db, nudge.id, "failed", {
      error: `no chat channel can reach ${view.recipient.email}: set their Slack or Teams user id`,
      countAttempt: true,
    });
    return "failed";
  }
  const limitedUntil = d.rateLimitedUntil.get(channel);
  if (limitedUntil && limitedUntil > d.at()) {
    await scheduleRetry(ctx.db, nudge.id, limitedUntil, `${channel.platform} asked to slow down (HTTP 429)`, {
      countAttempt: false,
    });
    return "retried";
  }

  let ref: Record<string, string>;
  try {
    ref = await channel.sendNudge(view);
  } catch (err) {
    // A platform's Retry-After counts from its answer; our own backoff from the pass's tick.
    const rateLimited = err instanceof ChannelSendError && err.options.retryAfterMs !== undefined;
    const decision = decideAfterFailure(err, nudge.attempts, rateLimited ? d.at() : d.passNow, d.policy);
    ctx.logger.warn(
      { err, nudge: nudge.id, rep: view.recipient.email, channel: channel.platform, decision: decision.kind },
      "sending a nudge failed",
    );
    if (decision.kind === "failed") {
      await markEnded(ctx.db, nudge.id, "failed", { error: decision.error, countAttempt: true });
      return "failed";
    }
    if (decision.rateLimited) d.rateLimitedUntil.set(channel, decision.at);
    await scheduleRetry(ctx.db, nudge.id, decision.at, decision.error);
    return "retried";
  }
  await markSent(ctx.db, nudge.id, d.at(), ref);
  ctx.logger.info(
    { nudge: nudge.id, rep: view.recipient.email, picks: view.picks.length, channel: channel.platform },
    "nudge sent",
  );
  return "sent";
}

async function firstReachable(ctx: AppContext, recipient: Recipient): Promise<ChatChannel | undefined> {
  for (const channel of ctx.channels) {
    try {
      if (await channel.canReach(recipient)) return channel;
    } catch (err) {
      ctx.logger.warn(
        { err: describeError(err), channel: channel.platform },
        "a channel could not tell if it reaches a rep",
      );
    }
  }
  return undefined;
}
