import { describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import {
  createAccount,
  createHoliday,
  createRep,
  createWorkspace,
  type RepInput,
  setWorkspaceSettings,
} from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, picksOf, simplePlanner } from "./helpers.js";

// 2026-03-09 is a Monday; Berlin is UTC+1 that week, so 08:00Z is 09:00 local.
const MONDAY_0900_BERLIN = new Date("2026-03-09T08:00:00Z");

describe("the daily run: who gets a nudge, and when", () => {
  const t = useTestDatabase();

  async function repWithBook(input: RepInput = {}, workspaceId = t.workspaceId) {
    const rep = await createRep(t.db, workspaceId, { timezone: "Europe/Berlin", ...input });
    await createAccount(t.db, workspaceId, { ownerRepId: rep.id, name: "Globex", annualRevenue: 900_000 });
    await createAccount(t.db, workspaceId, { ownerRepId: rep.id, name: "Initech", annualRevenue: 50_000 });
    return rep;
  }

  async function pass(at: Date | string, channel = createRecordingChannel()) {
    const now = typeof at === "string" ? new Date(at) : at;
    const summary = await runMorning(makeContext(t.db, [channel], now), now, { planner: simplePlanner });
    return { summary, channel };
  }

  it("at 09:00 local on a working day, a rep gets one nudge with their picks, and later passes send nothing more", async () => {
    const rep = await repWithBook();
    const first = await pass(MONDAY_0900_BERLIN);
    expect(first.summary).toMatchObject({ sent: 1, empty: 0, missed: 0 });
    expect(first.channel.sent).toHaveLength(1);
    expect(first.channel.sent[0]!.recipient.email).toBe(rep.email);
    expect(first.channel.sent[0]!.localDate).toBe("2026-03-09");
    expect(first.channel.sent[0]!.picks.map((p) => p.accountName)).toEqual(["Globex", "Initech"]);

    const later = await pass("2026-03-09T08:01:00Z");
    const evenLater = await pass("2026-03-09T10:30:00Z");
    expect(later.channel.sent).toHaveLength(0);
    expect(evenLater.channel.sent).toHaveLength(0);

    const [nudge] = await allNudges(t.db);
    expect(nudge).toMatchObject({ status: "sent", localDate: "2026-03-09", attempts: 1, lastError: null });
    // Sent at the pass's instant (plus the moments the pass itself took).
    expect(nudge!.sentAt!.getTime() - MONDAY_0900_BERLIN.getTime()).toBeGreaterThanOrEqual(0);
    expect(nudge!.sentAt!.getTime() - MONDAY_0900_BERLIN.getTime()).toBeLessThan(10_000);
    expect(nudge!.messageRef).toEqual({ platform: "log", ts: "1" });
    expect((await picksOf(t.db, nudge!.id)).map((p) => p.status)).toEqual(["open", "open"]);
  });

  it("before the rep's nudge hour nothing is sent and nothing is recorded", async () => {
    await repWithBook();
    const { summary, channel } = await pass("2026-03-09T07:59:00Z");
    expect(channel.sent).toHaveLength(0);
    expect(summary).toEqual({ sent: 0, empty: 0, missed: 0, paused: 0, failed: 0, retried: 0 });
    expect(await allNudges(t.db)).toHaveLength(0);
  });

  it("a rep's own nudge hour and zone win over the workspace's", async () => {
    await setWorkspaceSettings(t.db, t.workspaceId, { timezone: "America/New_York", nudgeHour: 8 });
    const early = await repWithBook({ timezone: null, nudgeHour: 7 });
    await repWithBook({ timezone: "Asia/Tokyo", nudgeHour: 10 });
    // 12:00Z = 07:00 in New York (EDT since 03-08) and 21:00 in Tokyo (past its cut-off).
    const { summary, channel } = await pass("2026-03-09T11:00:00Z");
    expect(channel.sent.map((n) => n.recipient.repId)).toEqual([early.id]);
    expect(summary).toMatchObject({ sent: 1, missed: 1 });
  });

  it("when the service was down at 09:00, the nudge goes out when it is back before the cut-off", async () => {
    await repWithBook();
    const { summary, channel } = await pass("2026-03-09T10:30:00Z"); // 11:30 in Berlin
    expect(summary.sent).toBe(1);
    expect(channel.sent).toHaveLength(1);
  });

  it("after the cut-off the day is recorded as missed, once, and nothing is sent", async () => {
    await repWithBook();
    const first = await pass("2026-03-09T11:00:00Z"); // 12:00 in Berlin: the default cut-off
    const second = await pass("2026-03-09T15:00:00Z");
    expect(first.summary).toMatchObject({ sent: 0, missed: 1 });
    expect(second.summary).toMatchObject({ sent: 0, missed: 0 });
    expect(first.channel.sent).toHaveLength(0);
    expect((await allNudges(t.db)).map((n) => [n.localDate, n.status])).toEqual([["2026-03-09", "missed"]]);
  });

  it("the workspace's cut-off setting moves the last moment of catch-up", async () => {
    await setWorkspaceSettings(t.db, t.workspaceId, { cutoffHour: 15 });
    await repWithBook();
    const { summary } = await pass("2026-03-09T13:30:00Z"); // 14:30 in Berlin
    expect(summary.sent).toBe(1);
  });

  it("a rep who chose a nudge hour after the cut-off still gets their nudge", async () => {
    await repWithBook({ nudgeHour: 14 });
    const { summary } = await pass("2026-03-09T13:00:00Z"); // 14:00 in Berlin
    expect(summary.sent).toBe(1);
  });

  it("on a weekend nobody gets a nudge and nothing is recorded", async () => {
    await repWithBook();
    const saturday = await pass("2026-03-07T09:00:00Z");
    const sunday = await pass("2026-03-08T09:00:00Z");
    expect(saturday.channel.sent).toHaveLength(0);
    expect(sunday.channel.sent).toHaveLength(0);
    expect(await allNudges(t.db)).toHaveLength(0);
  });

  it("a rep with a Sunday-Thursday week gets a nudge on Sunday and none on Friday", async () => {
    await repWithBook({ timezone: "Asia/Jerusalem", workingDays: [7, 1, 2, 3, 4] });
    const sunday = await pass("2026-03-08T07:30:00Z"); // 09:30 in Jerusalem (UTC+2)
    const friday = await pass("2026-03-13T07:30:00Z");
    expect(sunday.channel.sent.map((n) => n.localDate)).toEqual(["2026-03-08"]);
    expect(friday.channel.sent).toHaveLength(0);
  });

  it("a workspace whose week is Sunday-Thursday nudges its reps on Sunday, not on Friday", async () => {
    await setWorkspaceSettings(t.db, t.workspaceId, {
      timezone: "Asia/Riyadh",
      workingDays: [7, 1, 2, 3, 4],
    });
    await repWithBook({ timezone: null });
    const sunday = await pass("2026-03-08T06:30:00Z"); // 09:30 in Riyadh (UTC+3)
    const friday = await pass("2026-03-13T06:30:00Z");
    expect(sunday.summary.sent).toBe(1);
    expect(friday.summary.sent).toBe(0);
  });

  it("on a workspace holiday nobody gets a nudge, and the next working day they do", async () => {
    await createHoliday(t.db, t.workspaceId, "2026-03-09", "Founders' day");
    await repWithBook();
    const holiday = await pass(MONDAY_0900_BERLIN);
    const tuesday = await pass("2026-03-10T08:00:00Z");
    expect(holiday.channel.sent).toHaveLength(0);
    expect(tuesday.channel.sent.map((n) => n.localDate)).toEqual(["2026-03-10"]);
  });

  it("another workspace's holiday does not stop this workspace's reps", async () => {
    const other = await createWorkspace(t.db);
    await createHoliday(t.db, other, "2026-03-09");
    await repWithBook();
    const { summary } = await pass(MONDAY_0900_BERLIN);
    expect(summary.sent).toBe(1);
  });

  it("a paused rep gets no message; the day is recorded as paused, once", async () => {
    await repWithBook({ pausedUntil: "2026-03-13" });
    const first = await pass(MONDAY_0900_BERLIN);
    const again = await pass("2026-03-09T09:00:00Z");
    expect(first.channel.sent).toHaveLength(0);
    expect(first.summary).toMatchObject({ paused: 1, sent: 0 });
    expect(again.summary.paused).toBe(0);
    expect((await allNudges(t.db)).map((n) => n.status)).toEqual(["paused"]);
  });

  it("a rep whose pause ended yesterday gets their nudge again", async () => {
    await repWithBook({ pausedUntil: "2026-03-08" });
    const { summary } = await pass(MONDAY_0900_BERLIN);
    expect(summary.sent).toBe(1);
  });

  it("a rep with nothing due gets no message; the day is recorded as empty", async () => {
    const rep = await createRep(t.db, t.workspaceId, { timezone: "Europe/Berlin" });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      lastContactAt: new Date("2026-03-06T10:00:00Z"),
    });
    const { summary, channel } = await pass(MONDAY_0900_BERLIN);
    expect(channel.sent).toHaveLength(0);
    expect(summary).toMatchObject({ sent: 0, empty: 1 });
    expect((await allNudges(t.db)).map((n) => n.status)).toEqual(["empty"]);
  });

  it("due accounts beyond the handful are counted as rolling forward", async () => {
    const rep = await createRep(t.db, t.workspaceId, { timezone: "Europe/Berlin" });
    for (let i = 0; i < 8; i++) await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id });
    const { channel } = await pass(MONDAY_0900_BERLIN);
    expect(channel.sent[0]!.picks).toHaveLength(5);
    expect(channel.sent[0]!.moreCount).toBe(3);
  });

  it("reps of every workspace are served in the same pass", async () => {
    const other = await createWorkspace(t.db, { settings: { timezone: "Europe/Berlin" } });
    await repWithBook();
    await repWithBook({ timezone: null }, other);
    const { summary, channel } = await pass(MONDAY_0900_BERLIN);
    expect(summary.sent).toBe(2);
    expect(new Set(channel.sent.map((n) => n.recipient.workspaceId))).toEqual(
      new Set([t.workspaceId, other]),
    );
  });

  it("a rep whose time zone is unknown is left out without stopping the others", async () => {
    await repWithBook({ timezone: "Mars/Olympus_Mons" });
    await repWithBook();
    const { summary } = await pass(MONDAY_0900_BERLIN);
    expect(summary.sent).toBe(1);
  });
});
