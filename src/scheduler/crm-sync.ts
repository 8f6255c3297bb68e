/**
 * The service's CRM sync: a pass of each configured connector shortly after start, then one every
 * interval after the previous pass ended (passes of a connector never overlap, so a slow CRM
 * spaces them out rather than piling them up). A failed pass is logged and the next one resumes
 * from the stored cursors. `stop()` waits for the pass in flight.
 */
import type { CrmConnector } from "../app/connectors/crm-connector.js";
import { type CrmSyncReport, runCrmSync } from "../app/connectors/run-crm-sync.js";
import type { AppContext } from "../app/ports.js";

/** setTimeout and clearTimeout, injectable so that tests drive the schedule. */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const realTimers: Timers = {
  set: (fn, ms) => {
    const handle = setTimeout(fn, ms);
    handle.unref();
    return handle;
  },
  clear: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export interface CrmSyncOptions {
  workspaceId: number;
  connector: CrmConnector;
  intervalMs: number;
  firstPassDelayMs?: number;
  timers?: Timers;
  /** Called after each pass (tests, metrics). */
  onPass?: (outcome: { report?: CrmSyncReport; error?: unknown }) => void;
}

export function startCrmSync(ctx: AppContext, options: CrmSyncOptions): { stop(): Promise<void> } {
  const timers = options.timers ?? realTimers;
  let stopped = false;
  let handle: unknown;
  let inFlight: Promise<void> | undefined;
  const label = options.connector.label;

  const pass = async () => {
    handle = undefined;
    if (stopped) return;
    try {
      const report = await runCrmSync(ctx, options.workspaceId, options.connector);
      const { accounts, activities, skippedCount, owners } = report;
      ctx.logger.info(
        {
          source: report.source,
          accounts,
          activities,
          skipped: skippedCount,
          unknownOwners: owners.unknown.length,
        },
        `${label} sync pass`,
      );
      options.onPass?.({ report });
    } catch (error) {
      ctx.logger.error(
        { err: error, source: options.connector.source },
        `${label} sync pass failed; the next one resumes`,
      );
      options.onPass?.({ error });
    }
    if (!stopped) handle = timers.set(run, options.intervalMs);
  };
  const run = () => {
    inFlight = pass().finally(() => {
      inFlight = undefined;
    });
  };
  handle = timers.set(run, options.firstPassDelayMs ?? 5_000);

  return {
    stop: async () => {
      stopped = true;
      if (handle !== undefined) timers.clear(handle);
      await inFlight;
    },
  };
}
