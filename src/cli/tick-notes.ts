/** What `retention tick` adds under its summary: a sentence for every count that is not "sent". */
import type { MorningSummary } from "../app/morning/run-morning.js";

export function explainSummary(s: MorningSummary, cutoffHour: number): string {
  const cutoff = `${String(cutoffHour).padStart(2, "0")}:00`;
  const lines: string[] = [];
  if (s.empty > 0)
    lines.push(`empty ${s.empty}: nothing was due for these reps today, so they get no message`);
  if (s.missed > 0) {
    lines.push(
      `missed ${s.missed}: past the cut-off (${cutoff} local) before the nudge went out, so the day is skipped; ` +
        "to replay a morning, give its time: `retention tick --now 2026-03-09T09:05:00+01:00` " +
        "(the cut-off is the setting cutoff_hour)",
    );
  }
  if (s.paused > 0)
    lines.push(`paused ${s.paused}: these reps are on a pause (vacation); their backup gets the due picks`);
  if (s.failed > 0)
    lines.push(
      `failed ${s.failed}: could not be sent after every retry; the error is in the log and on the nudge`,
    );
  if (s.retried > 0) lines.push(`retried ${s.retried}: could not be sent yet; the next tick tries again`);
  for (const note of s.disconnected ?? []) lines.push(note);
  return lines.map((l) => `  ${l}\n`).join("");
}
