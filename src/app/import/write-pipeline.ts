/**
 * Keeps one batch write in flight while the next batch is read and validated, so that parsing and
 * the database work at the same time. Writes still run one after another, in order, on the
 * import's transaction.
 */
export class WritePipeline {
  private inFlight: Promise<void> = Promise.resolve();

  /** Waits for the previous write, then starts `write` without waiting for it. */
  async push(write: () => Promise<void>): Promise<void> {
    await this.inFlight;
    const started = write();
    // Attach a handler now so that a failure is never "unhandled"; drain() or the next push rethrows it.
    started.catch(() => {});
    this.inFlight = started;
  }

  /** Waits for the last write; rethrows its failure. */
  async drain(): Promise<void> {
    await this.inFlight;
  }
}
