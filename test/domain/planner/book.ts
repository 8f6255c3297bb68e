/**
 * Small hand-made books for planner tests: reps, accounts and promises with sensible defaults,
 * tiers computed by the real Pareto rule, so that a test names only what it is about.
 */
import { DateTime } from "luxon";
import { rankByValue } from "../../../src/domain/planner/tiers.js";
import type {
  PlanInput,
  PlannerAccount,
  PlannerPromise,
  PlannerRep,
  Tier,
} from "../../../src/domain/planner/types.js";
import { resolveSettings, type WorkspaceSettings } from "../../../src/domain/settings.js";

export const ZONE = "Europe/Berlin";
/** A Tuesday. */
export const DATE = "2026-03-10";
export const NOW = DateTime.fromISO(`${DATE}T09:00`, { zone: ZONE }).toJSDate();
export const settings: WorkspaceSettings = resolveSettings({ timezone: ZONE });

/** The instant `days` calendar days before DATE, at `time` local. */
export function daysAgo(days: number, time = "10:00"): Date {
  return DateTime.fromISO(`${DATE}T${time}`, { zone: ZONE }).minus({ days }).toJSDate();
}

/** The instant at `time` local on DATE plus `days`. */
export function onDay(days: number, time = "16:00"): Date {
  return DateTime.fromISO(`${DATE}T${time}`, { zone: ZONE }).plus({ days }).toJSDate();
}

export function rep(id: number, over: Partial<PlannerRep> = {}): PlannerRep {
  return {
    id,
    workspaceId: 1,
    timezone: ZONE,
    handful: 5,
    pausedUntil: null,
    backupRepId: null,
    name: `Rep ${id}`,
    ...over,
  };
}

/** An active account contacted yesterday (so not due) unless told otherwise. */
export function account(id: number, ownerRepId: number, over: Partial<PlannerAccount> = {}): PlannerAccount {
  return {
    id,
    externalId: `ACC-${id}`,
    name: `Account ${id}`,
    ownerRepId,
    status: "active",
    tier: "C",
    valueRank: 1,
    valuePercentile: 1,
    value: 100_000,
    valueBasis: "revenue",
    cadenceDays: null,
    lastContactAt: daysAgo(1),
    lastChannel: "call",
    lastOutcome: "connected",
    lastNote: null,
    lastOrderAt: null,
    avgOrderIntervalDays: null,
    lastReviewAt: daysAgo(30),
    customerSince: "2015-01-01",
    snoozedUntil: null,
    departure: null,
    ...over,
  };
}

/** Tiers, ranks and percentiles by the real Pareto rule over the active accounts; overrides win. */
export function ranked(
  accounts: readonly PlannerAccount[],
  overrides: Record<number, Tier> = {},
): PlannerAccount[] {
  const active = accounts.filter((a) => a.status === "active");
  const standings = rankByValue(
    active.map((a) => ({ id: a.id, value: a.value, tierOverride: overrides[a.id] ?? null })),
    settings.tierShares,
  );
  return accounts.map((a) => {
    const s = standings.get(a.id);
    return s ? { ...a, ...s } : a;
  });
}

export function promise(
  id: number,
  accountId: number,
  repId: number,
  dueAt: Date,
  what = "send the figures",
): PlannerPromise {
  return { id, accountId, repId, dueAt, what };
}

export function input(parts: {
  reps: PlannerRep[];
  accounts: PlannerAccount[];
  promises?: PlannerPromise[];
  settings?: WorkspaceSettings;
  date?: string;
}): PlanInput {
  return {
    date: parts.date ?? DATE,
    now: NOW,
    settings: parts.settings ?? settings,
    reps: parts.reps,
    accounts: parts.accounts,
    promises: parts.promises ?? [],
  };
}
