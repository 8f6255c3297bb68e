/**
 * Activities from the activity API or a CRM connector: calls, emails, meetings and notes are
 * contacts with the same meaning as a click on a nudge (the cadence restarts, a meeting is the
 * relationship review, the rep's promises due that day are kept, a lost account's departure takes
 * its exit interview or win-back, today's pick of the account is done); orders move the account's
 * last order. A batch is checked whole first (unknown accounts and reps are named) and writes
 * nothing when any activity is refused; a replay is recorded once.
 */
import { DateTime } from "luxon";
import type { Activity, ActivityProblem } from "../../domain/activities/activity.js";
import { decideDepartureContact } from "../../domain/outcomes/contact.js";
import { findAccountForUpdate } from "../../storage/accounts.js";
import { type ActivityWrite, findActivityTargets, recordActivities } from "../../storage/activities.js";
import type { Tx } from "../../storage/database.js";
import { findOpenDepartureForUpdate, updateDeparture } from "../../storage/departures.js";
import { listWorkspaces } from "../../storage/workspaces.js";
import { refreshDates } from "../accounts/retier.js";
import { refreshNudges } from "../nudges/refresh-nudges.js";
import type { AppContext } from "../ports.js";

export type ActivitiesOutcome =
  | { ok: true; inserted: number; alreadyKnown: number }
  | { ok: false; problems: ActivityProblem[] };

/** Records validated activities in workspace `workspaceId`; `via` is how they came in. */
export async function recordActivityBatch(
  ctx: AppContext,
  workspaceId: number,
  activities: Activity[],
  via: "api" | "crm",
): Promise<ActivitiesOutcome> {
  const outcome = await ctx.db.transaction(async (tx) => {
    const resolved = await resolveActivities(tx, workspaceId, activities);
    if (!resolved.ok) return { outcome: resolved, nudgeIds: [] };
    const lost = [...resolved.lostAccountIds];
    const recorded = await recordActivities(tx, workspaceId, resolved.rows, via, lost);
    // Contacts, orders and reviews move the planner dates of their accounts.
    await refreshDates(tx, workspaceId, { accountIds: [...new Set(resolved.rows.map((r) => r.accountId))] });
    for (const contact of recorded.lostContacts) await touchDeparture(tx, contact);
    const done: ActivitiesOutcome = {
      ok: true,
      inserted: recorded.inserted,
      alreadyKnown: activities.length - recorded.inserted,
    };
    return { outcome: done, nudgeIds: recorded.nudgeIds };
  });
  if (outcome.nudgeIds.length > 0) await refreshNudges(ctx, outcome.nudgeIds);
  return outcome.outcome;
}

type Resolved =
  | { ok: true; rows: ActivityWrite[]; lostAccountIds: Set<number> }
  | { ok: false; problems: ActivityProblem[] };

/** Each activity's account (by external id) and rep (by email, else the account's owner). */
async function resolveActivities(tx: Tx, workspaceId: number, activities: Activity[]): Promise<Resolved> {
  const { accounts, reps } = await findActivityTargets(
    tx,
    workspaceId,
    activities.map((a) => a.account_external_id),
  );
  const problems: ActivityProblem[] = [];
  const rows: ActivityWrite[] = [];
  const lostAccountIds = new Set<number>();
  activities.forEach((activity, index) => {
    const account = accounts.get(activity.account_external_id);
    if (!account) {
      problems.push({
        index,
        field: "account_external_id",
        reason: `no account has the external_id ${activity.account_external_id}; import it first`,
      });
    }
    const repId = activity.rep_email === undefined ? undefined : reps.get(activity.rep_email.toLowerCase());
    if (activity.rep_email !== undefined && repId === undefined) {
      problems.push({ index, field: "rep_email", reason: `no rep has the email ${activity.rep_email}` });
    }
    if (!account || (activity.rep_email !== undefined && repId === undefined)) return;
    if (account.status === "lost") lostAccountIds.add(account.id);
    rows.push({
      source: activity.source,
      externalId: activity.external_id,
      accountId: account.id,
      repId: repId ?? account.ownerRepId,
      kind: activity.kind,
      at: activity.at,
      summary: activity.summary ?? null,
      orderDay:
        activity.kind === "order" ? DateTime.fromISO(activity.at, { setZone: true }).toISODate() : null,
    });
  });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, rows, lostAccountIds };
}

/** A contact with a lost account is its exit interview or a win-back try, as when a rep logs it. */
async function touchDeparture(
  tx: Tx,
  contact: { accountId: number; repId: number; at: Date; channel: string; note: string | null },
): Promise<void> {
  const account = await findAccountForUpdate(tx, contact.accountId);
  const departure = await findOpenDepartureForUpdate(tx, contact.accountId);
  if (!account || !departure) return;
  const { change } = decideDepartureContact(
    departure,
    { repId: contact.repId, at: contact.at, channel: "other", outcome: null, note: contact.note },
    account.ownerRepId,
  );
  if (change) await updateDeparture(tx, departure.id, change);
}

/** The workspace activities go to: `requested`, else the only one; undefined when that is ambiguous or unknown. */
export async function activityWorkspace(ctx: AppContext, requested?: number): Promise<number | undefined> {
  const all = await listWorkspaces(ctx.db);
  if (requested !== undefined) return all.find((w) => w.id === requested)?.id;
  return all.length === 1 ? all[0]?.id : undefined;
}
