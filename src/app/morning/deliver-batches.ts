/**
 * Delivers the planned nudges of a pass batch by batch: per batch, one statement renews the leases,
 * one query loads the views, each channel tells at once which reps it reaches, and the ends are
 * written many per statement (end-writer.ts). Only the platform calls go one by one, through the
 * channel's send pacer. The next batch is prepared while the current one is being sent.
 */
import { renewLeases } from "../../storage/nudge-delivery.js";
import type { WorkNudge } from "../../storage/nudges.js";
import { loadNudgeViews } from "../nudges/nudge-view.js";
import type { AppContext, ChatChannel, Recipient } from "../ports.js";
import {
  type Delivered,
  type DeliveryContext,
  type DeliveryResult,
  end,
  type PreparedNudge,
  sendPrepared,
} from "./deliver-nudge.js";
import { describeError } from "./retry-policy.js";

/** Nudges prepared together: one lease renewal and one view query each. */
export const DEFAULT_BATCH_SIZE = 250;

/** Delivers `list` (nudges leased to this worker, picks saved); returns each one's result, in order. */
export async function deliverInBatches(
  ctx: AppContext,
  list: WorkNudge[],
  d: DeliveryContext,
  options: { concurrency: number; batchSize?: number },
): Promise<DeliveryResult[]> {
  const size = Math.max(1, options.batchSize ?? DEFAULT_BATCH_SIZE);
  const delivered: Delivered[] = [];
  let next: Promise<(Delivered | PreparedNudge)[]> | undefined;
  for (let start = 0; start < list.length; start += size) {
    const current = next ?? prepareBatch(ctx, list.slice(start, start + size), d);
    // Pipelining: the next batch's leases and views are read while this one is sent.
    next =
      start + size < list.length
        ? prepareBatch(ctx, list.slice(start + size, start + 2 * size), d)
        : undefined;
    next?.catch(() => {});
    const batch = await current.catch((err: unknown) => {
      // A database hiccup while preparing: the leases run out and a later pass takes them back.
      ctx.logger.error({ err }, "preparing a batch of nudges failed");
      return list.slice(start, start + size).map(() => skippedOne);
    });
    delivered.push(...(await sendBatch(ctx, batch, d, options.concurrency)));
  }
  return Promise.all(delivered.map((x) => x.result));
}

const skippedOne: Delivered = { result: Promise.resolve("skipped") };

/**
 * Renews the batch's leases and loads its views; nudges this worker no longer holds are skipped,
 * those whose rep is gone or reachable by no channel are recorded as failed. The others come back
 * as PreparedNudge, in place of a result.
 */
async function prepareBatch(
  ctx: AppContext,
  batch: WorkNudge[],
  d: DeliveryContext,
): Promise<(Delivered | PreparedNudge)[]> {
  const leaseUntil = new Date(d.at().getTime() + d.leaseMs);
  const held = new Set(
    await renewLeases(
      ctx.db,
      batch.map((n) => n.id),
      d.workerId,
      leaseUntil,
    ),
  );
  const views = await loadNudgeViews(
    ctx.db,
    batch.filter((n) => held.has(n.id)).map((n) => n.id),
    d.at(),
  );
  const channels = await reachingChannels(
    ctx,
    [...views.values()].map((v) => v.recipient),
  );
  let v = 0;
  return batch.map((nudge) => {
    if (!held.has(nudge.id)) return skippedOne;
    const view = views.get(nudge.id);
    if (!view) {
      return end(d, "failed", {
        id: nudge.id,
        kind: "failed",
        error: "the nudge or its rep no longer exists",
        countAttempt: false,
      });
    }
    const channel = channels[v++];
    if (!channel) {
      return end(d, "failed", {
        id: nudge.id,
        kind: "failed",
        error: `no chat channel can reach ${view.recipient.email}: set their Slack or Teams user id`,
        countAttempt: true,
      });
    }
    return { nudge, view, channel, leaseUntil };
  });
}

/** Sends a prepared batch, `concurrency` nudges at a time, in order. */
async function sendBatch(
  ctx: AppContext,
  batch: (Delivered | PreparedNudge)[],
  d: DeliveryContext,
  concurrency: number,
): Promise<Delivered[]> {
  const out: Delivered[] = new Array(batch.length);
  let next = 0;
  const worker = async () => {
    while (next < batch.length) {
      const index = next++;
      const item = batch[index]!;
      if (!("view" in item)) {
        out[index] = item;
        continue;
      }
      try {
        out[index] = await sendPrepared(ctx, item, d);
      } catch (err) {
        // A database hiccup while renewing a lease: it runs out and a later pass takes the nudge back.
        ctx.logger.error({ err, nudge: item.nudge.id }, "delivering a nudge failed");
        out[index] = skippedOne;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, concurrency), batch.length) }, worker));
  return out;
}

/**
 * The first channel, in order of preference, that reaches each recipient (undefined for none).
 * A channel that answers for many at once (`canReachAll`) is asked once for the batch.
 */
async function reachingChannels(
  ctx: AppContext,
  recipients: Recipient[],
): Promise<(ChatChannel | undefined)[]> {
  const found: (ChatChannel | undefined)[] = new Array(recipients.length).fill(undefined);
  let open = recipients.map((_, i) => i);
  for (const channel of ctx.channels) {
    if (open.length === 0) break;
    const asked = open.map((i) => recipients[i]!);
    let answers: boolean[];
    try {
      answers = channel.canReachAll
        ? await channel.canReachAll(asked)
        : await Promise.all(asked.map((r) => channel.canReach(r)));
    } catch (err) {
      ctx.logger.warn(
        { err: describeError(err), channel: channel.platform },
        "a channel could not tell if it reaches a batch of reps",
      );
      continue;
    }
    open = open.filter((i, k) => {
      if (!answers[k]) return true;
      found[i] = channel;
      return false;
    });
  }
  return found;
}
