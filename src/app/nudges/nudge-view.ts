/**
 * Builds what a rep sees of a nudge (its picks with context) from the database, for sending and
 * for re-rendering after a click. Channels render a NudgeView; they never query on their own.
 */
import { and, asc, eq, inArray } from "drizzle-orm";
import type { CheckInChannel } from "../../domain/planner/types.js";
import { resolveSettings } from "../../domain/settings.js";
import type { Tx } from "../../storage/database.js";
import { accounts, checkins, nudges, picks, promises, reps, workspaces } from "../../storage/schema.js";
import type { NudgeView, PickView, Recipient } from "../ports.js";

/** How long after a click its Undo stays offered. */
export const UNDO_WINDOW_MS = 5 * 60_000;

const doneLabels: Record<CheckInChannel, string> = {
  call: "Called",
  email: "Emailed",
  meeting: "Met",
  video: "Met on video",
  message: "Messaged",
  other: "Logged",
};

/** The nudge `nudgeId` as its rep sees it at `now`, or undefined when there is no such nudge. */
export async function loadNudgeView(db: Tx, nudgeId: number, now: Date): Promise<NudgeView | undefined> {
  const [nudge] = await db.select().from(nudges).where(eq(nudges.id, nudgeId));
  if (!nudge) return undefined;
  const recipient = await loadRecipient(db, nudge.repId);
  if (!recipient) return undefined;
  const rows = await db
    .select({ id: picks.id })
    .from(picks)
    .where(eq(picks.nudgeId, nudgeId))
    .orderBy(asc(picks.position));
  return {
    nudgeId,
    localDate: nudge.localDate,
    recipient,
    picks: await loadPickViews(
      db,
      rows.map((r) => r.id),
      now,
    ),
    moreCount: nudge.moreDue,
  };
}

/** The rep as a message recipient, with the zone resolved from the workspace when unset. */
export async function loadRecipient(db: Tx, repId: number): Promise<Recipient | undefined> {
  const [row] = await db
    .select({ rep: reps, settings: workspaces.settings })
    .from(reps)
    .innerJoin(workspaces, eq(workspaces.id, reps.workspaceId))
    .where(eq(reps.id, repId));
  if (!row) return undefined;
  const { rep } = row;
  return {
    repId: rep.id,
    workspaceId: rep.workspaceId,
    email: rep.email,
    name: rep.name,
    timezone: rep.timezone ?? resolveSettings(row.settings).timezone,
    slackUserId: rep.slackUserId,
    teamsUserId: rep.teamsUserId,
  };
}

/** Picks with their account's context, in the order of `pickIds`. */
export async function loadPickViews(db: Tx, pickIds: number[], now: Date): Promise<PickView[]> {
  if (pickIds.length === 0) return [];
  const rows = await db
    .select({ pick: picks, account: accounts })
    .from(picks)
    .innerJoin(accounts, eq(accounts.id, picks.accountId))
    .where(inArray(picks.id, pickIds));

  const promiseIds = rows.flatMap((r) => (r.pick.promiseId === null ? [] : [r.pick.promiseId]));
  const promiseRows = promiseIds.length
    ? await db.select().from(promises).where(inArray(promises.id, promiseIds))
    : [];
  const checkinIds = rows.flatMap((r) => (r.pick.checkinId === null ? [] : [r.pick.checkinId]));
  const checkinRows = checkinIds.length
    ? await db
        .select({ id: checkins.id, channel: checkins.channel })
        .from(checkins)
        .where(inArray(checkins.id, checkinIds))
    : [];
  const doerIds = rows.flatMap((r) => (r.pick.doneByRepId === null ? [] : [r.pick.doneByRepId]));
  const doers = doerIds.length
    ? await db.select({ id: reps.id, name: reps.name }).from(reps).where(inArray(reps.id, doerIds))
    : [];

  const byId = new Map(rows.map((r) => [r.pick.id, r]));
  return pickIds.flatMap((id) => {
    const row = byId.get(id);
    if (!row) return [];
    const { pick, account } = row;
    const promise = promiseRows.find((p) => p.id === pick.promiseId);
    const checkin = checkinRows.find((c) => c.id === pick.checkinId);
    const doer = doers.find((d) => d.id === pick.doneByRepId);
    const undoUntil = pick.doneAt ? new Date(pick.doneAt.getTime() + UNDO_WINDOW_MS) : null;
    const view: PickView = {
      pickId: pick.id,
      accountId: account.id,
      accountName: account.name,
      kind: pick.kind,
      reason: pick.reason,
      status: pick.status,
      lastContact:
        account.lastContactAt && account.lastChannel
          ? {
              at: account.lastContactAt,
              channel: account.lastChannel as CheckInChannel,
              note: account.lastNote,
            }
          : null,
      contact: { name: account.contactName, email: account.contactEmail, phone: account.contactPhone },
      done:
        pick.status !== "open" && pick.doneAt
          ? {
              byName: doer?.name ?? "someone",
              at: pick.doneAt,
              label: doneLabel(pick.status, checkin?.channel),
              undoUntil: undoUntil && undoUntil > now ? undoUntil : null,
            }
          : null,
      promise: promise ? { what: promise.what, dueAt: promise.dueAt } : null,
    };
    return [view];
  });
}

/** The open or finished picks of a rep's nudge for a local date, if that nudge exists. */
export async function findNudgeId(db: Tx, repId: number, localDate: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: nudges.id })
    .from(nudges)
    .where(and(eq(nudges.repId, repId), eq(nudges.localDate, localDate)));
  return row?.id;
}

function doneLabel(status: PickView["status"], channel: CheckInChannel | undefined): string {
  if (status === "snoozed") return "Snoozed";
  if (status === "skipped") return "Not my account";
  return channel ? doneLabels[channel] : "Done";
}
