/**
 * Which nudges work (issue 13 item 5): per kind of pick and per rep, over the last four weeks,
 * how many picks were delivered, acted on (done or snoozed) and ignored, for risk picks how many
 * customers ordered again within the reorder window, and the kinds ignored so often they are too
 * noisy, with the setting that would quiet them. Served to `/retention report --detail`, the CLI
 * `retention report --detail` and `retention export effectiveness`.
 */
import { type KindStats, kindStats } from "../../domain/nudges/effectiveness.js";
import { KIND_LABEL, noisyLines, settingKeys } from "../../domain/nudges/noisy.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { addDays, localDate } from "../../domain/time.js";
import type { Tx } from "../../storage/database.js";
import { listPickOutcomes } from "../../storage/ignored-picks.js";
import type { BookRep } from "./book-scope.js";

/** Four weeks: the window of the "too noisy" flag. */
export const EFFECTIVENESS_DAYS = 28;

export interface EffectivenessRow {
  kind: string;
  /** "All" for the scope's total of the kind. */
  rep: string;
  repEmail: string | null;
  delivered: number;
  actedOn: number;
  ignored: number;
  /** Risk picks only. */
  reordered: number | null;
  /** The setting keys to raise when the kind is too noisy; empty otherwise. */
  noisySettings: string[];
  stats: KindStats;
}

export interface EffectivenessReport {
  since: string;
  today: string;
  rows: EffectivenessRow[];
  /** One sentence per kind too noisy for the whole scope. */
  noisy: string[];
}

export async function effectivenessReport(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  reps: BookRep[],
  since?: string,
): Promise<EffectivenessReport> {
  const today = localDate(now, settings.timezone);
  const from = since ?? addDays(today, -EFFECTIVENESS_DAYS);
  const outcomes = await listPickOutcomes(
    db,
    workspaceId,
    reps.map((r) => r.id),
    from,
  );
  const stats = kindStats(outcomes, today, settings);
  const byId = new Map(reps.map((r) => [r.id, r]));
  return {
    since: from,
    today,
    rows: stats.map((s) => ({
      kind: KIND_LABEL[s.kind],
      rep: s.repId === null ? "All" : (byId.get(s.repId)?.name ?? "?"),
      repEmail: s.repId === null ? null : (byId.get(s.repId)?.email ?? null),
      delivered: s.delivered,
      actedOn: s.actedOn,
      ignored: s.ignored,
      reordered: s.reordered,
      noisySettings: s.noisy ? settingKeys(s.noisy.setting) : [],
      stats: s,
    })),
    noisy: noisyLines(stats.filter((s) => s.repId === null)),
  };
}

/** "3 (60%)": a count and its share of the delivered picks. */
export function countWithShare(n: number, of: number): string {
  return of === 0 ? String(n) : `${n} (${Math.round((100 * n) / of)}%)`;
}
