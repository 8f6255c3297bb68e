/**
 * Builds what a rep sees of a nudge (its picks with context) from the database, for sending and
 * for re-rendering after a click. Channels render a NudgeView; they never query on their own.
 */
import { sourceLabel } from "../../domain/activities/activity.js";
import { UNDO_WINDOW_MS } from "../../domain/outcomes/pick-action.js";
import type { CheckInChannel } from "../../domain/planner/types.js";
import { resolveSettings } from "../../domain/settings.js";
import type { Tx } from "../../storage/database.js";
import { findNudgeIdForDay, findNudgeViewRows, type NudgeViewRow } from "../../storage/nudge-views.js";
import { findRepInZone } from "../../storage/reps.js";
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
  return (await loadNudgeViews(db, [nudgeId], now)).get(nudgeId);
}

/**
 * The nudges `nudgeIds` as their reps see them at `now`, by nudge id, read in one query (the
 * daily run loads a whole batch at once). A nudge that does not exist, or whose rep is gone, is
 * absent from the map.
 */
export async function loadNudgeViews(
  db: Tx,
  nudgeIds: readonly number[],
  now: Date,
): Promise<Map<number, NudgeView>> {
  const views = new Map<number, NudgeView>();
  const zones = new Map<number, string>();
  for (const row of await findNudgeViewRows(db, nudgeIds)) {
    let view = views.get(row.nudgeId);
    if (!view) {
      let zone = row.timezone ?? zones.get(row.workspaceId);
      if (zone === undefined) {
        zone = resolveSettings(row.settings).timezone;
        zones.set(row.workspaceId, zone);
      }
      view = {
        nudgeId: row.nudgeId,
        localDate: row.localDate,
        recipient: {
          repId: row.repId,
          workspaceId: row.workspaceId,
          email: row.email,
          name: row.name,
          timezone: zone,
          slackUserId: row.slackUserId,
          teamsUserId: row.teamsUserId,
        },
        picks: [],
        moreCount: row.moreDue,
      };
      views.set(row.nudgeId, view);
    }
    const pick = pickView(row, now);
    if (pick) view.picks.push(pick);
  }
  return views;
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

/** One pick of a view row as its rep sees it; undefined for the row of a nudge without picks. */
function pickView(row: NudgeViewRow, now: Date): PickView | undefined {
  if (row.pickId === null || row.accountId === null) return undefined;
  const status = row.status ?? "open";
  const doneAt = row.doneAtMs === null ? null : new Date(row.doneAtMs);
  const accountStatus = row.accountStatus ?? "active";
  const undoUntil = doneAt ? new Date(doneAt.getTime() + UNDO_WINDOW_MS) : null;
  return {
    pickId: row.pickId,
    accountId: row.accountId,
    accountName: row.accountName ?? "",
    kind: row.kind ?? "due",
    reason: row.reason ?? "",
    opener: row.opener ?? "",
    status,
    lastContact:
      row.lastContactMs !== null && row.lastChannel
        ? {
            at: new Date(row.lastContactMs),
            channel: row.lastChannel as CheckInChannel,
            note: row.lastNote,
          }
        : null,
    contact: { name: row.contactName, email: row.contactEmail, phone: row.contactPhone },
    done:
      status !== "open" && doneAt
        ? {
            byName: row.doerName ?? "someone",
            at: doneAt,
            label: withOrigin(
              doneLabel(status, row.checkinChannel ?? undefined, accountStatus),
              row.checkinOrigin,
            ),
            // A contact logged in another tool is undone there, not here; a lost account by `won`.
            undoUntil:
              undoUntil && undoUntil > now && !row.checkinOrigin && !setAsideAsLost(status, accountStatus)
                ? undoUntil
                : null,
          }
        : null,
    promise:
      row.promiseWhat !== null && row.promiseDueMs !== null
        ? { what: row.promiseWhat, dueAt: new Date(row.promiseDueMs) }
        : null,
  };
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
