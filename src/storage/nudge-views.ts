/** The reads behind what a rep sees of a nudge: the nudge of a day, and its picks in order. */
import { and, asc, eq, inArray } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import type { Tx } from "./database.js";
import { accounts, checkins, nudges, picks, promises, reps, workspaces } from "./schema.js";

export interface NudgeHeader {
  id: number;
  repId: number;
  localDate: string;
  moreDue: number;
}

export async function findNudgeHeader(db: Tx, nudgeId: number): Promise<NudgeHeader | undefined> {
  const [row] = await db
    .select({ id: nudges.id, repId: nudges.repId, localDate: nudges.localDate, moreDue: nudges.moreDue })
    .from(nudges)
    .where(eq(nudges.id, nudgeId));
  return row;
}

/** The id of the rep's nudge for a local date, if that nudge exists. */
export async function findNudgeIdForDay(
  db: Tx,
  repId: number,
  localDate: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: nudges.id })
    .from(nudges)
    .where(and(eq(nudges.repId, repId), eq(nudges.localDate, localDate)));
  return row?.id;
}

const doers = alias(reps, "doer");

/**
 * Everything the views of these nudges show, in one query: one row per pick (a nudge without
 * picks gives one row with `pick` null), with its nudge, rep, workspace settings, account, promise,
 * check-in and the name of whoever finished it; ordered by nudge, then by the pick's position.
 * Nudges whose rep is gone are left out.
 */
export async function findNudgeViewRows(db: Tx, nudgeIds: readonly number[]) {
  if (nudgeIds.length === 0) return [];
  return db
    .select({
      nudgeId: nudges.id,
      localDate: nudges.localDate,
      moreDue: nudges.moreDue,
      rep: {
        id: reps.id,
        workspaceId: reps.workspaceId,
        email: reps.email,
        name: reps.name,
        timezone: reps.timezone,
        slackUserId: reps.slackUserId,
        teamsUserId: reps.teamsUserId,
      },
      settings: workspaces.settings,
      pick: {
        id: picks.id,
        kind: picks.kind,
        reason: picks.reason,
        opener: picks.opener,
        status: picks.status,
        doneAt: picks.doneAt,
      },
      account: {
        id: accounts.id,
        name: accounts.name,
        lastContactAt: accounts.lastContactAt,
        lastChannel: accounts.lastChannel,
        lastNote: accounts.lastNote,
        contactName: accounts.contactName,
        contactEmail: accounts.contactEmail,
        contactPhone: accounts.contactPhone,
      },
      promise: { what: promises.what, dueAt: promises.dueAt },
      checkin: { channel: checkins.channel, origin: checkins.origin },
      doerName: doers.name,
    })
    .from(nudges)
    .innerJoin(reps, eq(reps.id, nudges.repId))
    .innerJoin(workspaces, eq(workspaces.id, reps.workspaceId))
    .leftJoin(picks, eq(picks.nudgeId, nudges.id))
    .leftJoin(accounts, eq(accounts.id, picks.accountId))
    .leftJoin(promises, eq(promises.id, picks.promiseId))
    .leftJoin(checkins, eq(checkins.id, picks.checkinId))
    .leftJoin(doers, eq(doers.id, picks.doneByRepId))
    .where(inArray(nudges.id, [...nudgeIds]))
    .orderBy(asc(nudges.id), asc(picks.position));
}

export type NudgeViewRow = Awaited<ReturnType<typeof findNudgeViewRows>>[number];
