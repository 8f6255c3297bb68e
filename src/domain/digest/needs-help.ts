/**
 * Which rep may need help, for the manager's weekly digest (issue 13): a rep who ignored most of
 * last week's picks, or whose A accounts are mostly overdue. Pure; the thresholds are constants
 * because the digest only points, the manager decides.
 */
import type { CoverageCell } from "../reports/coverage.js";

export interface RepWeek {
  name: string;
  /** Picks delivered to the rep in the last seven days, and how many of them were ignored. */
  delivered: number;
  ignored: number;
  /** The rep's A accounts and how many were contacted within cadence. */
  a: CoverageCell;
}

/** A rep ignoring at least this share of at least `MIN_PICKS` picks may need help. */
export const IGNORED_SHARE = 0.6;
export const MIN_PICKS = 3;
/** A rep with A accounts of whom less than this share are within cadence may need help. */
export const A_COVERAGE_SHARE = 0.5;

/** Why the rep may need help, in a few words, or null. */
export function helpReason(rep: RepWeek): string | null {
  const reasons: string[] = [];
  if (rep.delivered >= MIN_PICKS && rep.ignored / rep.delivered >= IGNORED_SHARE) {
    reasons.push(`ignored ${rep.ignored} of ${rep.delivered} picks this week`);
  }
  if (rep.a.total > 0 && rep.a.withinCadence / rep.a.total < A_COVERAGE_SHARE) {
    reasons.push(`${rep.a.withinCadence} of ${rep.a.total} A accounts within cadence`);
  }
  return reasons.length === 0 ? null : reasons.join("; ");
}

/** The reps who may need help, the most ignored first, with why. */
export function repsNeedingHelp(reps: readonly RepWeek[]): { name: string; why: string }[] {
  return reps
    .map((r) => ({ rep: r, why: helpReason(r) }))
    .filter((x): x is { rep: RepWeek; why: string } => x.why !== null)
    .sort(
      (a, b) =>
        b.rep.ignored / Math.max(1, b.rep.delivered) - a.rep.ignored / Math.max(1, a.rep.delivered) ||
        a.rep.name.localeCompare(b.rep.name),
    )
    .map(({ rep, why }) => ({ name: rep.name, why }));
}

/** "72% (18/25)" against last week's share: "up from 65%", "down from 80%", "as last week". */
export function comparedWithLastWeek(
  now: { within: number; total: number },
  last: { within: number; total: number } | null,
): string {
  const share = (c: { within: number; total: number }) =>
    c.total === 0 ? null : Math.round((100 * c.within) / c.total);
  const current = share(now);
  const text = current === null ? "no A accounts" : `${current}% (${now.within}/${now.total})`;
  const before = last === null ? null : share(last);
  if (before === null || current === null) return `${text}; no digest last week to compare with`;
  if (before === current) return `${text}, as last week`;
  return `${text}, ${current > before ? "up" : "down"} from ${before}% last week`;
}
