/**
 * Logging a contact, from any source (a nudge click, a command, an import), and reversing one.
 * The rules (what moves on the account, which promises are kept, what a lost account's departure
 * records) are in domain/outcomes/contact.ts; this loads, decides and saves. Run it inside the
 * caller's transaction.
 */
import {
  decideContactEffects,
  decideContactUndo,
  decideDepartureContact,
  departureBeforeContact,
} from "../../domain/outcomes/contact.js";
import type { CheckInChannel, CheckInOutcome, CheckInSource } from "../../domain/planner/types.js";
import { findAccountForUpdate, updateAccount } from "../../storage/accounts.js";
import {
  type CheckInRow,
  deleteCheckIn,
  findCheckInByExternalId,
  insertCheckIn,
  setPreviousState,
} from "../../storage/check-ins.js";
import type { Tx } from "../../storage/database.js";
import { findOpenDepartureForUpdate, updateDeparture } from "../../storage/departures.js";
import { finishPicksOfContact, reopenPicksOfCheckIn } from "../../storage/picks.js";
import { keepDuePromises, reopenKeptPromises } from "../../storage/promises.js";
import { findRepZone } from "../../storage/reps.js";
import { refreshDates } from "../accounts/retier.js";

export type { CheckInRow } from "../../storage/check-ins.js";

export interface LogCheckInInput {
  workspaceId: number;
  accountId: number;
  repId: number;
  at: Date;
  /** When the change is recorded (the account's `updatedAt`); the contact's time when omitted. */
  now?: Date | undefined;
  channel: CheckInChannel;
  outcome?: CheckInOutcome | undefined;
  note?: string | undefined;
  source: CheckInSource;
  /** Idempotency key: an import's external id; a second check-in with it is not logged. */
  externalId?: string | undefined;
  /** The pick this contact answers (a nudge click), marked done even on a later day. */
  pickId?: number | undefined;
}

export interface LoggedCheckIn {
  checkIn: CheckInRow;
  /** False when `externalId` had been logged before: nothing changed. */
  inserted: boolean;
}

export async function logCheckIn(db: Tx, input: LogCheckInInput): Promise<LoggedCheckIn> {
  const account = await findAccountForUpdate(db, input.accountId, input.workspaceId);
  if (!account) throw new Error(`account ${input.accountId} is not in workspace ${input.workspaceId}`);
  const contact = {
    repId: input.repId,
    at: input.at,
    channel: input.channel,
    outcome: input.outcome ?? null,
    note: input.note ?? null,
  };
  const inserted = await insertCheckIn(db, {
    ...contact,
    workspaceId: input.workspaceId,
    accountId: input.accountId,
    source: input.source,
    externalId: input.externalId ?? null,
    pickId: input.pickId ?? null,
  });
  if (!inserted) {
    const existing = await findCheckInByExternalId(db, input.workspaceId, input.externalId ?? "");
    if (!existing) throw new Error("check-in conflicted but cannot be found");
    return { checkIn: existing, inserted: false };
  }

  const effects = decideContactEffects(account, contact, await findRepZone(db, input.repId));
  if (effects.account) {
    await updateAccount(db, account.id, { ...effects.account, updatedAt: input.now ?? input.at });
    await refreshDates(db, input.workspaceId, { accountIds: [account.id] });
  }
  const undo = effects.undo;
  undo.keptPromiseIds = await keepDuePromises(db, {
    accountId: input.accountId,
    repId: input.repId,
    dueBy: effects.keepPromisesDueBy,
    keptAt: input.at,
  });
  if (effects.touchesDeparture) {
    const departure = await findOpenDepartureForUpdate(db, input.accountId);
    if (departure) {
      const { before, change } = decideDepartureContact(departure, contact, account.ownerRepId);
      if (change) await updateDeparture(db, departure.id, change);
      undo.departure = before;
    }
  }
  await finishPicksOfContact(db, { ...input, checkInId: inserted.id });
  return { checkIn: await setPreviousState(db, inserted.id, undo), inserted: true };
}

/**
 * Reverses a check-in logged moments ago: deletes it, reopens the picks it finished and the
 * promises it kept, and restores the account's last contact when nothing later replaced it.
 */
export async function undoCheckIn(db: Tx, checkIn: CheckInRow, now: Date): Promise<void> {
  const previous = checkIn.previousState;
  await reopenPicksOfCheckIn(db, checkIn.workspaceId, checkIn.id);
  if (previous) await reopenKeptPromises(db, previous.keptPromiseIds);
  if (previous?.departure) {
    await updateDeparture(db, previous.departure.id, departureBeforeContact(previous.departure));
  }
  await deleteCheckIn(db, checkIn.id);
  const account = await findAccountForUpdate(db, checkIn.accountId);
  if (!account || !previous) return;
  const restored = decideContactUndo(account, checkIn.at, previous);
  if (!restored) return;
  await updateAccount(db, account.id, { ...restored, updatedAt: now });
  await refreshDates(db, account.workspaceId, { accountIds: [account.id] });
}
