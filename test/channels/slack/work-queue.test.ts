import { describe, expect, it } from "vitest";
import { WorkQueue } from "../../../src/channels/slack/work-queue.js";

describe("the work after an acknowledgement", () => {
  it("is idle at once when nothing runs, and only after the last waiting work when some does", async () => {
    const queue = new WorkQueue(1);
    await queue.idle();
    const done: string[] = [];
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = queue.run(async () => {
      await held;
      done.push("first");
    });
    const second = queue.run(async () => {
      done.push("second");
    });
    const idle = queue.idle().then(() => done.push("idle"));
    release();
    await Promise.all([first, second, idle]);
    expect(done).toEqual(["first", "second", "idle"]);
  });
});
