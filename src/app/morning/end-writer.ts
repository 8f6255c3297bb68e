/**
 * Writes how nudges ended with group commit: an end is written as soon as the write before it has
 * finished, and the ends that arrived meanwhile go together in one statement. Under a light load
 * each end is written at once (the window in which a crash forgets a sent mark stays one round
 * trip, as decision 0003 has it); under a heavy one, a statement carries many ends.
 */
import type { Logger } from "pino";
import type { Db } from "../../storage/database.js";
import { type NudgeEnd, recordNudgeEnds } from "../../storage/nudge-delivery.js";

/** Most ends one statement carries. */
const MAX_ENDS_PER_WRITE = 1_000;

export class EndWriter {
  private queue: { end: NudgeEnd; done: (written: boolean) => void }[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  /**
   * Queues an end; resolves true once it is written, false when the write failed (the nudge's
   * lease then runs out and a later pass takes it back).
   */
  write(end: NudgeEnd): Promise<boolean> {
    return new Promise((done) => {
      this.queue.push({ end, done });
      this.running ??= this.drain();
    });
  }

  /** Waits until every queued end is written (or failed). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async drain(): Promise<void> {
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.splice(0, MAX_ENDS_PER_WRITE);
        let written = true;
        try {
          await recordNudgeEnds(
            this.db,
            batch.map((q) => q.end),
          );
        } catch (err) {
          written = false;
          this.logger.error(
            { err, nudges: batch.map((q) => q.end.id) },
            "recording how nudges ended failed; their leases run out and a later pass takes them back",
          );
        }
        for (const q of batch) q.done(written);
      }
    } finally {
      this.running = undefined;
    }
  }
}
