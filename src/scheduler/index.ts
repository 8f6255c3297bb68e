/**
 * The in-process tick: a scheduler pass every minute (and one shortly after start, to catch up
 * after downtime). Passes never overlap, errors are logged and never end the process, and
 * `stop()` waits for the pass in flight. Replicas may all run it: the passes claim in the database.
 */
import cron, { type ScheduledTask } from "node-cron";
import { runDigestPass } from "../app/digest/run-digests.js";
import { type MorningOptions, type MorningSummary, runMorning } from "../app/morning/run-morning.js";
import { refreshExpiredUndos } from "../app/nudges/refresh-nudges.js";
import type { AppContext } from "../app/ports.js";

export interface Scheduler {
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  /** Cron expression of the tick; every minute by default. */
  schedule?: string;
  /** Delay before the catch-up pass after start. */
  firstPassDelayMs?: number;
  morning?: MorningOptions;
  /** Runs one pass; `runMorning` unless a test injects another. */
  pass?: (ctx: AppContext, now: Date, options?: MorningOptions) => Promise<MorningSummary>;
}

/** Starts the every-minute tick. */
export function startScheduler(ctx: AppContext, options: SchedulerOptions = {}): Scheduler {
  const pass = options.pass ?? runMorning;
  let inFlight: Promise<void> | undefined;
  let stopped = false;
  let lastTickAt: Date | undefined;

  const tick = (): Promise<void> | undefined => {
    if (stopped) return undefined;
    if (inFlight) {
      ctx.logger.debug("previous scheduler pass still running; skipping this tick");
      return inFlight;
    }
    inFlight = (async () => {
      const now = ctx.clock();
      try {
        const summary = await pass(ctx, now, options.morning);
        const worked = Object.values(summary).some((n) => n > 0);
        if (worked) ctx.logger.info({ ...summary }, "scheduler pass");
        // Undo is offered for five minutes: nudges whose Undo expired since the last tick are redrawn.
        if (!options.pass) await refreshExpiredUndos(ctx, lastTickAt ?? new Date(now.getTime() - 60_000));
        // Picks whose day is over become ignored; managers whose digest day it is get their digest.
        if (!options.pass) {
          const weekly = await runDigestPass(ctx, now);
          if (Object.values(weekly).some((n) => n > 0)) ctx.logger.info({ ...weekly }, "digest pass");
        }
        lastTickAt = now;
      } catch (err) {
        ctx.logger.error({ err }, "scheduler pass failed; the next tick tries again");
      } finally {
        inFlight = undefined;
      }
    })();
    return inFlight;
  };

  const task: ScheduledTask = cron.schedule(options.schedule ?? "* * * * *", () => void tick(), {
    name: "retention-morning",
  });
  const firstPass = setTimeout(() => void tick(), options.firstPassDelayMs ?? 2_000);
  firstPass.unref();

  return {
    stop: async () => {
      stopped = true;
      clearTimeout(firstPass);
      await task.stop();
      await task.destroy();
      await inFlight;
    },
  };
}
