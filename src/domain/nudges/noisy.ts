/**
 * "Too noisy" in words (issue 13 item 5): a kind of pick ignored more than the noisy share over
 * four weeks, with the workspace setting(s) that would make it rarer, as typed in `settings`.
 */
import type { PickKind } from "../planner/types.js";
import { SETTINGS } from "../settings-catalogue.js";
import type { KindStats } from "./effectiveness.js";

/** How a kind reads in a sentence. */
export const KIND_LABEL: Record<PickKind, string> = {
  promise: "promise",
  due: "due",
  risk: "risk",
  review: "review",
  exit_interview: "exit interview",
  win_back: "win-back",
};

/** The catalogue keys of a settings field (`cadenceDays` → cadence_a, cadence_b, cadence_c). */
export function settingKeys(field: string): string[] {
  return SETTINGS.filter((s) => s.path[0] === field).map((s) => s.key);
}

/** One sentence per noisy kind: how often it was ignored and which setting to raise. */
export function noisyLines(stats: readonly KindStats[]): string[] {
  return stats.flatMap((s) => {
    if (!s.noisy) return [];
    const keys = settingKeys(s.noisy.setting).map((k) => `\`${k}\``);
    return [
      `*Too noisy:* ${KIND_LABEL[s.kind]} picks were ignored ${Math.round(s.noisy.share * 100)}% of the time over four weeks (${s.ignored} of ${s.delivered}); raise ${keys.join(" or ")} to make them rarer.`,
    ];
  });
}
