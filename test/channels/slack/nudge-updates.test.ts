import { describe, expect, it } from "vitest";
import { NudgeUpdates } from "../../../src/channels/slack/nudge-updates.js";

describe("re-rendering one nudge message", () => {
  it("never runs two renders of the same nudge at once, and renders again after a request made meanwhile", async () => {
    const updates = new NudgeUpdates();
    let state = 0;
    let running = 0;
    let most = 0;
    const shown: number[] = [];
    // The first render holds until the other two requests are made, so they arrive meanwhile.
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const render = async () => {
      running++;
      most = Math.max(most, running);
      const seen = state;
      await held;
      shown.push(seen);
      running--;
    };
    const first = updates.run(1, render);
    state = 1;
    const second = updates.run(1, render);
    state = 2;
    const third = updates.run(1, render);
    release();
    await Promise.all([first, second, third]);
    expect(most).toBe(1);
    expect(shown[shown.length - 1]).toBe(2);
    expect(shown.length).toBeLessThanOrEqual(2);
  });

  it("renders different nudges independently", async () => {
    const updates = new NudgeUpdates();
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((id) => updates.run(id, async () => void order.push(id))));
    expect(order.sort()).toEqual([1, 2, 3]);
  });
});
