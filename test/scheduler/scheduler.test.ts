import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import type { MorningSummary } from "../../src/app/morning/run-morning.js";
import type { AppContext } from "../../src/app/ports.js";
import { type Scheduler, startScheduler } from "../../src/scheduler/index.js";
import type { Db } from "../../src/storage/database.js";

const empty: MorningSummary = { sent: 0, empty: 0, missed: 0, paused: 0, failed: 0, retried: 0 };

function context(logged: { level: number; msg: string }[] = []): AppContext {
  const stream = { write: (line: string) => logged.push(JSON.parse(line)) };
  return {
    // The scheduler only hands the context to its pass; these tests inject the pass.
    db: {} as Db,
    clock: () => new Date("2026-03-09T09:00:00Z"),
    logger: pino({ level: "debug" }, stream),
    channels: [],
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await sleep(5);
  }
}

describe("the in-process scheduler", () => {
  let scheduler: Scheduler | undefined;
  afterEach(async () => {
    await scheduler?.stop();
    scheduler = undefined;
  });

  it("runs a catch-up pass shortly after start, at the clock's instant", async () => {
    const seen: Date[] = [];
    scheduler = startScheduler(context(), {
      firstPassDelayMs: 10,
      pass: async (_ctx, now) => {
        seen.push(now);
        return empty;
      },
    });
    await until(() => seen.length === 1);
    expect(seen[0]!.toISOString()).toBe("2026-03-09T09:00:00.000Z");
  });

  it("ticks on its schedule, and never runs two passes at once", async () => {
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    scheduler = startScheduler(context(), {
      schedule: "* * * * * *", // every second, to keep the test short
      firstPassDelayMs: 0,
      pass: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        await sleep(1_300); // longer than a tick
        running--;
        passes++;
        return empty;
      },
    });
    await until(() => passes >= 2, 6_000);
    expect(maxRunning).toBe(1);
  });

  it("a failing pass is logged and the next tick runs again", async () => {
    const logged: { level: number; msg: string }[] = [];
    let calls = 0;
    scheduler = startScheduler(context(logged), {
      schedule: "* * * * * *",
      firstPassDelayMs: 0,
      pass: async () => {
        calls++;
        if (calls === 1) throw new Error("database went away");
        return { ...empty, sent: 2 };
      },
    });
    await until(() => calls >= 2, 4_000);
    await until(() => logged.some((l) => l.msg === "scheduler pass"));
    expect(logged.some((l) => l.level === 50 && l.msg.includes("scheduler pass failed"))).toBe(true);
  });

  it("stop waits for the pass in flight and no pass starts after it", async () => {
    let finished = false;
    let calls = 0;
    scheduler = startScheduler(context(), {
      schedule: "* * * * * *",
      firstPassDelayMs: 0,
      pass: async () => {
        calls++;
        await sleep(200);
        finished = true;
        return empty;
      },
    });
    await until(() => calls === 1);
    await scheduler.stop();
    scheduler = undefined;
    expect(finished).toBe(true);
    const callsAtStop = calls;
    await sleep(1_200);
    expect(calls).toBe(callsAtStop);
  });
});
