/**
 * No nagging right after a contact (issue 13, planner rule 14): a relationship review or a win-back
 * is not picked within the account's cadence after any contact, whatever its source. Until the
 * cadence has passed it only rides along, as "also due: the six-month review", on a pick the
 * account gets anyway (a due promise, a risk pick).
 */

/** True when the last contact is more recent than the account's cadence. */
export function contactedWithinCadence(daysSinceContact: number | null, cadence: number): boolean {
  return daysSinceContact !== null && daysSinceContact < cadence;
}

const monthWords = [
  "",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
];

/** `also due: the six-month review` or `also due: a win-back contact`. */
export function alsoDuePhrase(what: "review" | "win_back", reviewMonths: number): string {
  if (what === "win_back") return "also due: a win-back contact";
  const months = monthWords[reviewMonths] ?? String(reviewMonths);
  return `also due: the ${months}-month review`;
}
