/**
 * Turns one account (or one promise) into a candidate pick for the rep who should make the
 * contact, before routing and the handful: which kind of pick, its score and its reason.
 * Accounts that need nothing today give null.
 */
import type { WorkspaceSettings } from "../settings.js";
import { alsoDuePhrase, contactedWithinCadence } from "./after-contact.js";
import { cadenceFor, daysSince, isDue } from "./cadence.js";
import { departureStep } from "./departures.js";
import { type OpenerFacts, suggestOpener } from "./opener.js";
import {
  contactPhrase,
  departurePhrases,
  joinReason,
  promisePhrase,
  reviewPhrase,
  riskPhrases,
  valuePhrase,
} from "./reasons.js";
import { reviewStatus } from "./review.js";
import { assessRisk, riskAdjustedCadence } from "./risk.js";
import {
  contactUrgency,
  exitInterviewUrgency,
  priorityScore,
  reviewUrgency,
  winBackUrgency,
} from "./score.js";
import type { PickKind, PlannerAccount, PlannerPromise } from "./types.js";

export interface Candidate {
  account: PlannerAccount;
  /** The rep meant to make the contact (before a paused rep's picks go to the backup). */
  repId: number;
  kind: PickKind;
  score: number;
  /** The one-line reason; built only for the candidates that become picks. */
  explain: () => string;
  /** The suggested opener; built, like the reason, only for picks. */
  opener: () => string;
  promiseId: number | null;
}

export interface CandidateContext {
  date: string;
  settings: WorkspaceSettings;
  /** The zone of a rep in the input; undefined for reps not being planned. */
  zoneOf: (repId: number) => string | undefined;
}

/** The pick an account needs today (due, risk, review, exit interview, win-back), or null. */
export function accountCandidate(account: PlannerAccount, ctx: CandidateContext): Candidate | null {
  return account.status === "lost" ? lostCandidate(account, ctx) : activeCandidate(account, ctx);
}

function activeCandidate(account: PlannerAccount, ctx: CandidateContext): Candidate | null {
  const zone = ctx.zoneOf(account.ownerRepId);
  if (zone === undefined) return null;
  const cadence = cadenceFor(account, ctx.settings);
  const days = daysSince(account.lastContactAt, ctx.date, zone);
  const risk = assessRisk(account, ctx.date, ctx.settings);
  const due = isDue(days, riskAdjustedCadence(cadence, risk.atRisk));
  const review = reviewStatus(account, ctx.date, zone, ctx.settings);
  // A review waits out the cadence after any contact (after-contact.ts); it then rides along.
  const reviewHeld = review.due && contactedWithinCadence(days, cadence);
  if (!due && (!review.due || reviewHeld)) return null;

  const urgency = Math.max(
    due ? contactUrgency(days, riskAdjustedCadence(cadence, risk.atRisk), risk.atRisk) : 0,
    review.due && !reviewHeld ? reviewUrgency(review.daysSinceReview, ctx.settings.reviewMonths) : 0,
  );
  const kind: PickKind = due && risk.atRisk ? "risk" : review.due && !reviewHeld ? "review" : "due";
  const explain = () =>
    joinReason([
      valuePhrase(account),
      contactPhrase(days, account.lastChannel, cadence),
      ...riskPhrases(risk, account.lastChannel),
      review.due
        ? reviewHeld
          ? alsoDuePhrase("review", ctx.settings.reviewMonths)
          : reviewPhrase(review)
        : null,
    ]);
  return {
    account,
    repId: account.ownerRepId,
    kind,
    score: priorityScore(account.value, urgency),
    explain,
    opener: () => suggestOpener(openerFacts(account, kind, ctx.date, zone, null)),
    promiseId: null,
  };
}

function lostCandidate(account: PlannerAccount, ctx: CandidateContext): Candidate | null {
  const step = departureStep(
    account,
    ctx.date,
    (id) => ctx.zoneOf(id) ?? ctx.settings.timezone,
    ctx.settings,
  );
  if (step === null || account.departure === null) return null;
  if (step.kind === "win_back" && winBackHeld(account, ctx)) return null;
  const urgency =
    step.kind === "exit_interview"
      ? exitInterviewUrgency(step.daysSinceLost)
      : winBackUrgency(step.daysSinceTouch, ctx.settings.winBackDays);
  const lostReason = account.departure.reason;
  const explain = () =>
    joinReason([...departurePhrases(step, lostReason, ctx.settings.winBackDays), valuePhrase(account)]);
  return {
    account,
    repId: step.repId,
    kind: step.kind,
    score: priorityScore(account.value, urgency),
    explain,
    opener: () =>
      suggestOpener(
        openerFacts(account, step.kind, ctx.date, ctx.zoneOf(step.repId) ?? ctx.settings.timezone, null),
      ),
    promiseId: null,
  };
}

/** A win-back waits out the account's cadence after any contact (after-contact.ts). */
function winBackHeld(account: PlannerAccount, ctx: CandidateContext): boolean {
  const zone = ctx.zoneOf(account.ownerRepId) ?? ctx.settings.timezone;
  return contactedWithinCadence(
    daysSince(account.lastContactAt, ctx.date, zone),
    cadenceFor(account, ctx.settings),
  );
}

/** The pick for a due promise, for the rep who made it; a review or win-back due rides along. */
export function promiseCandidate(
  promise: PlannerPromise,
  account: PlannerAccount,
  ctx: CandidateContext & { zone: string },
): Candidate {
  return {
    account,
    repId: promise.repId,
    kind: "promise",
    // Promises are ordered by due time, not by score.
    score: 0,
    explain: () =>
      joinReason([
        promisePhrase(promise, ctx.date, ctx.zone),
        valuePhrase(account),
        ridingAlong(account, ctx),
      ]),
    opener: () => suggestOpener(openerFacts(account, "promise", ctx.date, ctx.zone, promise)),
    promiseId: promise.id,
  };
}

function openerFacts(
  account: PlannerAccount,
  kind: PickKind,
  date: string,
  zone: string,
  promise: PlannerPromise | null,
): OpenerFacts {
  return {
    kind,
    date,
    zone,
    lastContactAt: account.lastContactAt,
    lastOutcome: account.lastOutcome,
    lastNote: account.lastNote,
    lastOrderAt: account.lastOrderAt,
    avgOrderIntervalDays: account.avgOrderIntervalDays,
    customerSince: account.customerSince,
    promise,
    departure: account.departure,
  };
}

/** What else the account is due for, said on a pick it gets anyway. */
function ridingAlong(account: PlannerAccount, ctx: CandidateContext & { zone: string }): string | null {
  if (account.status === "lost") {
    const step = departureStep(
      account,
      ctx.date,
      (id) => ctx.zoneOf(id) ?? ctx.settings.timezone,
      ctx.settings,
    );
    return step?.kind === "win_back" ? alsoDuePhrase("win_back", ctx.settings.reviewMonths) : null;
  }
  const zone = ctx.zoneOf(account.ownerRepId) ?? ctx.zone;
  return reviewStatus(account, ctx.date, zone, ctx.settings).due
    ? alsoDuePhrase("review", ctx.settings.reviewMonths)
    : null;
}
