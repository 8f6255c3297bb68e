/**
 * Logging a contact, from any source (a nudge click, a command, an import), and its effects:
 * the account's cadence restarts, its last outcome (and so its risk) follows the latest contact,
 * a meeting counts as a relationship review, today's pick for it is done, a due promise of the
 * same rep is kept, and for a lost account the exit interview or a win-back contact is recorded.
 * Run it inside the caller's transaction.
 */
import { and, desc, eq, inArray, isNull, lte, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import type { CheckInChannel, CheckInOutcome } from "../../domain/planner/types.js";
import { resolveSettings } from "../../domain/settings.js";
import type { Tx } from "../../storage/database.js";
import {
  accounts,
  type CheckInPreviousState,
  checkins,
  departures,
  promises,
  reps,
  workspaces,
} from "../../storage/schema.js";

export interface LogCheckInInput {
  workspaceId: number;
  accountId: number;
  repId: number;
  at: Date;
  channel: CheckInChannel;
  outcome?: CheckInOutcome | undefined;
  note?: string | undefined;
  source: "nudge" | "command" | "import";
  /** Idempotency key: an import's external id; a second check-in with it is not logged. */
  externalId?: string | undefined;
  /** The pick this contact answers (a nudge click), marked done even on a later day. */
  pickId?: number | undefined;
}

export type CheckInRow = typeof checkins.$inferSelect;

export interface LoggedCheckIn {
  checkIn: CheckInRow;
  /** False when `externalId` had been logged before: nothing changed. */
  inserted: boolean;
}

/** Channels whose contact counts as a relationship review (the planner asks it of A accounts). */
const reviewChannels: ReadonlySet<CheckInChannel> = new Set(["meeting", "video"]);

export async function logCheckIn(db: Tx, input: LogCheckInInput): Promise<LoggedCheckIn> {
  const [account] = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.id, input.accountId), eq(accounts.workspaceId, input.workspaceId)))
    .for("update");
  if (!account) throw new Error(`account ${input.accountId} is not in workspace ${input.workspaceId}`);

  const [inserted] = await db
    .insert(checkins)
    .values({
      workspaceId: input.workspaceId,
      accountId: input.accountId,
      repId: input.repId,
      at: input.at,
      channel: input.channel,
      outcome: input.outcome ?? null,
      note: input.note ?? null,
      source: input.source,
      externalId: input.externalId ?? null,
      pickId: input.pickId ?? null,
    })
    .onConflictDoNothing()
    .returning();
  if (!inserted) {
    const [existing] = await db
      .select()
      .from(checkins)
      .where(
        and(eq(checkins.workspaceId, input.workspaceId), eq(checkins.externalId, input.externalId ?? "")),
      );
    if (!existing) throw new Error("check-in conflicted but cannot be found");
    return { checkIn: existing, inserted: false };
  }

  const previous: CheckInPreviousState = {
    lastContactAt: account.lastContactAt?.toISOString() ?? null,
    lastChannel: account.lastChannel,
    lastOutcome: account.lastOutcome,
    lastNote: account.lastNote,
    lastReviewAt: account.lastReviewAt?.toISOString() ?? null,
    keptPromiseIds: [],
  };

  // History logged out of order never moves the account backwards.
  const isLatest = account.lastContactAt === null || account.lastContactAt.getTime() <= input.at.getTime();
  const isReview =
    reviewChannels.has(input.channel) &&
    (account.lastReviewAt === null || account.lastReviewAt.getTime() < input.at.getTime());
  if (isLatest || isReview) {
    await db
      .update(accounts)
      .set({
        ...(isLatest
          ? {
              lastContactAt: input.at,
              lastChannel: input.channel,
              lastOutcome: input.outcome ?? null,
              lastNote: input.note ?? null,
            }
          : {}),
        ...(isReview ? { lastReviewAt: input.at } : {}),
        updatedAt: new Date(),
      })
      .where(eq(accounts.id, account.id));
  }

  const zone = await repZone(db, input.repId);
  previous.keptPromiseIds = await keepDuePromises(db, input, zone);
  if (account.status === "lost") {
    const departure = await recordDepartureContact(db, input, account.ownerRepId);
    if (departure) previous.departure = departure;
  }
  await finishPicks(db, input, inserted.id);
  const [checkIn] = await db
    .update(checkins)
    .set({ previousState: previous })
    .where(eq(checkins.id, inserted.id))
    .returning();
  return { checkIn: checkIn!, inserted: true };
}

/** Open promises of this rep for this account due by the end of the contact's local day become kept. */
async function keepDuePromises(db: Tx, input: LogCheckInInput, zone: string): Promise<number[]> {
  const endOfDay = DateTime.fromJSDate(input.at, { zone }).endOf("day").toJSDate();
  const kept = await db
    .update(promises)
    .set({ status: "kept", keptAt: input.at })
    .where(
      and(
        eq(promises.accountId, input.accountId),
        eq(promises.repId, input.repId),
        eq(promises.status, "open"),
        lte(promises.dueAt, endOfDay),
      ),
    )
    .returning({ id: promises.id });
  return kept.map((p) => p.id);
}

/**
 * A contact with a lost account is its exit interview when someone other than the owner makes it
 * before the interview was held, and a win-back contact otherwise; the planner's rule 9 reads
 * both dates. Returns the departure as it was, for Undo.
 */
async function recordDepartureContact(
  db: Tx,
  input: LogCheckInInput,
  ownerRepId: number,
): Promise<CheckInPreviousState["departure"]> {
  const [departure] = await db
    .select()
    .from(departures)
    .where(and(eq(departures.accountId, input.accountId), isNull(departures.wonBackAt)))
    .orderBy(desc(departures.lostOn), desc(departures.id))
    .limit(1)
    .for("update");
  if (!departure) return undefined;
  const before = {
    id: departure.id,
    exitInterviewAt: departure.exitInterviewAt?.toISOString() ?? null,
    exitInterviewNote: departure.exitInterviewNote,
    lastWinBackAt: departure.lastWinBackAt?.toISOString() ?? null,
  };
  const isInterview =
    departure.exitInterviewAt === null && departure.exitInterviewRepId !== null && input.repId !== ownerRepId;
  if (isInterview) {
    await db
      .update(departures)
      .set({ exitInterviewAt: input.at, exitInterviewNote: input.note ?? null })
      .where(eq(departures.id, departure.id));
  } else if (departure.lastWinBackAt === null || departure.lastWinBackAt.getTime() < input.at.getTime()) {
    await db.update(departures).set({ lastWinBackAt: input.at }).where(eq(departures.id, departure.id));
  }
  return before;
}

/**
 * The account's open picks in nudges for the contact's local date (in each nudge's rep's zone),
 * and the clicked pick itself, become done by this check-in.
 */
async function finishPicks(db: Tx, input: LogCheckInInput, checkInId: number): Promise<void> {
  const at = input.at.toISOString();
  await db.execute(sql`
    update picks p
       set status = 'done', done_at = ${at}::timestamptz, done_by_rep_id = ${input.repId}, checkin_id = ${checkInId}
      from nudges n
      join reps r on r.id = n.rep_id
      join workspaces w on w.id = n.workspace_id
     where p.nudge_id = n.id
       and p.workspace_id = ${input.workspaceId}
       and p.account_id = ${input.accountId}
       and p.status = 'open'
       and (p.id = ${input.pickId ?? -1}
            or n.local_date = (${at}::timestamptz at time zone coalesce(r.timezone, w.settings->>'timezone', 'UTC'))::date)`);
}

async function repZone(db: Tx, repId: number): Promise<string> {
  const [row] = await db
    .select({ timezone: reps.timezone, settings: workspaces.settings })
    .from(reps)
    .innerJoin(workspaces, eq(workspaces.id, reps.workspaceId))
    .where(eq(reps.id, repId));
  return row?.timezone ?? resolveSettings(row?.settings).timezone;
}

/**
 * Reverses a check-in logged moments ago: deletes it, reopens the picks it finished and the
 * promises it kept, and restores the account's last contact when nothing later replaced it.
 */
export async function undoCheckIn(db: Tx, checkIn: CheckInRow): Promise<void> {
  const previous = checkIn.previousState;
  await db.execute(sql`
    update picks set status = 'open', done_at = null, done_by_rep_id = null, checkin_id = null
     where checkin_id = ${checkIn.id} and workspace_id = ${checkIn.workspaceId}`);
  if (previous && previous.keptPromiseIds.length > 0) {
    await db
      .update(promises)
      .set({ status: "open", keptAt: null })
      .where(and(inArray(promises.id, previous.keptPromiseIds), eq(promises.status, "kept")));
  }
  if (previous?.departure) {
    const d = previous.departure;
    await db
      .update(departures)
      .set({
        exitInterviewAt: toDate(d.exitInterviewAt),
        exitInterviewNote: d.exitInterviewNote,
        lastWinBackAt: toDate(d.lastWinBackAt),
      })
      .where(eq(departures.id, d.id));
  }
  await db.delete(checkins).where(eq(checkins.id, checkIn.id));
  const [account] = await db.select().from(accounts).where(eq(accounts.id, checkIn.accountId)).for("update");
  if (!account || !previous) return;
  const stillLatest = account.lastContactAt?.getTime() === checkIn.at.getTime();
  const stillReview = account.lastReviewAt?.getTime() === checkIn.at.getTime();
  if (!stillLatest && !stillReview) return;
  await db
    .update(accounts)
    .set({
      ...(stillLatest
        ? {
            lastContactAt: toDate(previous.lastContactAt),
            lastChannel: previous.lastChannel,
            lastOutcome: previous.lastOutcome,
            lastNote: previous.lastNote,
          }
        : {}),
      ...(stillReview ? { lastReviewAt: toDate(previous.lastReviewAt) } : {}),
      updatedAt: new Date(),
    })
    .where(eq(accounts.id, account.id));
}

function toDate(iso: string | null): Date | null {
  return iso === null ? null : new Date(iso);
}
