import { describe, expect, it } from "vitest";
import { loadNudgeView, UNDO_WINDOW_MS } from "../../../src/app/nudges/nudge-view.js";
import { accounts, checkins, nudges, picks, promises, reps } from "../../../src/storage/schema.js";
import { useTestDatabase } from "../../support/database.js";

describe("the nudge a rep sees", () => {
  const t = useTestDatabase();

  async function seed() {
    const ws = t.workspaceId;
    const [ana] = await t.db
      .insert(reps)
      .values({ workspaceId: ws, email: "ana@acme.test", name: "Ana", timezone: null })
      .returning();
    const [globex, initech] = await t.db
      .insert(accounts)
      .values([
        {
          workspaceId: ws,
          externalId: "G1",
          name: "Globex",
          ownerRepId: ana!.id,
          annualRevenue: 900_000,
          lastContactAt: new Date("2026-10-01T15:00:00Z"),
          lastChannel: "call",
          lastNote: "asked about Q1 pricing",
          contactName: "Hank Scorpio",
          contactPhone: "+1 555 0100",
        },
        { workspaceId: ws, externalId: "I1", name: "Initech", ownerRepId: ana!.id, annualRevenue: 50_000 },
      ])
      .returning();
    const [promise] = await t.db
      .insert(promises)
      .values({
        workspaceId: ws,
        accountId: initech!.id,
        repId: ana!.id,
        dueAt: new Date("2026-11-23T16:00:00Z"),
        what: "send the figures",
      })
      .returning();
    const [nudge] = await t.db
      .insert(nudges)
      .values({ workspaceId: ws, repId: ana!.id, localDate: "2026-11-23", status: "sent", moreDue: 3 })
      .returning();
    const [checkin] = await t.db
      .insert(checkins)
      .values({
        workspaceId: ws,
        accountId: globex!.id,
        repId: ana!.id,
        at: new Date("2026-11-23T14:00:00Z"),
        channel: "call",
        source: "nudge",
      })
      .returning();
    await t.db.insert(picks).values([
      {
        workspaceId: ws,
        nudgeId: nudge!.id,
        accountId: initech!.id,
        position: 1,
        kind: "promise",
        reason: "You promised: send the figures (due today 4:00 PM)",
        promiseId: promise!.id,
      },
      {
        workspaceId: ws,
        nudgeId: nudge!.id,
        accountId: globex!.id,
        position: 2,
        kind: "due",
        reason: "Top 10% by revenue · 53 days since last call (every 7)",
        status: "done",
        doneAt: new Date("2026-11-23T14:00:00Z"),
        doneByRepId: ana!.id,
        checkinId: checkin!.id,
      },
    ]);
    return { nudgeId: nudge!.id };
  }

  it("lists the picks in order, with their reason, last contact and contact person", async () => {
    const { nudgeId } = await seed();
    const view = await loadNudgeView(t.db, nudgeId, new Date("2026-11-23T14:01:00Z"));
    expect(view?.recipient).toMatchObject({ name: "Ana", email: "ana@acme.test", timezone: "UTC" });
    expect(view?.moreCount).toBe(3);
    expect(view?.picks.map((p) => p.accountName)).toEqual(["Initech", "Globex"]);
    const [promisePick, globex] = view!.picks;
    expect(promisePick).toMatchObject({ kind: "promise", status: "open", done: null });
    expect(promisePick!.promise).toEqual({
      what: "send the figures",
      dueAt: new Date("2026-11-23T16:00:00Z"),
    });
    expect(globex!.lastContact).toEqual({
      at: new Date("2026-10-01T15:00:00Z"),
      channel: "call",
      note: "asked about Q1 pricing",
    });
    expect(globex!.contact).toEqual({ name: "Hank Scorpio", email: null, phone: "+1 555 0100" });
  });

  it("shows a done pick as done, by whom, and offers Undo only within its window", async () => {
    const { nudgeId } = await seed();
    const doneAt = new Date("2026-11-23T14:00:00Z").getTime();
    const soon = await loadNudgeView(t.db, nudgeId, new Date(doneAt + 60_000));
    expect(soon!.picks[1]!.done).toEqual({
      byName: "Ana",
      at: new Date(doneAt),
      label: "Called",
      undoUntil: new Date(doneAt + UNDO_WINDOW_MS),
    });
    const later = await loadNudgeView(t.db, nudgeId, new Date(doneAt + UNDO_WINDOW_MS + 1));
    expect(later!.picks[1]!.done?.undoUntil).toBeNull();
  });

  it("answers undefined for a nudge that does not exist", async () => {
    expect(await loadNudgeView(t.db, 999, new Date())).toBeUndefined();
  });
});
