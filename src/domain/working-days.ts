/** Working weeks as people write them (`Mon-Fri`, `Sun-Thu`, `Mon,Tue,Thu`) and as stored (ISO weekdays). */

const NAMES = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"] as const;

export type WorkingDaysResult = { ok: true; days: number[] } | { ok: false; problem: string };

function weekdayOf(word: string): number | undefined {
  const w = word.trim().slice(0, 3).toLowerCase();
  const i = NAMES.findIndex((n) => n.toLowerCase() === w);
  return i === -1 || word.trim().length < 3 ? undefined : i + 1;
}

/**
 * Parses `Mon-Fri`, `Sun-Thu` (a range may wrap over the weekend), `Mon,Tue,Thu` or a mix
 * (`Mon-Wed,Fri`). Returns ISO weekdays (1 = Monday … 7 = Sunday) in the order of the week
 * as written, without repeats.
 */
export function parseWorkingDays(text: string): WorkingDaysResult {
  const days: number[] = [];
  const bad = `\`${text}\` is not a working week; write it like Mon-Fri, Sun-Thu or Mon,Tue,Thu`;
  const parts = text.split(/[,;\s]+/).filter((p) => p !== "");
  if (parts.length === 0) return { ok: false, problem: bad };
  for (const part of parts) {
    const [from, to, extra] = part.split("-");
    const a = from === undefined ? undefined : weekdayOf(from);
    if (a === undefined || extra !== undefined) return { ok: false, problem: bad };
    if (to === undefined) {
      if (!days.includes(a)) days.push(a);
      continue;
    }
    const b = weekdayOf(to);
    if (b === undefined) return { ok: false, problem: bad };
    for (let d = a, n = 0; n < 7; d = (d % 7) + 1, n++) {
      if (!days.includes(d)) days.push(d);
      if (d === b) break;
    }
  }
  return { ok: true, days };
}

/** `Mon-Fri`, `Sun-Thu`, or `Mon,Tue,Thu`: the shortest way to write the days back. */
export function formatWorkingDays(days: readonly number[]): string {
  const set = new Set(days);
  if (set.size === 7) return "Mon-Sun";
  // Start on Monday, or earlier when a run wraps over Sunday (Sun-Thu reads as one range).
  const before = (d: number) => ((d + 5) % 7) + 1;
  let start = 1;
  while (set.has(start) && set.has(before(start))) start = before(start);
  const runs: number[][] = [];
  for (let n = 0; n < 7; n++) {
    const d = ((start - 1 + n) % 7) + 1;
    if (!set.has(d)) continue;
    const last = runs.at(-1);
    const prev = last?.at(-1);
    if (last && prev !== undefined && (prev % 7) + 1 === d) last.push(d);
    else runs.push([d]);
  }
  return runs
    .map((run) => {
      const name = (d: number) => NAMES[d - 1] ?? "?";
      if (run.length >= 3) return `${name(run[0] ?? 1)}-${name(run.at(-1) ?? 1)}`;
      return run.map(name).join(",");
    })
    .join(",");
}
