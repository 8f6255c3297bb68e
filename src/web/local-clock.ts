/**
 * The clock of local mode: real time moved forward by whole days with the "Today" control, so that
 * cadences, promises, snoozes and win-backs play out. Every use case reads it through `ctx.clock`.
 */
const DAY_MS = 86_400_000;

export class LocalClock {
  private offsetMs = 0;

  constructor(private readonly real: () => Date = () => new Date()) {}

  now(): Date {
    return new Date(this.real().getTime() + this.offsetMs);
  }

  /** Days the clock is ahead of real time. */
  get daysAhead(): number {
    return Math.round(this.offsetMs / DAY_MS);
  }

  /** Moves the clock `days` forward; returns the instants before and after. */
  advance(days: number): { from: Date; to: Date } {
    const from = this.now();
    this.offsetMs += days * DAY_MS;
    return { from, to: this.now() };
  }
}
