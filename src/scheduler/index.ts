import type { AppContext } from "../app/ports.js";

export interface Scheduler {
  stop(): Promise<void>;
}

/** Starts the every-minute tick. */
export function startScheduler(_ctx: AppContext): Scheduler {
  return { stop: async () => {} };
}
