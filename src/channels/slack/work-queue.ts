/**
 * Bounds the work done after Slack was acknowledged. Acknowledgements never wait for it, but
 * they share the event loop with it: a burst of clicks all working at once would delay every new
 * acknowledgement behind thousands of callbacks, and compete for the database pool. Work beyond
 * the limit waits its turn in memory, in arrival order. The age of the oldest item not yet done
 * is exported on /metrics.
 */
export class WorkQueue {
  private active = 0;
  private readonly waiting: (() => void)[] = [];
  private readonly idleWaiters: (() => void)[] = [];
  /** Arrival times (performance.now()) of the items not yet done, oldest first. */
  private readonly arrivals = new Set<{ at: number }>();

  constructor(private readonly limit: number) {}

  async run<T>(work: () => Promise<T>): Promise<T> {
    const arrival = { at: performance.now() };
    this.arrivals.add(arrival);
    try {
      if (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
      this.active++;
      try {
        return await work();
      } finally {
        this.active--;
        this.waiting.shift()?.();
      }
    } finally {
      this.arrivals.delete(arrival);
      if (this.active === 0 && this.waiting.length === 0) {
        for (const resolve of this.idleWaiters.splice(0)) resolve();
      }
    }
  }

  /** Resolves once no work is running or waiting (at once when there is none). */
  idle(): Promise<void> {
    if (this.active === 0 && this.waiting.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Milliseconds since the oldest item not yet done arrived; 0 when there is none. */
  oldestAgeMs(): number {
    for (const arrival of this.arrivals) return performance.now() - arrival.at;
    return 0;
  }
}
