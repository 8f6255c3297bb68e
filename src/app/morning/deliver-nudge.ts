/**
 * Sends one planned nudge through the first channel that can reach its rep, and records the
 * result: `sent` with where it went, a retry at the platform's Retry-After or with backoff, or
 * `failed` with the error. A 429 pauses that channel for this pass (every nudge for it waits)
 * and the same nudge is sent again once the pause is over, unless the platform asks for longer
 * than the pass may wait: then a later pass retries it.
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
  /** The longest a pass waits out a 429 in place; a longer Retry-After is left to a later pass. */
  maxPauseMs: number;
  /** Waits `ms` (real time; tests may shorten it). */
  wait: (ms: number) => Promise<void>;
}

/** 429s one nudge may wait out in one pass before it is left to a later pass. */
const MAX_PAUSES_PER_NUDGE = 10;

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
  let ref: Record<string, string> | undefined;
  for (let pauses = 0; ref === undefined; pauses++) {
    const limitedUntil = d.rateLimitedUntil.get(channel);
    const pauseMs = limitedUntil ? limitedUntil.getTime() - d.at().getTime() : 0;
    if (pauseMs > 0) {
      if (pauseMs > d.maxPauseMs || pauses >= MAX_PAUSES_PER_NUDGE) {
        await scheduleRetry(
          ctx.db,
          nudge.id,
          limitedUntil!,
          `${channel.platform} asked to slow down (HTTP 429)`,
          {
            countAttempt: false,
          },
        );
        return "retried";
      }
      await d.wait(pauseMs);
      const stillOurs = await renewLease(
        ctx.db,
        nudge.id,
        d.workerId,
        new Date(d.at().getTime() + d.leaseMs),
      );
      if (!stillOurs) return "skipped";
    }
    try {
      ref = await channel.sendNudge(view);
    } catch (err) {
      // A platform's Retry-After counts from its answer; our own backoff from the pass's tick.
      const retryAfterMs = err instanceof ChannelSendError ? err.options.retryAfterMs : undefined;
      if (retryAfterMs !== undefined && retryAfterMs <= d.maxPauseMs && pauses < MAX_PAUSES_PER_NUDGE) {
        // Wait in place: this channel pauses for everyone, then this nudge goes again.
        const until = new Date(d.at().getTime() + retryAfterMs);
        const current = d.rateLimitedUntil.get(channel);
        if (!current || current < until) d.rateLimitedUntil.set(channel, until);
        ctx.logger.info(
          { nudge: nudge.id, channel: channel.platform, retryAfterMs },
          "rate limited: pausing this channel, then sending again",
        );
        continue;
      }
      const decision = decideAfterFailure(
        err,
        nudge.attempts,
        retryAfterMs !== undefined ? d.at() : d.passNow,
        d.policy,
      );
      ctx.logger.warn(
        {
          err,
          nudge: nudge.id,
          rep: view.recipient.email,
          channel: channel.platform,
          decision: decision.kind,
        },
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
