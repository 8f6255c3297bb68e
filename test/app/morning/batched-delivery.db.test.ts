import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import type { ChatChannel, Recipient } from "../../../src/app/ports.js";
import { nudges } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, simplePlanner } from "./helpers.js";

// A Monday; the workspace's zone is UTC, so 09:00Z is 09:00 local.
const NINE = new Date("2026-03-09T09:00:00Z");

describe("the daily run delivers batch by batch", () => {
  const t = useTestDatabase();

  async function dueReps(n: number) {
    const list = [];
    for (let i = 0; i < n; i++) {
      const rep = await createRep(t.db, t.workspaceId);
      await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id });
      list.push(rep);
    }
    return list;
  }

  it("a morning larger than a batch reaches every rep once and records where each nudge went", async () => {
    const reps = await dueReps(10);
    const channel = createRecordingChannel();
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      batchSize: 3,
      concurrency: 2,
    });
    expect(summary).toMatchObject({ sent: 10, failed: 0, retried: 0 });
    expect(channel.sent.map((n) => n.recipient.repId).sort((a, b) => a - b)).toEqual(reps.map((r) => r.id));
    const rows = await allNudges(t.db);
    expect(rows.map((r) => [r.status, r.attempts, r.nextAttemptAt, r.lastError])).toEqual(
      rows.map(() => ["sent", 1, null, null]),
    );
    // Each row holds the reference its own send returned.
    const refs = new Map(rows.map((r) => [r.id, r.messageRef?.ts]));
    expect(new Set(refs.values()).size).toBe(10);
    expect(rows.every((r) => r.sentAt !== null && r.sentAt >= NINE)).toBe(true);
  });

  it("a nudge whose batch lease grew old is renewed before it is sent, and left alone once another replica holds it", async () => {
    const reps = await dueReps(4);
    const recording = createRecordingChannel({ sendDelayMs: 450 });
    let tookOver = false;
    const channel: ChatChannel = {
      ...recording,
      sendNudge: async (view) => {
        if (!tookOver) {
          // While the first nudge is being sent, another replica comes to hold the last rep's nudge.
          tookOver = true;
          await t.db.update(nudges).set({ claimedBy: "replica-b" }).where(eq(nudges.repId, reps[3]!.id));
        }
        return recording.sendNudge(view);
      },
    };
    // A 1.2 s lease (longer than the pass's 1 s grace for due retries): by the fourth nudge's turn,
    // after three sends of 450 ms, the lease its batch took has run out.
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      leaseMs: 1_200,
      concurrency: 1,
    });
    expect(summary).toMatchObject({ sent: 3 });
    expect(recording.sent.map((n) => n.recipient.repId)).toEqual(reps.slice(0, 3).map((r) => r.id));
    const last = (await allNudges(t.db)).find((n) => n.repId === reps[3]!.id);
    expect(last).toMatchObject({ status: "claimed", claimedBy: "replica-b" });
  });

  it("a channel that answers reachability for many reps is asked once per batch, and an unreachable rep's nudge fails with why", async () => {
    const reps = await dueReps(7);
    const unreachable = reps[4]!.id;
    const recording = createRecordingChannel();
    const asked: number[] = [];
    const channel: ChatChannel = {
      ...recording,
      canReach: () => {
        throw new Error("asked one by one");
      },
      canReachAll: async (recipients: readonly Recipient[]) => {
        asked.push(recipients.length);
        return recipients.map((r) => r.repId !== unreachable);
      },
    };
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      batchSize: 3,
    });
    expect(asked).toEqual([3, 3, 1]);
    expect(summary).toMatchObject({ sent: 6, failed: 1 });
    const failed = (await allNudges(t.db)).find((n) => n.repId === unreachable);
    expect(failed).toMatchObject({ status: "failed", attempts: 1 });
    expect(failed!.lastError).toContain("no chat channel can reach");
  });
});
