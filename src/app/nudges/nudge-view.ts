/**
 * Builds what a rep sees of a nudge (its picks with context) from the database, for sending and
 * for re-rendering after a click. Channels render a NudgeView; they never query on their own.
 */
import { sourceLabel } from "../../domain/activities/activity.js";
import { UNDO_WINDOW_MS } from "../../domain/outcomes/pick-action.js";
import type { CheckInChannel } from "../../domain/planner/types.js";
import { findCheckInChannels } from "../../storage/check-ins.js";
import type { Tx } from "../../storage/database.js";
import { findNudgeHeader, findNudgeIdForDay, listPickIdsOfNudge } from "../../storage/nudge-views.js";
import { findPicksWithAccounts } from "../../storage/picks.js";
import { findPromisesByIds } from "../../storage/promises.js";
import { findRepInZone, findRepNames } from "../../storage/reps.js";
import type { NudgeView, PickView, Recipient } from "../ports.js";

export { UNDO_WINDOW_MS };

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
  const nudge = await findNudgeHeader(db, nudgeId);
  if (!nudge) return undefined;
  const recipient = await loadRecipient(db, nudge.repId);
  if (!recipient) return undefined;
  return {
    nudgeId,
    localDate: nudge.localDate,
    recipient,
    picks: await loadPickViews(db, await listPickIdsOfNudge(db, nudgeId), now),
    moreCount: nudge.moreDue,
  };
}

/** The rep as a message recipient, with the zone resolved from the workspace when unset. */
export async function loadRecipient(db: Tx, repId: number): Promise<Recipient | undefined> {
  const found = await findRepInZone(db, repId);
  if (!found) return undefined;
  const { rep } = found;
  return {
    repId: rep.id,
    workspaceId: rep.workspaceId,
    email: rep.email,
    name: rep.name,
    timezone: found.timezone,
    slackUserId: rep.slackUserId,
    teamsUserId: rep.teamsUserId,
  };
}

/** Picks with their account's context, in the order of `pickIds`. */
export async function loadPickViews(db: Tx, pickIds: number[], now: Date): Promise<PickView[]> {
  if (pickIds.length === 0) return [];
  const rows = await findPicksWithAccounts(db, pickIds);
  const promiseRows = await findPromisesByIds(
    db,
    rows.flatMap((r) => (r.pick.promiseId === null ? [] : [r.pick.promiseId])),
  );
  const checkinRows = await findCheckInChannels(
    db,
    rows.flatMap((r) => (r.pick.checkinId === null ? [] : [r.pick.checkinId])),
  );
  const doers = await findRepNames(
    db,
    rows.flatMap((r) => (r.pick.doneByRepId === null ? [] : [r.pick.doneByRepId])),
  );

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
      opener: pick.opener,
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
              label: withOrigin(doneLabel(pick.status, checkin?.channel, account.status), checkin?.origin),
              // A contact logged in another tool is undone there, not here; a lost account by `won`.
              undoUntil:
                undoUntil &&
                undoUntil > now &&
                !checkin?.origin &&
                !setAsideAsLost(pick.status, account.status)
                  ? undoUntil
                  : null,
            }
          : null,
      promise: promise ? { what: promise.what, dueAt: promise.dueAt } : null,
    };
    return [view];
  });
}

/** The id of the rep's nudge for a local date, if that nudge exists. */
export async function findNudgeId(db: Tx, repId: number, localDate: string): Promise<number | undefined> {
  return findNudgeIdForDay(db, repId, localDate);
}

/** A contact logged in another tool says where: "Called (HubSpot)". */
function withOrigin(label: string, origin: string | null | undefined): string {
  return origin ? `${label} (${sourceLabel(origin)})` : label;
}

function doneLabel(
  status: PickView["status"],
  channel: CheckInChannel | undefined,
  accountStatus: "active" | "lost",
): string {
  if (status === "snoozed") return "Snoozed";
  // A pick is set aside by "not my account", or by the account being marked lost (runLost).
  if (status === "skipped") return setAsideAsLost(status, accountStatus) ? "Marked lost" : "Not my account";
  return channel ? doneLabels[channel] : "Done";
}

/** A pick set aside because its account was marked lost (runLost), not as "not my account". */
function setAsideAsLost(status: PickView["status"], accountStatus: "active" | "lost"): boolean {
  return status === "skipped" && accountStatus === "lost";
}
