import { describe, expect, it } from "vitest";
import { createSendPacer, slackPostMessageLimits, teamsLimits } from "../../src/channels/send-pacer.js";

/** A pacer on a virtual clock: sleeping moves the clock, so no test waits for real. */
function virtualPacer(limits = slackPostMessageLimits(5)) {
  let now = 0;
  const started: number[] = [];
  const pacer = createSendPacer(limits, {
    now: () => now,
    sleep: async (ms) => {
      now = Math.max(now, now + ms);
    },
  });
  const send = async (workspace: string, conversation: string) => {
    await pacer.acquire(workspace, conversation);
    started.push(now);
  };
  return { pacer, send, started, at: () => now };
}

describe("send pacer", () => {
  it("sends to different reps of one workspace at its rate after the burst", async () => {
    const { send, started } = virtualPacer(slackPostMessageLimits(5));
    for (let i = 0; i < 12; i++) await send("1", `U${i}`);
    // A burst of 5, then one every 200 ms.
    expect(started.slice(0, 5)).toEqual([0, 0, 0, 0, 0]);
    expect(started.slice(5).map(Math.round)).toEqual([200, 400, 600, 800, 1000, 1200, 1400]);
  });

  it("keeps one rep's DM at about one message per second", async () => {
    const { send, started } = virtualPacer(slackPostMessageLimits(100));
    for (let i = 0; i < 5; i++) await send("1", "U1");
    expect(started.map(Math.round)).toEqual([0, 0, 0, 1000, 2000]);
  });

  it("paces each workspace on its own", async () => {
    const { send, started } = virtualPacer(slackPostMessageLimits(1));
    await send("1", "U1");
    await send("2", "U1");
    expect(started).toEqual([0, 0]);
  });

  it("after a 429 the workspace's sends come spaced out at a lower rate, not as a storm", async () => {
    const { pacer, send, started } = virtualPacer(teamsLimits(50));
    pacer.rateLimited("t1");
    for (let i = 0; i < 4; i++) await send("t1", `c${i}`);
    const rate = pacer.rateOf("t1")!;
    expect(rate).toBeLessThan(50);
    // An empty bucket: one slot per 1/rate from the 429 on, the first included.
    expect(started[0]).toBeGreaterThan(0);
    expect(started[3]! - started[0]!).toBeGreaterThanOrEqual((3 * 1000) / rate - 1e-6);
    await send("t2", "c1");
    expect(started[4]).toBe(started[3]);
  });
});
