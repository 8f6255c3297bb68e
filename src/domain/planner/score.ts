/**
 * Planner rule 6, the score that orders everything after promises: how much the account is worth times
 * how urgent the contact is. Value counts through its logarithm, so that a tenfold bigger
 * account weighs a step more rather than ten times more and a long-overdue small account can
 * still beat a barely-due big one. Urgency is how overdue the account is (days since contact
 * over cadence), doubled by risk. The score only grows with value and with days overdue.
 *
 * app/planning/candidate-sql.ts computes the same numbers in SQL to send only the best
 * candidates; change both together.
 */

/** A never-contacted account counts as twice overdue. */
export const NEVER_CONTACTED_RATIO = 2;
/** Risk doubles urgency. */
export const RISK_BOOST = 2;
/** Days in a review period for urgency (months are not all equal; this only weighs). */
export const DAYS_PER_MONTH = 30;
/** An exit interview gets as urgent again with each week since the loss. */
export const EXIT_INTERVIEW_WEEK = 7;

/** At least 1, growing with the logarithm of value. */
export function valueWeight(value: number): number {
  return Math.log10(10 + Math.max(0, value));
}

/** How overdue a contact is, against the cadence that applies (risk-adjusted). */
export function overdueRatio(daysSinceContact: number | null, cadence: number): number {
  return daysSinceContact === null ? NEVER_CONTACTED_RATIO : daysSinceContact / cadence;
}

export function contactUrgency(daysSinceContact: number | null, cadence: number, atRisk: boolean): number {
  return overdueRatio(daysSinceContact, cadence) * (atRisk ? RISK_BOOST : 1);
}

export function reviewUrgency(daysSinceReview: number | null, reviewMonths: number): number {
  return daysSinceReview === null ? NEVER_CONTACTED_RATIO : daysSinceReview / (reviewMonths * DAYS_PER_MONTH);
}

export function exitInterviewUrgency(daysSinceLost: number): number {
  return 1 + daysSinceLost / EXIT_INTERVIEW_WEEK;
}

export function winBackUrgency(daysSinceTouch: number, winBackDays: number): number {
  return daysSinceTouch / winBackDays;
}

export function priorityScore(value: number, urgency: number): number {
  return valueWeight(value) * urgency;
}

/** Highest score first; equal scores by account id, so the order is stable. */
export function byScore(
  a: { score: number; accountId: number },
  b: { score: number; accountId: number },
): number {
  return b.score - a.score || a.accountId - b.accountId;
}
