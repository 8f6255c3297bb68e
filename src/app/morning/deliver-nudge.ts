/**
 * Sends one prepared nudge (its view loaded and its channel chosen, see deliver-batches.ts) and
 * records the result: `sent` with where it went, a retry at the platform's Retry-After or with
 * backoff, or `failed` with the error. A 429 pauses that channel for this pass (every nudge for it
 * waits) and the same nudge is sent again once the pause is over, unless the platform asks for
 * longer than the pass may wait: then a later pass retries it.
 */

import type { NudgeEnd } from "../../storage/nudge-delivery.js";
import { renewLease, type WorkNudge } from "../../storage/nudges.js";
import { type AppContext, ChannelSendError, type ChatChannel, type NudgeView } from "../ports.js";
import type { EndWriter } from "./end-writer.js";
import { decideAfterFailure, type RetryPolicy } from "./retry-policy.js";

export type DeliveryResult = "sent" | "retried" | "failed" | "skipped";

/**
 * The result of one nudge's delivery, known once its end is written. Boxed, so that the sender can
 * move on to the next nudge while the end waits for its (shared) statement.
 */
export interface Delivered {
  result: Promise<DeliveryResult>;
}

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
  /** Records how nudges ended, many per statement. */
  ends: EndWriter;
}

/** A nudge ready to send: leased to this worker until `leaseUntil` (on the pass's clock). */
export interface PreparedNudge {
  nudge: WorkNudge;
  view: NudgeView;
  channel: ChatChannel;
  leaseUntil: Date;
}

/** 429s one nudge may wait out in one pass before it is left to a later pass. */
const MAX_PAUSES_PER_NUDGE = 10;

export async function sendPrepared(
  ctx: AppContext,
  prepared: PreparedNudge,
  d: DeliveryContext,
): Promise<Delivered> {
  const { nudge, view, channel } = prepared;
  // Fencing: only the lease holder sends. A lease renewed with its batch long ago is renewed again.
  if (!(await holdLease(ctx, prepared, d))) return skipped;
  let ref: Record<string, string> | undefined;
  for (let pauses = 0; ref === undefined; pauses++) {
    const limitedUntil = d.rateLimitedUntil.get(channel);
    const pauseMs = limitedUntil ? limitedUntil.getTime() - d.at().getTime() : 0;
    if (pauseMs > 0) {
      if (pauseMs > d.maxPauseMs || pauses >= MAX_PAUSES_PER_NUDGE) {
        return end(d, "retried", {
          id: nudge.id,
          kind: "retry",
          at: limitedUntil!,
          error: `${channel.platform} asked to slow down (HTTP 429)`,
          countAttempt: false,
        });
      }
      await d.wait(pauseMs);
      if (!(await holdLease(ctx, prepared, d))) return skipped;
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
        return end(d, "failed", { id: nudge.id, kind: "failed", error: decision.error, countAttempt: true });
      }
      if (decision.rateLimited) d.rateLimitedUntil.set(channel, decision.at);
      return end(d, "retried", {
        id: nudge.id,
        kind: "retry",
        at: decision.at,
        error: decision.error,
        countAttempt: true,
      });
    }
  }
  ctx.logger.info(
    { nudge: nudge.id, rep: view.recipient.email, picks: view.picks.length, channel: channel.platform },
    "nudge sent",
  );
  return end(d, "sent", { id: nudge.id, kind: "sent", at: d.at(), ref });
}

/**
 * True while this worker may send the nudge: its lease has at least half its length left, or a
 * renewal now succeeds. False when another replica took it over (the lease ran out) or it ended.
 */
async function holdLease(ctx: AppContext, prepared: PreparedNudge, d: DeliveryContext): Promise<boolean> {
  const now = d.at().getTime();
  if (prepared.leaseUntil.getTime() - now >= d.leaseMs / 2) return true;
  const until = new Date(now + d.leaseMs);
  if (!(await renewLease(ctx.db, prepared.nudge.id, d.workerId, until))) return false;
  prepared.leaseUntil = until;
  return true;
}

const skipped: Delivered = { result: Promise.resolve("skipped") };

/** Queues the end's write without waiting for the statement; the result counts once it is written. */
export function end(
  d: { ends: EndWriter },
  result: Exclude<DeliveryResult, "skipped">,
  what: NudgeEnd,
): Delivered {
  return { result: d.ends.write(what).then((written) => (written ? result : "skipped")) };
}
