/**
 * What logging a contact does to an account, whatever its source: the cadence restarts and the
 * risk follows the latest contact (history logged out of order never moves the account back), a
 * meeting or video call counts as a relationship review, the rep's promises due by the end of the
 * contact's local day are kept, and a lost account's departure records an exit interview or a
 * win-back try. Each effect keeps what it replaced, so that Undo can put it back.
 */
import { DateTime } from "luxon";
import type { CheckInChannel, CheckInOutcome } from "../planner/types.js";

/** The account as far as a contact changes it. */
export interface AccountContactState {
  lastContactAt: Date | null;
  lastChannel: string | null;
  lastOutcome: string | null;
  lastNote: string | null;
  lastReviewAt: Date | null;
  status: "active" | "lost";
  ownerRepId: number;
}

export interface Contact {
  repId: number;
  at: Date;
  channel: CheckInChannel;
  outcome: CheckInOutcome | null;
  note: string | null;
}

/** The account fields a contact (or its Undo) sets. */
export interface AccountContactPatch {
  lastContactAt?: Date | null;
  lastChannel?: string | null;
  lastOutcome?: string | null;
  lastNote?: string | null;
  lastReviewAt?: Date | null;
}

/** A lost account's departure as a contact changes it. */
export interface DepartureState {
  id: number;
  exitInterviewAt: Date | null;
  exitInterviewNote: string | null;
  exitInterviewRepId: number | null;
  lastWinBackAt: Date | null;
}

/** What a contact replaced, kept on the check-in so that Undo can restore it (dates as ISO strings). */
export interface ContactUndoState {
  lastContactAt: string | null;
  lastChannel: string | null;
  lastOutcome: string | null;
  lastNote: string | null;
  lastReviewAt: string | null;
  keptPromiseIds: number[];
  departure?: {
    id: number;
    exitInterviewAt: string | null;
    exitInterviewNote: string | null;
    lastWinBackAt: string | null;
  };
}

export interface ContactEffects {
  /** The account's new fields, or null when the contact moves nothing on it. */
  account: AccountContactPatch | null;
  /** The rep's open promises to the account due by this instant become kept. */
  keepPromisesDueBy: Date;
  /** True for a lost account: its open departure takes the contact (see `decideDepartureContact`). */
  touchesDeparture: boolean;
  /** What the contact replaces, before promises and departure are known. */
  undo: ContactUndoState;
}

/** Channels whose contact counts as a relationship review (the planner asks it of A accounts). */
const reviewChannels: ReadonlySet<CheckInChannel> = new Set(["meeting", "video"]);

/** What a contact logged in `repZone` does to the account `account`. */
export function decideContactEffects(
  account: AccountContactState,
  contact: Contact,
  repZone: string,
): ContactEffects {
  const at = contact.at.getTime();
  const isLatest = account.lastContactAt === null || account.lastContactAt.getTime() <= at;
  const isReview =
    reviewChannels.has(contact.channel) &&
    (account.lastReviewAt === null || account.lastReviewAt.getTime() < at);
  const patch: AccountContactPatch = {
    ...(isLatest
      ? {
          lastContactAt: contact.at,
          lastChannel: contact.channel,
          lastOutcome: contact.outcome,
          lastNote: contact.note,
        }
      : {}),
    ...(isReview ? { lastReviewAt: contact.at } : {}),
  };
  return {
    account: isLatest || isReview ? patch : null,
    keepPromisesDueBy: DateTime.fromJSDate(contact.at, { zone: repZone }).endOf("day").toJSDate(),
    touchesDeparture: account.status === "lost",
    undo: {
      lastContactAt: account.lastContactAt?.toISOString() ?? null,
      lastChannel: account.lastChannel,
      lastOutcome: account.lastOutcome,
      lastNote: account.lastNote,
      lastReviewAt: account.lastReviewAt?.toISOString() ?? null,
      keptPromiseIds: [],
    },
  };
}

export interface DepartureEffect {
  /** The departure as it was, for Undo. */
  before: NonNullable<ContactUndoState["departure"]>;
  change: Partial<Pick<DepartureState, "exitInterviewAt" | "exitInterviewNote" | "lastWinBackAt">> | null;
}

/**
 * A contact with a lost account is its exit interview when someone other than the owner makes it
 * before the interview was held, and a win-back try otherwise (kept only when it is the latest);
 * planner rule 9 reads both dates.
 */
export function decideDepartureContact(
  departure: DepartureState,
  contact: Contact,
  ownerRepId: number,
): DepartureEffect {
  const before = {
    id: departure.id,
    exitInterviewAt: departure.exitInterviewAt?.toISOString() ?? null,
    exitInterviewNote: departure.exitInterviewNote,
    lastWinBackAt: departure.lastWinBackAt?.toISOString() ?? null,
  };
  const isInterview =
    departure.exitInterviewAt === null &&
    departure.exitInterviewRepId !== null &&
    contact.repId !== ownerRepId;
  if (isInterview)
    return { before, change: { exitInterviewAt: contact.at, exitInterviewNote: contact.note } };
  if (departure.lastWinBackAt === null || departure.lastWinBackAt.getTime() < contact.at.getTime()) {
    return { before, change: { lastWinBackAt: contact.at } };
  }
  return { before, change: null };
}

/**
 * What undoing a contact made at `contactAt` puts back on the account: its previous last contact
 * and review, each only while nothing later replaced it. Null when nothing is put back.
 */
export function decideContactUndo(
  account: Pick<AccountContactState, "lastContactAt" | "lastReviewAt">,
  contactAt: Date,
  undo: ContactUndoState,
): AccountContactPatch | null {
  const stillLatest = account.lastContactAt?.getTime() === contactAt.getTime();
  const stillReview = account.lastReviewAt?.getTime() === contactAt.getTime();
  if (!stillLatest && !stillReview) return null;
  return {
    ...(stillLatest
      ? {
          lastContactAt: toDate(undo.lastContactAt),
          lastChannel: undo.lastChannel,
          lastOutcome: undo.lastOutcome,
          lastNote: undo.lastNote,
        }
      : {}),
    ...(stillReview ? { lastReviewAt: toDate(undo.lastReviewAt) } : {}),
  };
}

/** The departure fields undoing a contact puts back. */
export function departureBeforeContact(before: NonNullable<ContactUndoState["departure"]>) {
  return {
    exitInterviewAt: toDate(before.exitInterviewAt),
    exitInterviewNote: before.exitInterviewNote,
    lastWinBackAt: toDate(before.lastWinBackAt),
  };
}

function toDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}
