import { describe, expect, it } from "vitest";
import type { PlanRepsFn } from "../../../src/app/morning/plan-claimed.js";
import { type MorningSummary, runMorning } from "../../../src/app/morning/run-morning.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel, type RecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, simplePlanner } from "./helpers.js";

// A Monday; the workspace's zone is UTC, so 09:00Z is 09:00 local.
const NINE = new Date("2026-03-09T09:00:00Z");
const minutes = (n: number) => new Date(NINE.getTime() + n * 60_000);

describe("the daily run when sending fails", () => {
  const t = useTestDatabase();

  async function dueRep(input: Parameters<typeof createRep>[2] = {}) {
    const rep = await createRep(t.db, t.workspaceId, input);
    await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, name: "Globex" });
    return rep;
  }

  function pass(
    channel: RecordingChannel,
    now: Date,
    planner: PlanRepsFn = simplePlanner,
  ): Promise<MorningSummary> {
    // Waits longer than none are left to later passes here; rate-limits.db.test.ts waits in place.
    return runMorning(makeContext(t.db, [channel], now), now, { planner, maxRateLimitPauseMs: 0 });
  }

  it("a 429 asking for longer than a pass waits is retried by a later pass after the wait, then sent once", async () => {
    await dueRep();
    const channel = createRecordingChannel();
    channel.failNext({ kind: "rate_limited", retryAfterMs: 30_000 });

    expect(await pass(channel, NINE)).toMatchObject({ sent: 0, retried: 1 });
    const [waiting] = await allNudges(t.db);
    expect(waiting).toMatchObject({ status: "claimed", attempts: 1 });
    expect(waiting!.lastError).toContain("429");
    expect(waiting!.nextAttemptAt!.getTime() - NINE.getTime()).toBeGreaterThanOrEqual(30_000);

    // Too early: the platform asked for 30 seconds.
    expect(await pass(channel, new Date(NINE.getTime() + 10_000))).toMatchObject({ sent: 0, retried: 0 });
    expect(await pass(channel, minutes(1))).toMatchObject({ sent: 1 });
    expect(await pass(channel, minutes(2))).toMatchObject({ sent: 0 });
    expect(channel.sent).toHaveLength(1);
    expect(channel.attempts).toBe(2);
    expect((await allNudges(t.db))[0]).toMatchObject({ status: "sent", attempts: 2, lastError: null });
  });

  it("after a 429 longer than a pass waits, the other nudges of the pass wait too instead of hammering the platform", async () => {
    await dueRep();
    await dueRep();
    await dueRep();
    const channel = createRecordingChannel();
    channel.failNext({ kind: "rate_limited", retryAfterMs: 20_000 });
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      concurrency: 1,
      maxRateLimitPauseMs: 0,
    });
    expect(summary).toMatchObject({ sent: 0, retried: 3 });
    expect(channel.attempts).toBe(1);
    expect(await pass(channel, minutes(1))).toMatchObject({ sent: 3 });
  });

  it("repeated server errors are retried with growing waits, then recorded as failed with the error", async () => {
    await dueRep();
    const channel = createRecordingChannel();
    channel.failNext(...Array.from({ length: 10 }, () => ({ kind: "server_error" as const, status: 500 })));

    const attemptsAt: number[] = [];
    for (let minute = 0; minute <= 30; minute++) {
      const before = channel.attempts;
      await pass(channel, minutes(minute));
      if (channel.attempts > before) attemptsAt.push(minute);
    }
    // Backoff of 1, 2, 4, 8 minutes between the five attempts.
    expect(attemptsAt).toEqual([0, 1, 3, 7, 15]);
    expect(channel.sent).toHaveLength(0);
    const [nudge] = await allNudges(t.db);
    expect(nudge).toMatchObject({ status: "failed", attempts: 5, nextAttemptAt: null });
    expect(nudge!.lastError).toContain("HTTP 500");
    expect(nudge!.lastError).toContain("gave up after 5 attempts");
  });

  it("a server error, then success: sent once on the retry", async () => {
    await dueRep();
    const channel = createRecordingChannel();
    channel.failNext({ kind: "server_error", status: 503 });
    expect(await pass(channel, NINE)).toMatchObject({ retried: 1 });
    expect(await pass(channel, minutes(1))).toMatchObject({ sent: 1 });
    expect(channel.sent).toHaveLength(1);
  });

  it("a permanent error is not retried: failed at once, with the error", async () => {
    await dueRep();
    const channel = createRecordingChannel();
    channel.failNext({ kind: "permanent", message: "channel_not_found" });
    expect(await pass(channel, NINE)).toMatchObject({ failed: 1, retried: 0 });
    expect(await pass(channel, minutes(5))).toMatchObject({ sent: 0, failed: 0 });
    expect((await allNudges(t.db))[0]).toMatchObject({
      status: "failed",
      lastError: "ChannelSendError: channel_not_found",
    });
  });

  it("a nudge still failing at the cut-off is recorded as missed, keeping its last error", async () => {
    await dueRep();
    const channel = createRecordingChannel();
    channel.failNext({ kind: "rate_limited", retryAfterMs: 4 * 3_600_000 });
    await pass(channel, NINE);
    expect(await pass(channel, new Date("2026-03-09T13:30:00Z"))).toMatchObject({ missed: 1, sent: 0 });
    const [nudge] = await allNudges(t.db);
    expect(nudge).toMatchObject({ status: "missed" });
    expect(nudge!.lastError).toContain("429");
  });

  it("the first channel that can reach the rep carries the nudge", async () => {
    const withSlack = await dueRep({ slackUserId: "U1" });
    const other = await dueRep();
    const slack = createRecordingChannel({ platform: "slack", canReach: (r) => r.slackUserId !== null });
    const log = createRecordingChannel({ platform: "log" });
    await runMorning(makeContext(t.db, [slack, log], NINE), NINE, { planner: simplePlanner });
    expect(slack.sent.map((n) => n.recipient.repId)).toEqual([withSlack.id]);
    expect(log.sent.map((n) => n.recipient.repId)).toEqual([other.id]);
  });

  it("a rep no channel can reach is recorded as failed, saying what to set", async () => {
    await dueRep({ email: "ana@acme.test" });
    const slack = createRecordingChannel({ platform: "slack", canReach: () => false });
    expect(await pass(slack, NINE)).toMatchObject({ failed: 1 });
    expect((await allNudges(t.db))[0]!.lastError).toBe(
      "no chat channel can reach ana@acme.test: set their Slack or Teams user id",
    );
  });

  it("when planning fails for one rep, the others are still sent and that rep is retried", async () => {
    const broken = await dueRep();
    await dueRep();
    const channel = createRecordingChannel();
    const flaky: PlanRepsFn = async (db, input) => {
      if (input.repIds?.includes(broken.id)) throw new Error("bad data for this rep");
      return simplePlanner(db, input);
    };
    expect(await pass(channel, NINE, flaky)).toMatchObject({ sent: 1, retried: 1 });
    const failing = (await allNudges(t.db)).find((n) => n.repId === broken.id)!;
    expect(failing).toMatchObject({ status: "claimed", attempts: 1 });
    expect(failing.lastError).toContain("planning failed: bad data for this rep");

    expect(await pass(channel, minutes(1))).toMatchObject({ sent: 1 });
    expect(channel.sent).toHaveLength(2);
  });
});
