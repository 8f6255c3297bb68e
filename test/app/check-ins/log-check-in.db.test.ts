import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { logCheckIn, undoCheckIn } from "../../../src/app/check-ins/log-check-in.js";
import { accounts, checkins, departures, picks, promises } from "../../../src/storage/schema.js";
import { createAccount, createPromise, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createNudge } from "../commands/support.js";

describe("logCheckIn", () => {
  const t = useTestDatabase();
  let repId: number;
  let otherRepId: number;
  let accountId: number;
  const before = new Date("2026-06-01T09:00:00Z");

  beforeEach(async () => {
    repId = (await createRep(t.db, t.workspaceId, { timezone: "America/New_York" })).id;
    otherRepId = (await createRep(t.db, t.workspaceId)).id;
    accountId = (
      await createAccount(t.db, t.workspaceId, {
        ownerRepId: repId,
        lastContactAt: before,
        lastChannel: "call",
      })
    ).id;
  });

  const account = async () => (await t.db.select().from(accounts).where(eq(accounts.id, accountId)))[0]!;
  const base = () => ({ workspaceId: t.workspaceId, accountId, repId });

  it.each(["nudge", "command", "import"] as const)(
    "a contact logged from %s restarts the account's cadence",
    async (source) => {
      const at = new Date("2026-06-10T15:00:00Z");
      await logCheckIn(t.db, { ...base(), at, channel: "email", note: "sent figures", source });
      expect(await account()).toMatchObject({
        lastContactAt: at,
        lastChannel: "email",
        lastNote: "sent figures",
      });
    },
  );

  it("history older than the last contact is stored but does not move the account backwards", async () => {
    await logCheckIn(t.db, {
      ...base(),
      at: new Date("2026-05-01T09:00:00Z"),
      channel: "email",
      source: "import",
    });
    expect((await account()).lastContactAt).toEqual(before);
    expect(await t.db.select().from(checkins)).toHaveLength(1);
  });

  it("an at_risk or issue_raised outcome becomes the account's last outcome (its risk)", async () => {
    await logCheckIn(t.db, {
      ...base(),
      at: new Date("2026-06-10T15:00:00Z"),
      channel: "call",
      outcome: "at_risk",
      source: "command",
    });
    expect((await account()).lastOutcome).toBe("at_risk");
    await logCheckIn(t.db, {
      ...base(),
      at: new Date("2026-06-11T15:00:00Z"),
      channel: "call",
      outcome: "issue_raised",
      source: "nudge",
    });
    expect((await account()).lastOutcome).toBe("issue_raised");
  });

  it("a meeting or a video call counts as a relationship review; a call does not", async () => {
    await logCheckIn(t.db, {
      ...base(),
      at: new Date("2026-06-10T15:00:00Z"),
      channel: "call",
      source: "command",
    });
    expect((await account()).lastReviewAt).toBeNull();
    const met = new Date("2026-06-11T15:00:00Z");
    await logCheckIn(t.db, { ...base(), at: met, channel: "video", source: "command" });
    expect((await account()).lastReviewAt).toEqual(met);
  });

  it("an open pick for the account on the contact's local date becomes done; another day's pick stays open", async () => {
    const today = await createNudge(t.db, t.workspaceId, {
      repId,
      localDate: "2026-06-10",
      accountIds: [accountId],
    });
    const yesterday = await createNudge(t.db, t.workspaceId, {
      repId,
      localDate: "2026-06-09",
      accountIds: [accountId],
    });
    // 01:00 UTC on 11 June is still 10 June in New York.
    const { checkIn } = await logCheckIn(t.db, {
      ...base(),
      at: new Date("2026-06-11T01:00:00Z"),
      channel: "call",
      source: "command",
    });
    const rows = await t.db.select().from(picks);
    expect(rows.find((p) => p.id === today.pickIds[0])).toMatchObject({
      status: "done",
      checkinId: checkIn.id,
      doneByRepId: repId,
    });
    expect(rows.find((p) => p.id === yesterday.pickIds[0])!.status).toBe("open");
  });

  it("a promise due by the end of the contact's day is kept when its own rep makes the contact, not another rep", async () => {
    const due = await createPromise(t.db, t.workspaceId, {
      accountId,
      repId,
      dueAt: new Date("2026-06-10T21:00:00Z"),
    });
    const later = await createPromise(t.db, t.workspaceId, {
      accountId,
      repId,
      dueAt: new Date("2026-06-20T21:00:00Z"),
    });
    await logCheckIn(t.db, {
      ...base(),
      repId: otherRepId,
      at: new Date("2026-06-10T14:00:00Z"),
      channel: "call",
      source: "command",
    });
    expect((await t.db.select().from(promises).where(eq(promises.id, due.id)))[0]!.status).toBe("open");
    await logCheckIn(t.db, {
      ...base(),
      at: new Date("2026-06-10T14:00:00Z"),
      channel: "call",
      source: "command",
    });
    const rows = await t.db.select().from(promises);
    expect(rows.find((p) => p.id === due.id)!.status).toBe("kept");
    expect(rows.find((p) => p.id === later.id)!.status).toBe("open");
  });

  it("on a lost account, the first contact by someone other than the owner is the exit interview; later ones are win-backs", async () => {
    await t.db.update(accounts).set({ status: "lost" }).where(eq(accounts.id, accountId));
    await t.db.insert(departures).values({
      workspaceId: t.workspaceId,
      accountId,
      reason: "price",
      lostOn: "2026-06-01",
      exitInterviewRepId: otherRepId,
    });
    const interview = new Date("2026-06-05T10:00:00Z");
    await logCheckIn(t.db, {
      ...base(),
      repId: otherRepId,
      at: interview,
      channel: "call",
      note: "too expensive",
      source: "command",
    });
    expect((await t.db.select().from(departures))[0]).toMatchObject({
      exitInterviewAt: interview,
      exitInterviewNote: "too expensive",
      lastWinBackAt: null,
    });
    const winBack = new Date("2026-09-05T10:00:00Z");
    const { checkIn } = await logCheckIn(t.db, { ...base(), at: winBack, channel: "email", source: "nudge" });
    expect((await t.db.select().from(departures))[0]).toMatchObject({
      exitInterviewAt: interview,
      lastWinBackAt: winBack,
    });
    await undoCheckIn(t.db, checkIn, new Date("2026-09-05T10:01:00Z"));
    expect((await t.db.select().from(departures))[0]).toMatchObject({
      exitInterviewAt: interview,
      lastWinBackAt: null,
    });
  });

  it("a check-in whose external id was logged before is not logged again", async () => {
    const input = {
      ...base(),
      at: new Date("2026-06-10T14:00:00Z"),
      channel: "call" as const,
      source: "import" as const,
      externalId: "X-1",
    };
    const first = await logCheckIn(t.db, input);
    const second = await logCheckIn(t.db, input);
    expect(second).toEqual({ checkIn: first.checkIn, inserted: false });
    expect(await t.db.select().from(checkins)).toHaveLength(1);
  });
});
