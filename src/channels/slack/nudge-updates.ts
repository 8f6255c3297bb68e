/**
 * Serializes the re-rendering of each nudge message. Two quick clicks on one nudge each render
 * it; if the render of the first reached Slack after the second's, the message would show a
 * stale state. Here, a render asked for while one runs makes that one run again (reading the
 * state anew) instead of racing it, so the last render sent always shows the latest state.
 * This holds within one process; replicas may still interleave, and the next click repairs it.
 */
export class NudgeUpdates {
  private readonly running = new Map<number, { again: boolean; done: Promise<void> }>();

  run(nudgeId: number, render: () => Promise<void>): Promise<void> {
    const current = this.running.get(nudgeId);
    if (current) {
      current.again = true;
      return current.done;
    }
    const state = { again: false, done: Promise.resolve() };
    state.done = (async () => {
      try {
        do {
          state.again = false;
          await render();
        } while (state.again);
      } finally {
        this.running.delete(nudgeId);
      }
    })();
    this.running.set(nudgeId, state);
    return state.done;
  }
}
