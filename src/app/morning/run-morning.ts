/**
 * One pass of the daily run, as the every-minute tick and `retention tick` use it:
 * claim the reps who are due (once, whatever the number of replicas), take back nudges whose
 * worker crashed or whose retry fell due, plan and save the picks, and send.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { type NudgeEnd, recordNudgeEnds } from "../../storage/nudge-delivery.js";
import { claimDueNudges, leasePendingNudges, listRepZones, type WorkNudge } from "../../storage/nudges.js";
import { listWorkspaces } from "../../storage/workspaces.js";
import { planReps } from "../planning/plan-reps.js";
import type { AppContext, ChatChannel } from "../ports.js";
import { deliverInBatches } from "./deliver-batches.js";
import type { DeliveryContext } from "./deliver-nudge.js";
import { EndWriter } from "./end-writer.js";
import { type PlanRepsFn, planClaimed } from "./plan-claimed.js";
import { decideAfterFailure, defaultRetryPolicy, type RetryPolicy } from "./retry-policy.js";
import { effectiveCutoffHour, isPastCutoff, readZoneClocks } from "./zone-clocks.js";

export interface MorningOptions {
  /** The planner; the real `planReps` unless a test injects another. */
  planner?: PlanRepsFn;
  /** Who holds the leases of this pass; unique per pass unless given. */
  workerId?: string;
  /** How long a worker holds a claimed nudge before another replica may take it over. */
  leaseMs?: number;
  retryPolicy?: RetryPolicy;
  /** Nudges sent at the same time. */
  concurrency?: number;
  /** Nudges whose leases, views and reachability are read together (deliver-batches.ts). */
  batchSize?: number;
  /** Most pending (crashed or retried) nudges taken back in one pass. */
  pendingLimit?: number;
  /** Only this workspace (the CLI acting on one); every workspace when omitted. */
  workspaceId?: number;
  /** The longest a pass waits out a 429's Retry-After in place (default 60 s); longer is left to a later pass. */
  maxRateLimitPauseMs?: number;
  /** Real-time wait used for those pauses (tests may shorten it). */
  wait?: (ms: number) => Promise<void>;
  /** Told the id of each nudge this pass recorded as failed (`retention tick` lists them). */
  onFailed?: (nudgeId: number) => void;
}

export interface MorningSummary {
  sent: number;
  empty: number;
  missed: number;
  paused: number;
  failed: number;
  /** Nudges that could not be sent in this pass and will be tried again. */
  retried: number;
  /** Workspaces nothing was sent to because their chat app was removed, each with why. */
  disconnected?: string[];
}

export const DEFAULT_LEASE_MS = 2 * 60_000;
/** Slack and the Bot Connector ask for seconds, rarely a minute: a pass waits that out in place. */
const DEFAULT_MAX_PAUSE_MS = 60_000;
/** Retries due within this much after a tick are taken by it: cron ticks jitter by milliseconds. */
const PENDING_GRACE_MS = 1_000;

/** Runs one scheduler pass at the instant `now`. */
export async function runMorning(
  ctx: AppContext,
  now: Date,
  options: MorningOptions = {},
): Promise<MorningSummary> {
  const startedAt = performance.now();
  const at = () => new Date(now.getTime() + Math.round(performance.now() - startedAt));
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const leaseMs = options.leaseMs ?? DEFAULT_LEASE_MS;
  const policy = options.retryPolicy ?? defaultRetryPolicy;
  const summary: MorningSummary = { sent: 0, empty: 0, missed: 0, paused: 0, failed: 0, retried: 0 };

  const chosen = (await listWorkspaces(ctx.db)).filter(
    (w) => options.workspaceId === undefined || w.id === options.workspaceId,
  );
  // A workspace whose app was uninstalled gets nothing, and the summary says why.
  const gone = chosen.filter((w) => w.disconnectedAt !== null);
  if (gone.length > 0) summary.disconnected = gone.map(disconnectedNote);
  const goneIds = new Set(gone.map((w) => w.id));
  const workspaces = chosen.filter((w) => !goneIds.has(w.id));
  const settings = new Map(workspaces.map((w) => [w.id, w.settings]));
  const work: WorkNudge[] = [];
  for (const workspace of workspaces) {
    try {
      const claimed = await claimWorkspace(ctx, workspace.id, workspace.settings, now, workerId, leaseMs);
      for (const nudge of claimed) {
        if (nudge.status === "paused") summary.paused++;
        else if (nudge.status === "missed") summary.missed++;
        else work.push(nudge);
      }
    } catch (err) {
      ctx.logger.error({ err, workspace: workspace.id }, "claiming the due reps of a workspace failed");
    }
  }

  const pending = await leasePendingNudges(ctx.db, {
    now,
    workerId,
    leaseUntil: new Date(now.getTime() + leaseMs),
    staleAfterMs: leaseMs,
    graceMs: PENDING_GRACE_MS,
    limit: options.pendingLimit ?? 1_000,
    ...(options.workspaceId === undefined ? {} : { workspaceId: options.workspaceId }),
  });
  // Ends decided before any send (gone workspace, past the cut-off), written in one statement.
  const early: NudgeEnd[] = [];
  for (const nudge of pending) {
    const ws = settings.get(nudge.workspaceId);
    if (goneIds.has(nudge.workspaceId)) {
      early.push({
        id: nudge.id,
        kind: "failed",
        error: "the chat app was removed from this workspace",
        countAttempt: false,
      });
      summary.failed++;
    } else if (ws && pastCutoff(nudge, ws, now)) {
      // Too late to be useful today: record the day as missed, keeping the last error if any.
      early.push({ id: nudge.id, kind: "missed" });
      summary.missed++;
    } else {
      work.push(nudge);
    }
  }

  const planned = await planClaimed(
    ctx,
    work.filter((n) => !n.planned),
    now,
    options.planner ?? planReps,
  );
  summary.empty += planned.empty.length;
  for (const { nudge, error } of planned.failed) {
    ctx.logger.error({ err: error, nudge: nudge.id, rep: nudge.repId }, "planning a nudge failed");
    const decision = decideAfterFailure(error, nudge.attempts, now, policy);
    if (decision.kind === "failed") {
      early.push({
        id: nudge.id,
        kind: "failed",
        error: `planning failed: ${decision.error}`,
        countAttempt: true,
      });
      summary.failed++;
      options.onFailed?.(nudge.id);
    } else {
      early.push({
        id: nudge.id,
        kind: "retry",
        at: decision.at,
        error: `planning failed: ${decision.error}`,
        countAttempt: true,
      });
      summary.retried++;
    }
  }
  await recordNudgeEnds(ctx.db, early);

  const toSend = [...work.filter((n) => n.planned), ...planned.ready].sort((a, b) => a.id - b.id);
  const delivery: DeliveryContext = {
    workerId,
    passNow: now,
    at,
    leaseMs,
    policy,
    rateLimitedUntil: new Map<ChatChannel, Date>(),
    maxPauseMs: options.maxRateLimitPauseMs ?? DEFAULT_MAX_PAUSE_MS,
    wait: options.wait ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    ends: new EndWriter(ctx.db, ctx.logger),
  };
  const results = await deliverInBatches(ctx, toSend, delivery, {
    concurrency: options.concurrency ?? 4,
    ...(options.batchSize === undefined ? {} : { batchSize: options.batchSize }),
  });
  results.forEach((result, i) => {
    if (result !== "skipped") summary[result]++;
    if (result === "failed") options.onFailed?.(toSend[i]!.id);
  });
  return summary;
}

async function claimWorkspace(
  ctx: AppContext,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  workerId: string,
  leaseMs: number,
): Promise<WorkNudge[]> {
  const zones = await listRepZones(ctx.db, workspaceId, settings.timezone);
  const { clocks, unknown } = readZoneClocks(now, zones);
  if (unknown.length > 0) {
    ctx.logger.warn(
      { workspace: workspaceId, zones: unknown },
      "reps with an unknown time zone get no nudge",
    );
  }
  return claimDueNudges(ctx.db, {
    workspaceId,
    defaults: {
      timezone: settings.timezone,
      nudgeHour: settings.nudgeHour,
      cutoffHour: settings.cutoffHour,
      workingDays: settings.workingDays,
    },
    clocks,
    now,
    workerId,
    leaseUntil: new Date(now.getTime() + leaseMs),
  });
}

function pastCutoff(nudge: WorkNudge, settings: WorkspaceSettings, now: Date): boolean {
  const zone = nudge.repTimezone ?? settings.timezone;
  const cutoff = effectiveCutoffHour(settings.cutoffHour, nudge.repNudgeHour ?? settings.nudgeHour);
  return isPastCutoff(now, zone, nudge.localDate, cutoff);
}

function disconnectedNote(w: {
  id: number;
  name: string;
  disconnectedAt: Date | null;
  disconnectedReason: string | null;
}): string {
  const on = w.disconnectedAt?.toISOString().slice(0, 10) ?? "?";
  return `workspace ${w.id} (${w.name}): nothing sent since ${on}, ${w.disconnectedReason ?? "the chat app was removed"}; install the app again to resume`;
}
