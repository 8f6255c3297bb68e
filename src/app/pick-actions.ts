/**
 * What a click on a nudge does, whatever the platform: log a contact, snooze, add a note, promise
 * a follow-up, say "not my account", or undo. The payload is trusted for nothing: the pick must
 * be in the actor's workspace and belong to the actor's own nudge (or the actor is that rep's
 * manager). Each action is one transaction, and a replayed click changes nothing.
 */
import { and, eq, sql } from "drizzle-orm";
import { DateTime } from "luxon";
import { MAX_TEXT_LENGTH } from "../domain/commands/types.js";
import type { Tx } from "../storage/database.js";
import {
  accounts,
  checkins,
  handledRequests,
  nudges,
  picks,
  promises,
  reps,
  snoozes,
} from "../storage/schema.js";
import { notifyRep } from "./actors.js";
import { logCheckIn, undoCheckIn } from "./check-ins/log-check-in.js";
import { UNDO_WINDOW_MS } from "./nudges/nudge-view.js";
import type { Actor, AppContext, PickAction } from "./ports.js";

export type PickActionResult =
  | { ok: true; message: string; nudgeId: number }
  | {
      ok: false;
      code: "NOT_FOUND" | "FORBIDDEN" | "ALREADY_DONE" | "UNDO_EXPIRED" | "INVALID";
      message: string;
    };

type Failure = Extract<PickActionResult, { ok: false }>;

const MAX_SNOOZE_DAYS = 365;

const channelLabels = { call: "Called", email: "Emailed", meeting: "Met" } as const;

interface Loaded {
  pick: typeof picks.$inferSelect;
  nudge: typeof nudges.$inferSelect;
  accountName: string;
  /** The rep whose nudge holds the pick, and their manager. */
  owner: { id: number; name: string; managerId: number | null };
}

export async function performPickAction(
  ctx: AppContext,
  actor: Actor,
  input: { pickId: number; action: PickAction; dedupeKey?: string },
): Promise<PickActionResult> {
  const now = ctx.clock();
  const invalid = validate(input.action, now);
  if (invalid) return invalid;
  let afterCommit: (() => Promise<string>) | undefined;
  const result = await ctx.db.transaction(async (tx): Promise<PickActionResult> => {
    const loaded = await loadForUpdate(tx, input.pickId);
    if (!loaded || loaded.nudge.workspaceId !== actor.workspaceId) {
      return { ok: false, code: "NOT_FOUND", message: "That pick no longer exists." };
    }
    const isOwn = loaded.nudge.repId === actor.repId;
    const isTheirManager = loaded.owner.managerId === actor.repId || actor.role === "admin";
    if (!isOwn && !isTheirManager) {
      return {
        ok: false,
        code: "FORBIDDEN",
        message: "That pick is in someone else's nudge; you can act only on your own.",
      };
    }
    if (input.dedupeKey !== undefined) {
      const claimed = await tx
        .insert(handledRequests)
        .values({
          key: `pick-action:${actor.workspaceId}:${input.dedupeKey}`,
          workspaceId: actor.workspaceId,
          at: now,
        })
        .onConflictDoNothing()
        .returning({ key: handledRequests.key });
      if (claimed.length === 0) return { ok: true, message: "Already done.", nudgeId: loaded.nudge.id };
    }
    const outcome = await apply(tx, actor, loaded, input.action, now);
    if (outcome.ok && input.action.type === "not_mine") {
      afterCommit = () => tellManager(ctx, actor, loaded);
    }
    return outcome;
  });
  if (result.ok && afterCommit) {
    return { ...result, message: `${result.message} ${await afterCommit()}` };
  }
  return result;
}

function validate(action: PickAction, now: Date): Failure | undefined {
  const invalid = (message: string): Failure => ({ ok: false, code: "INVALID", message });
  switch (action.type) {
    case "log":
      if (!["call", "email", "meeting"].includes(action.channel))
        return invalid("Log a call, an email or a meeting.");
      if (action.note !== undefined && action.note.length > MAX_TEXT_LENGTH)
        return invalid(tooLong("The note"));
      return undefined;
    case "snooze":
      return Number.isInteger(action.days) && action.days >= 1 && action.days <= MAX_SNOOZE_DAYS
        ? undefined
        : invalid(`Snooze for 1 to ${MAX_SNOOZE_DAYS} days.`);
    case "note":
      if (action.note.trim() === "") return invalid("Write a note first.");
      return action.note.length > MAX_TEXT_LENGTH ? invalid(tooLong("The note")) : undefined;
    case "promise":
      if (action.what.trim() === "") return invalid("Say what you promised.");
      if (action.what.length > MAX_TEXT_LENGTH) return invalid(tooLong("The promise"));
      if (!(action.dueAt instanceof Date) || Number.isNaN(action.dueAt.getTime()))
        return invalid("Pick a due date.");
      return action.dueAt.getTime() > now.getTime()
        ? undefined
        : invalid("The due date is in the past; pick a later one.");
    case "not_mine":
    case "undo":
      return undefined;
    default:
      return invalid("Unknown action.");
  }
}

async function loadForUpdate(tx: Tx, pickId: number): Promise<Loaded | undefined> {
  if (!Number.isSafeInteger(pickId)) return undefined;
  // Locking the pick serializes double clicks: the second sees the first's result.
  const [pick] = await tx.select().from(picks).where(eq(picks.id, pickId)).for("update");
  if (!pick) return undefined;
  const [row] = await tx
    .select({ nudge: nudges, accountName: accounts.name, ownerName: reps.name, managerId: reps.managerId })
    .from(nudges)
    .innerJoin(reps, eq(reps.id, nudges.repId))
    .innerJoin(accounts, eq(accounts.id, pick.accountId))
    .where(eq(nudges.id, pick.nudgeId));
  if (!row) return undefined;
  return {
    pick,
    nudge: row.nudge,
    accountName: row.accountName,
    owner: { id: row.nudge.repId, name: row.ownerName, managerId: row.managerId },
  };
}

async function apply(
  tx: Tx,
  actor: Actor,
  loaded: Loaded,
  action: PickAction,
  now: Date,
): Promise<PickActionResult> {
  const { pick, nudge, accountName } = loaded;
  const ok = (message: string): PickActionResult => ({ ok: true, message, nudgeId: nudge.id });
  const finish = (status: "done" | "snoozed" | "skipped", checkinId: number | null) =>
    tx
      .update(picks)
      .set({ status, doneAt: now, doneByRepId: actor.repId, checkinId })
      .where(eq(picks.id, pick.id));
  const time = DateTime.fromJSDate(now, { zone: actor.timezone }).toFormat("HH:mm");

  switch (action.type) {
    case "log": {
      if (pick.status === "done") return ok(`${accountName} was already logged.`);
      const { checkIn } = await logCheckIn(tx, {
        workspaceId: actor.workspaceId,
        accountId: pick.accountId,
        repId: actor.repId,
        at: now,
        channel: action.channel,
        outcome: "connected",
        note: action.note,
        source: "nudge",
        pickId: pick.id,
      });
      await finish("done", checkIn.id);
      return ok(`${channelLabels[action.channel]} ${accountName}: logged at ${time}.`);
    }
    case "note": {
      if (pick.status === "done" && pick.checkinId !== null) {
        await attachNote(tx, pick.checkinId, pick.accountId, action.note);
        return ok(`Note added to the contact with ${accountName}.`);
      }
      // A note written on an open pick records that something happened with the account; how it
      // happened is unknown, so the contact's channel is "other" rather than a guess.
      const { checkIn } = await logCheckIn(tx, {
        workspaceId: actor.workspaceId,
        accountId: pick.accountId,
        repId: actor.repId,
        at: now,
        channel: "other",
        note: action.note,
        source: "nudge",
        pickId: pick.id,
      });
      await finish("done", checkIn.id);
      return ok(`Note logged for ${accountName} at ${time}.`);
    }
    case "snooze": {
      if (pick.status === "snoozed") return ok(`${accountName} was already snoozed.`);
      if (pick.status !== "open") return alreadyDone(loaded);
      const until = DateTime.fromJSDate(now, { zone: actor.timezone })
        .startOf("day")
        .plus({ days: action.days });
      await tx.insert(snoozes).values({
        workspaceId: actor.workspaceId,
        accountId: pick.accountId,
        repId: actor.repId,
        until: until.toISODate()!,
        createdAt: now,
      });
      await finish("snoozed", null);
      return ok(`${accountName} snoozed until ${until.toFormat("ccc d LLL")}.`);
    }
    case "promise": {
      await tx.insert(promises).values({
        workspaceId: actor.workspaceId,
        accountId: pick.accountId,
        repId: actor.repId,
        dueAt: action.dueAt,
        what: action.what.trim(),
        createdAt: now,
      });
      const due = DateTime.fromJSDate(action.dueAt, { zone: actor.timezone }).toFormat("ccc d LLL HH:mm");
      return ok(`Promise to ${accountName} saved: ${action.what.trim()}, due ${due}.`);
    }
    case "not_mine": {
      if (pick.status === "skipped") return ok(`${accountName} was already marked as not yours.`);
      if (pick.status !== "open") return alreadyDone(loaded);
      await finish("skipped", null);
      return ok(`${accountName} marked as not yours.`);
    }
    case "undo":
      return undo(tx, loaded, now, ok);
  }
}

async function undo(
  tx: Tx,
  { pick, accountName }: Loaded,
  now: Date,
  ok: (message: string) => PickActionResult,
): Promise<PickActionResult> {
  if (pick.status === "open" || pick.doneAt === null) return ok(`Nothing to undo for ${accountName}.`);
  if (now.getTime() - pick.doneAt.getTime() > UNDO_WINDOW_MS) {
    return {
      ok: false,
      code: "UNDO_EXPIRED",
      message: "Undo is offered for 5 minutes; this one is too old to take back.",
    };
  }
  if (pick.checkinId !== null) {
    const [checkIn] = await tx.select().from(checkins).where(eq(checkins.id, pick.checkinId));
    if (checkIn) await undoCheckIn(tx, checkIn);
  }
  if (pick.status === "snoozed") {
    await tx
      .delete(snoozes)
      .where(and(eq(snoozes.accountId, pick.accountId), eq(snoozes.createdAt, pick.doneAt)));
  }
  await tx
    .update(picks)
    .set({ status: "open", doneAt: null, doneByRepId: null, checkinId: null })
    .where(eq(picks.id, pick.id));
  return ok(`Undone: ${accountName} is open again.`);
}

async function attachNote(tx: Tx, checkinId: number, accountId: number, note: string): Promise<void> {
  const [updated] = await tx
    .update(checkins)
    .set({
      note: sql`case when ${checkins.note} is null or ${checkins.note} = '' then ${note} else ${checkins.note} || E'\n' || ${note} end`,
    })
    .where(eq(checkins.id, checkinId))
    .returning({ at: checkins.at, note: checkins.note });
  if (!updated) return;
  // The account shows the note of its latest contact; keep it in step when this is that contact.
  await tx
    .update(accounts)
    .set({ lastNote: updated.note })
    .where(and(eq(accounts.id, accountId), eq(accounts.lastContactAt, updated.at)));
}

function alreadyDone({ pick, accountName }: Loaded): Failure {
  const what =
    pick.status === "done" ? "logged" : pick.status === "snoozed" ? "snoozed" : "marked as not yours";
  return { ok: false, code: "ALREADY_DONE", message: `${accountName} is already ${what}; undo that first.` };
}

async function tellManager(ctx: AppContext, actor: Actor, loaded: Loaded): Promise<string> {
  const managerId = loaded.owner.managerId;
  if (managerId === null) return "No manager is set for you; ask an admin to reassign it.";
  if (managerId === actor.repId) return "";
  const told = await notifyRep(ctx, managerId, {
    kind: "info",
    title: "Not my account",
    lines: [
      `${loaded.owner.name} says *${loaded.accountName}* is not their account.`,
      `Reassign it with \`/retention assign #${loaded.pick.accountId} @rep\`.`,
    ],
  });
  return told ? "Your manager has been told." : "Your manager could not be reached; tell them yourself.";
}

function tooLong(what: string): string {
  return `${what} is too long; the limit is ${MAX_TEXT_LENGTH.toLocaleString("en-US")} characters.`;
}
