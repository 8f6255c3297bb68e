import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../src/app/actors.js";
import { performPickAction } from "../../src/app/pick-actions.js";
import { planReps } from "../../src/app/planning/plan-reps.js";
import type { Actor } from "../../src/app/ports.js";
import { plainText } from "../../src/domain/rich-text.js";
import { accounts, checkins, handledRequests, picks, promises, snoozes } from "../../src/storage/schema.js";
import { createAccount, createPromise, createRep, createWorkspace } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { createNudge, testContext } from "./commands/support.js";

/** The use case's answer as a user reads it: the rich-text marks of the message removed. */
async function act(...args: Parameters<typeof performPickAction>) {
  const result = await performPickAction(...args);
  return { ...result, message: plainText(result.message) };
}

describe("pick actions", () => {
  const t = useTestDatabase();
  let env: ReturnType<typeof testContext>;
  let ana: Actor;
  let bo: Actor;
  let mia: Actor;
  let accountId: number;
  let pickId: number;
  const imported = new Date("2026-05-01T10:00:00Z");

  beforeEach(async () => {
    env = testContext(t, "2026-06-15T08:00:00Z");
    const manager = await createRep(t.db, t.workspaceId, { name: "Mia", role: "manager" });
    const a = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      managerId: manager.id,
      timezone: "Europe/Berlin",
    });
    const b = await createRep(t.db, t.workspaceId, { name: "Bo" });
    ana = (await actorForRep(t.db, t.workspaceId, a.id))!;
    bo = (await actorForRep(t.db, t.workspaceId, b.id))!;
    mia = (await actorForRep(t.db, t.workspaceId, manager.id))!;
    const account = await createAccount(t.db, t.workspaceId, {
      ownerRepId: a.id,
      name: "Acme",
      lastContactAt: imported,
      lastChannel: "email",
      lastNote: "imported",
    });
    accountId = account.id;
    const nudge = await createNudge(t.db, t.workspaceId, {
      repId: a.id,
      localDate: "2026-06-15",
      accountIds: [accountId],
    });
    pickId = nudge.pickIds[0]!;
  });

  const checkInCount = async () => (await t.db.select().from(checkins)).length;
  const pick = async () => (await t.db.select().from(picks).where(eq(picks.id, pickId)))[0]!;
  const account = async () => (await t.db.select().from(accounts).where(eq(accounts.id, accountId)))[0]!;

  it("when a rep clicks Called, a check-in is logged, the pick is done by them, and the cadence restarts", async () => {
    const result = await act(env.ctx, ana, {
      pickId,
      action: { type: "log", channel: "call" },
    });
    expect(result).toEqual({
      ok: true,
      message: "Called Acme: logged at 10:00.",
      nudgeId: expect.any(Number),
    });
    const [checkIn] = await t.db.select().from(checkins);
    expect(checkIn).toMatchObject({
      channel: "call",
      outcome: "connected",
      source: "nudge",
      repId: ana.repId,
      pickId,
    });
    expect(await pick()).toMatchObject({ status: "done", doneByRepId: ana.repId, checkinId: checkIn!.id });
    expect((await account()).lastContactAt).toEqual(new Date("2026-06-15T08:00:00Z"));
  });

  it("when a rep clicks Called twice, one check-in is logged", async () => {
    await act(env.ctx, ana, { pickId, action: { type: "log", channel: "call" } });
    const second = await act(env.ctx, ana, {
      pickId,
      action: { type: "log", channel: "call" },
    });
    expect(second).toMatchObject({ ok: true, message: "Acme was already logged." });
    expect(await checkInCount()).toBe(1);
  });

  it("when two clicks arrive at once, one check-in is logged", async () => {
    await Promise.all([
      act(env.ctx, ana, { pickId, action: { type: "log", channel: "call" } }),
      act(env.ctx, ana, { pickId, action: { type: "log", channel: "email" } }),
    ]);
    expect(await checkInCount()).toBe(1);
  });

  it("when the platform retries a click with the same dedupe key, even after an undo, nothing is logged again", async () => {
    const click = { pickId, action: { type: "log", channel: "call" } as const, dedupeKey: "slack:123.456" };
    await act(env.ctx, ana, click);
    await act(env.ctx, ana, { pickId, action: { type: "undo" }, dedupeKey: "slack:123.999" });
    const replay = await act(env.ctx, ana, click);
    expect(replay).toMatchObject({ ok: true, message: "Already done." });
    expect(await checkInCount()).toBe(0);
    expect((await pick()).status).toBe("open");
    expect(await t.db.select().from(handledRequests)).toHaveLength(2);
  });

  it("when a rep clicks another rep's pick, they are refused and nothing changes", async () => {
    const result = await act(env.ctx, bo, {
      pickId,
      action: { type: "log", channel: "call" },
      dedupeKey: "forged",
    });
    expect(result).toMatchObject({ ok: false, code: "FORBIDDEN" });
    expect(await checkInCount()).toBe(0);
    expect((await pick()).status).toBe("open");
    expect(await t.db.select().from(handledRequests)).toHaveLength(0);
  });

  it("a pick of another workspace is as if it did not exist", async () => {
    const other = await createWorkspace(t.db);
    const stranger = await createRep(t.db, other, { role: "admin" });
    const actor = (await actorForRep(t.db, other, stranger.id))!;
    const result = await act(env.ctx, actor, { pickId, action: { type: "not_mine" } });
    expect(result).toMatchObject({ ok: false, code: "NOT_FOUND" });
    expect((await pick()).status).toBe("open");
  });

  it("the rep's manager may log on the rep's pick, and is recorded as the one who did it", async () => {
    const result = await act(env.ctx, mia, {
      pickId,
      action: { type: "log", channel: "meeting" },
    });
    expect(result.ok).toBe(true);
    expect(await pick()).toMatchObject({ status: "done", doneByRepId: mia.repId });
  });

  it("Undo within five minutes deletes the check-in, reopens the pick and the promise, and restores the last contact", async () => {
    const promise = await createPromise(t.db, t.workspaceId, {
      accountId,
      repId: ana.repId,
      dueAt: new Date("2026-06-15T07:00:00Z"),
    });
    await act(env.ctx, ana, { pickId, action: { type: "log", channel: "call" } });
    expect((await t.db.select().from(promises))[0]!.status).toBe("kept");
    env.setNow("2026-06-15T08:04:59Z");
    const result = await act(env.ctx, ana, { pickId, action: { type: "undo" } });
    expect(result).toMatchObject({ ok: true, message: "Undone: Acme is open again." });
    expect(await checkInCount()).toBe(0);
    expect(await pick()).toMatchObject({ status: "open", doneAt: null, doneByRepId: null, checkinId: null });
    expect(await account()).toMatchObject({
      lastContactAt: imported,
      lastChannel: "email",
      lastNote: "imported",
    });
    expect((await t.db.select().from(promises).where(eq(promises.id, promise.id)))[0]!.status).toBe("open");
  });

  it("Undo after five minutes is refused and the contact stays logged", async () => {
    await act(env.ctx, ana, { pickId, action: { type: "log", channel: "call" } });
    env.setNow("2026-06-15T08:05:01Z");
    const result = await act(env.ctx, ana, { pickId, action: { type: "undo" } });
    expect(result).toMatchObject({ ok: false, code: "UNDO_EXPIRED" });
    expect(await checkInCount()).toBe(1);
    expect((await pick()).status).toBe("done");
  });

  it("Snooze 1 week leaves the account out until seven local days from today, and Undo takes it back", async () => {
    env.setNow("2026-06-14T22:30:00Z"); // already Monday 15 June in Berlin
    const result = await act(env.ctx, ana, { pickId, action: { type: "snooze", days: 7 } });
    expect(result).toMatchObject({ ok: true, message: "Acme snoozed until Mon 22 Jun." });
    expect(await t.db.select({ until: snoozes.until, accountId: snoozes.accountId }).from(snoozes)).toEqual([
      { until: "2026-06-22", accountId },
    ]);
    expect((await pick()).status).toBe("snoozed");
    await act(env.ctx, ana, { pickId, action: { type: "undo" } });
    expect(await t.db.select().from(snoozes)).toHaveLength(0);
    expect((await pick()).status).toBe("open");
  });

  it("a snoozed account is left out of the plans until the snooze ends", async () => {
    await act(env.ctx, ana, { pickId, action: { type: "snooze", days: 7 } });
    const planned = async (date: string) => {
      const { plans } = await planReps(t.db, {
        workspaceId: t.workspaceId,
        date,
        now: new Date(`${date}T07:00:00Z`),
        repIds: [ana.repId],
      });
      return plans.flatMap((p) => p.picks.map((pick) => pick.accountId));
    };
    expect(await planned("2026-06-16")).not.toContain(accountId);
    expect(await planned("2026-06-22")).toContain(accountId);
  });

  it("a note on an open pick logs a contact of channel `other` with the note", async () => {
    await act(env.ctx, ana, {
      pickId,
      action: { type: "note", note: "on holiday until July" },
    });
    expect(await t.db.select({ channel: checkins.channel, note: checkins.note }).from(checkins)).toEqual([
      { channel: "other", note: "on holiday until July" },
    ]);
    expect((await account()).lastNote).toBe("on holiday until July");
  });

  it("a note on a done pick is added to its contact, not logged as another", async () => {
    await act(env.ctx, ana, {
      pickId,
      action: { type: "log", channel: "call", note: "spoke to Jo" },
    });
    await act(env.ctx, ana, { pickId, action: { type: "note", note: "wants a quote" } });
    expect(await t.db.select({ note: checkins.note }).from(checkins)).toEqual([
      { note: "spoke to Jo\nwants a quote" },
    ]);
    expect((await account()).lastNote).toBe("spoke to Jo\nwants a quote");
  });

  it("Promise follow-up saves a promise; one in the past is refused", async () => {
    const dueAt = new Date("2026-06-16T14:00:00Z");
    const result = await act(env.ctx, ana, {
      pickId,
      action: { type: "promise", dueAt, what: "send the figures" },
    });
    expect(result).toMatchObject({
      ok: true,
      message: "Promise to Acme saved: send the figures, due Tue 16 Jun 16:00.",
    });
    expect(await t.db.select({ what: promises.what, dueAt: promises.dueAt }).from(promises)).toEqual([
      { what: "send the figures", dueAt },
    ]);
    const past = await act(env.ctx, ana, {
      pickId,
      action: { type: "promise", dueAt: new Date("2026-06-14T00:00:00Z"), what: "x" },
    });
    expect(past).toMatchObject({ ok: false, code: "INVALID" });
  });

  it("Not my account skips the pick and tells the rep's manager", async () => {
    const result = await act(env.ctx, ana, { pickId, action: { type: "not_mine" } });
    expect(result).toMatchObject({
      ok: true,
      message: "Acme marked as not yours. Your manager has been told.",
    });
    expect((await pick()).status).toBe("skipped");
    expect(env.channel.notified).toHaveLength(1);
    expect(env.channel.notified[0]!.recipient.repId).toBe(mia.repId);
    expect(plainText(JSON.stringify(env.channel.notified[0]!.reply))).toContain(
      "Ana says *Acme* is not their account.",
    );
  });

  it("when the manager cannot be told, the pick is still skipped and the rep is told so", async () => {
    env.ctx.channels = [
      {
        ...env.channel,
        notify: async () => {
          throw new Error("channel_not_found");
        },
      },
    ];
    const result = await act(env.ctx, ana, { pickId, action: { type: "not_mine" } });
    expect(result).toMatchObject({ ok: true, message: expect.stringContaining("could not be reached") });
    expect((await pick()).status).toBe("skipped");
  });

  it("an over-long note is refused with the limit and nothing is logged", async () => {
    const result = await act(env.ctx, ana, {
      pickId,
      action: { type: "note", note: "x".repeat(2001) },
    });
    expect(result).toEqual({
      ok: false,
      code: "INVALID",
      message: "The note is too long; the limit is 2,000 characters.",
    });
    expect(await checkInCount()).toBe(0);
  });

  it("a pick that does not exist is NOT_FOUND", async () => {
    expect(await act(env.ctx, ana, { pickId: 999_999, action: { type: "undo" } })).toMatchObject({
      ok: false,
      code: "NOT_FOUND",
    });
  });
});
