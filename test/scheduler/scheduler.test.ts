import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
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

/** Waits (polling, bounded) until `condition` holds. */
async function until(condition: () => boolean, timeoutMs = 3_000): Promise<void> {
  await vi.waitFor(
    () => {
      if (!condition()) throw new Error("condition not met in time");
    },
    { timeout: timeoutMs, interval: 5 },
  );
}

/** A promise the test resolves when it chooses: a pass "in flight" until then. */
function gate(): { held: Promise<void>; release: () => void } {
  let release: () => void = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { held, release };
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
    const logged: { level: number; msg: string }[] = [];
    const skipped = () => logged.some((l) => l.msg.includes("still running; skipping this tick"));
    const first = gate();
    let running = 0;
    let maxRunning = 0;
    let passes = 0;
    scheduler = startScheduler(context(logged), {
      schedule: "* * * * * *", // every second, to keep the test short
      firstPassDelayMs: 0,
      pass: async () => {
        running++;
        maxRunning = Math.max(maxRunning, running);
        if (passes === 0) await first.held; // the first pass outlasts a tick
        running--;
        passes++;
        return empty;
      },
    });
    await until(skipped, 4_000);
    first.release();
    await until(() => passes >= 2, 4_000);
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
    const inFlight = gate();
    let finished = false;
    let calls = 0;
    scheduler = startScheduler(context(), {
      schedule: "* * * * * *",
      firstPassDelayMs: 0,
      pass: async () => {
        calls++;
        await inFlight.held;
        finished = true;
        return empty;
      },
    });
    await until(() => calls === 1);
    const stopping = scheduler.stop();
    scheduler = undefined;
    inFlight.release();
    await stopping;
    expect(finished).toBe(true);
    const callsAtStop = calls;
    // A second scheduler on the same schedule ticks: a tick came and went after the stop.
    let controlTicks = 0;
    const control = startScheduler(context(), {
      schedule: "* * * * * *",
      firstPassDelayMs: 60_000,
      pass: async () => {
        controlTicks++;
        return empty;
      },
    });
    try {
      await until(() => controlTicks >= 1, 3_000);
    } finally {
      await control.stop();
    }
    expect(calls).toBe(callsAtStop);
  });
});
