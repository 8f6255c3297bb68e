import { describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, simplePlanner } from "./helpers.js";

const NINE = new Date("2026-03-09T09:00:00Z");

describe("a 429 pauses the platform in place and the same pass goes on", () => {
  const t = useTestDatabase();

  async function dueReps(n: number) {
    for (let i = 0; i < n; i++) {
      const rep = await createRep(t.db, t.workspaceId, {});
      await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, name: `Globex ${i}` });
    }
  }

  it("with one call in three rate-limited, every rep still gets exactly one nudge in one pass", async () => {
    await dueReps(6);
    const channel = createRecordingChannel();
    channel.failNext(
      { kind: "rate_limited", retryAfterMs: 50 },
      { kind: "rate_limited", retryAfterMs: 50 },
      { kind: "rate_limited", retryAfterMs: 50 },
    );
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      concurrency: 2,
    });
    expect(summary).toMatchObject({ sent: 6, retried: 0, failed: 0 });
    expect(channel.sent).toHaveLength(6);
    expect(new Set(channel.sent.map((n) => n.recipient.repId)).size).toBe(6);
    expect((await allNudges(t.db)).every((n) => n.status === "sent")).toBe(true);
  });

  it("the nudge that got the 429 waits no longer than asked and is sent again in the same pass", async () => {
    await dueReps(3);
    const channel = createRecordingChannel();
    const waits: number[] = [];
    channel.failNext({ kind: "rate_limited", retryAfterMs: 200 });
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      concurrency: 3,
      wait: (ms) => {
        waits.push(ms);
        return new Promise((resolve) => setTimeout(resolve, ms));
      },
    });
    expect(summary).toMatchObject({ sent: 3 });
    expect(channel.attempts).toBe(4);
    expect(waits.length).toBeGreaterThanOrEqual(1);
    expect(Math.max(...waits)).toBeLessThanOrEqual(200);
  });

  it("a server error is not waited out in place: that nudge backs off and the others are sent", async () => {
    await dueReps(3);
    const channel = createRecordingChannel();
    channel.failNext({ kind: "server_error", status: 503 });
    const summary = await runMorning(makeContext(t.db, [channel], NINE), NINE, {
      planner: simplePlanner,
      concurrency: 1,
    });
    expect(summary).toMatchObject({ sent: 2, retried: 1 });
    const waiting = (await allNudges(t.db)).find((n) => n.status === "claimed");
    expect(waiting!.nextAttemptAt!.getTime()).toBeGreaterThan(NINE.getTime());
  });
});
