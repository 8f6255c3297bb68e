/**
 * Which nudges work (issue 13): per pick kind and per rep, how many picks were delivered, acted on
 * (done or snoozed) and ignored, and for risk picks whether the customer ordered again within
 * `reorderWindowDays`. A kind ignored more than `noisyKindShare` of the time is flagged to
 * managers as too noisy, with the workspace setting that would make it rarer.
 */
import type { PickKind } from "../planner/types.js";
import type { WorkspaceSettings } from "../settings.js";
import { daysBetween } from "../time.js";
import { isIgnored, type PickState } from "./ignored.js";

export interface PickOutcome {
  repId: number;
  kind: PickKind;
  status: PickState;
  localDate: string;
  delivered: boolean;
  /** The account's last order date (for risk picks: did they order again after the pick?). */
  lastOrderAt: string | null;
}

export interface KindStats {
  kind: PickKind;
  /** Null for the whole workspace. */
  repId: number | null;
  delivered: number;
  actedOn: number;
  ignored: number;
  /** Risk picks only: the customer ordered again within the window after the pick. */
  reordered: number | null;
  /** Set when the kind is ignored more than the noisy share: the setting that would quiet it. */
  noisy: { share: number; setting: string } | null;
}

/** The setting that makes a kind of pick rarer; promises and exit interviews are never quieted. */
export const quietingSetting: Record<PickKind, string | null> = {
  promise: null,
  due: "cadenceDays",
  risk: "riskGapFactor",
  review: "reviewMonths",
  exit_interview: null,
  win_back: "winBackDays",
};

export function kindStats(
  outcomes: readonly PickOutcome[],
  today: string,
  settings: Pick<WorkspaceSettings, "noisyKindShare" | "reorderWindowDays">,
): KindStats[] {
  const groups = new Map<string, { kind: PickKind; repId: number | null; list: PickOutcome[] }>();
  for (const o of outcomes) {
    for (const repId of [null, o.repId]) {
      const key = `${o.kind}|${repId ?? ""}`;
      const group = groups.get(key) ?? { kind: o.kind, repId, list: [] };
      group.list.push(o);
      groups.set(key, group);
    }
  }
  const stats = [...groups.values()].map(({ kind, repId, list }) => {
    const delivered = list.filter((o) => o.delivered);
    const actedOn = delivered.filter((o) => o.status === "done" || o.status === "snoozed").length;
    const ignored = delivered.filter((o) => isIgnored(o, today)).length;
    const reordered =
      kind === "risk" ? delivered.filter((o) => reorderedAfter(o, settings.reorderWindowDays)).length : null;
    const share = delivered.length === 0 ? 0 : ignored / delivered.length;
    const setting = quietingSetting[kind];
    const noisy = share > settings.noisyKindShare && setting !== null ? { share, setting } : null;
    return { kind, repId, delivered: delivered.length, actedOn, ignored, reordered, noisy };
  });
  return stats.sort((a, b) => a.kind.localeCompare(b.kind) || (a.repId ?? 0) - (b.repId ?? 0));
}

function reorderedAfter(o: PickOutcome, windowDays: number): boolean {
  if (o.lastOrderAt === null || o.lastOrderAt <= o.localDate) return false;
  return daysBetween(o.localDate, o.lastOrderAt) <= windowDays;
}
