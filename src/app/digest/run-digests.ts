/**
 * The weekly side of the minute pass (issue 13 items 3 and 4): picks whose day is over are marked
 * ignored, then each manager whose digest day it is (the first working day of the week that is not
 * a holiday, from their nudge hour in their zone) gets one digest, exactly once per week whatever
 * the number of scheduler processes: the (manager, week) claim row decides (storage/digests.ts).
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { isDigestDay, weekStart } from "../../domain/digest/week.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { addDays } from "../../domain/time.js";
import { claimDigest, listDigestManagers, markDigestFailed, markDigestSent } from "../../storage/digests.js";
import { listHolidays } from "../../storage/holidays.js";
import { markIgnoredPicks } from "../../storage/ignored-picks.js";
import { listRepZones } from "../../storage/nudges.js";
import { listWorkspaces } from "../../storage/workspaces.js";
import { readZoneClocks } from "../morning/zone-clocks.js";
import { loadRecipient } from "../nudges/nudge-view.js";
import type { AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { loadReps } from "../reports/book-scope.js";
import { buildDigest } from "./build-digest.js";

export interface DigestPassOptions {
  workspaceId?: number;
  workerId?: string;
  leaseMs?: number;
}

export interface DigestPassSummary {
  /** Picks marked ignored in this pass. */
  ignored: number;
  digestsSent: number;
  digestsFailed: number;
}

const DEFAULT_LEASE_MS = 2 * 60_000;
/** A failed digest is tried again this long after. */
const RETRY_MS = 5 * 60_000;

export async function runDigestPass(
  ctx: AppContext,
  now: Date,
  options: DigestPassOptions = {},
): Promise<DigestPassSummary> {
  const summary: DigestPassSummary = { ignored: 0, digestsSent: 0, digestsFailed: 0 };
  const workerId = options.workerId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const workspaces = (await listWorkspaces(ctx.db)).filter(
    (w) => w.disconnectedAt === null && (options.workspaceId === undefined || w.id === options.workspaceId),
  );
  for (const workspace of workspaces) {
    try {
      const zones = await listRepZones(ctx.db, workspace.id, workspace.settings.timezone);
      const { clocks } = readZoneClocks(now, zones);
      summary.ignored += await markIgnoredPicks(ctx.db, {
        workspaceId: workspace.id,
        defaultZone: workspace.settings.timezone,
        clocks,
        now,
      });
      const sent = await sendDueDigests(ctx, workspace.id, workspace.settings, now, workerId, options);
      summary.digestsSent += sent.sent;
      summary.digestsFailed += sent.failed;
    } catch (err) {
      ctx.logger.error({ err, workspace: workspace.id }, "the digest pass of a workspace failed");
    }
  }
  return summary;
}

async function sendDueDigests(
  ctx: AppContext,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  workerId: string,
  options: DigestPassOptions,
): Promise<{ sent: number; failed: number }> {
  const result = { sent: 0, failed: 0 };
  const managers = await listDigestManagers(ctx.db, workspaceId);
  if (managers.length === 0) return result;
  const zones = [...new Set(managers.map((m) => m.timezone ?? settings.timezone))];
  const clockOf = new Map(readZoneClocks(now, zones).clocks.map((c) => [c.zone, c]));
  const earliest = [...clockOf.values()].map((c) => c.localDate).sort()[0] ?? "";
  // From a week back: the days of this week before today decide whether today is the digest day.
  const holidays = new Set((await listHolidays(ctx.db, workspaceId, addDays(earliest, -7))).map((h) => h.on));
  let all: Awaited<ReturnType<typeof loadReps>> | undefined;
  for (const manager of managers) {
    const clock = clockOf.get(manager.timezone ?? settings.timezone);
    if (!clock || clock.hour < (manager.nudgeHour ?? settings.nudgeHour)) continue;
    const workingDays = manager.workingDays ?? settings.workingDays;
    if (!isDigestDay(clock.localDate, workingDays, holidays)) continue;
    const claim = await claimDigest(ctx.db, {
      workspaceId,
      managerId: manager.id,
      weekStart: weekStart(clock.localDate, workingDays),
      workerId,
      now,
      leaseUntil: new Date(now.getTime() + (options.leaseMs ?? DEFAULT_LEASE_MS)),
    });
    if (claim === null) continue;
    try {
      all ??= await loadReps(ctx.db, workspaceId, settings);
      const digest = await buildDigest(
        ctx.db,
        workspaceId,
        settings,
        { repId: manager.id, role: "manager", workingDays },
        all,
        now,
      );
      await sendTo(ctx, manager.id, digest.reply);
      await markDigestSent(ctx.db, claim, now, digest.summary);
      result.sent++;
    } catch (err) {
      ctx.logger.warn(
        { err, manager: manager.id },
        "the weekly digest could not be sent; a later pass tries again",
      );
      await markDigestFailed(ctx.db, claim, new Date(now.getTime() + RETRY_MS), String(err));
      result.failed++;
    }
  }
  return result;
}

/** Sends through the first channel that can reach the manager; throws when none can or it fails. */
async function sendTo(ctx: AppContext, repId: number, reply: Reply): Promise<void> {
  const recipient = await loadRecipient(ctx.db, repId);
  if (!recipient) throw new Error("the manager is gone");
  for (const channel of ctx.channels) {
    if (!(await channel.canReach(recipient))) continue;
    await channel.notify(recipient, reply);
    return;
  }
  throw new Error("no channel reaches the manager");
}
