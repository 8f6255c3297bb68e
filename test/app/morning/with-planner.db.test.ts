import { describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { createAccount, createCheckIn, createPromise, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, picksOf } from "./helpers.js";

// A Monday, 09:05 in the workspace's UTC. These tests use the real planner (the default).
const NOW = new Date("2026-03-09T09:05:00Z");
const daysAgo = (n: number) => new Date(NOW.getTime() - n * 86_400_000);

describe("the daily run with the real planner", () => {
  const t = useTestDatabase();

  async function pass() {
    const channel = createRecordingChannel();
    const summary = await runMorning(makeContext(t.db, [channel], NOW), NOW);
    return { summary, channel };
  }

  it("a rep whose accounts were all contacted within their cadence gets no message that day", async () => {
    const rep = await createRep(t.db, t.workspaceId);
    // Reviewed last month too, so that no relationship review is due either.
    const account = await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      lastReviewAt: daysAgo(30),
    });
    await createCheckIn(t.db, t.workspaceId, { accountId: account.id, repId: rep.id, at: daysAgo(1) });
    const { summary, channel } = await pass();
    expect(channel.sent).toHaveLength(0);
    expect(summary).toMatchObject({ sent: 0, empty: 1 });
    expect((await allNudges(t.db)).map((n) => n.status)).toEqual(["empty"]);
  });

  it("a due account is sent with its reason, and saved as an open pick of the day's nudge", async () => {
    const rep = await createRep(t.db, t.workspaceId, { email: "ana@acme.test" });
    const account = await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, name: "Globex" });
    await createCheckIn(t.db, t.workspaceId, { accountId: account.id, repId: rep.id, at: daysAgo(40) });
    const { channel } = await pass();
    expect(channel.sent).toHaveLength(1);
    const [pick] = channel.sent[0]!.picks;
    expect(pick).toMatchObject({ accountName: "Globex", status: "open" });
    expect(pick!.reason.length).toBeGreaterThan(0);
    const [nudge] = await allNudges(t.db);
    expect(await picksOf(t.db, nudge!.id)).toEqual([{ accountId: account.id, status: "open" }]);
  });

  it("a promise due today comes first in the nudge", async () => {
    const rep = await createRep(t.db, t.workspaceId);
    const big = await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      name: "Big",
      annualRevenue: 5e6,
    });
    const small = await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      name: "Small",
      annualRevenue: 1e4,
    });
    await createCheckIn(t.db, t.workspaceId, { accountId: small.id, repId: rep.id, at: daysAgo(2) });
    await createPromise(t.db, t.workspaceId, {
      accountId: small.id,
      repId: rep.id,
      dueAt: new Date("2026-03-09T15:00:00Z"),
      what: "send the figures",
    });
    const { channel } = await pass();
    expect(channel.sent[0]!.picks.map((p) => p.accountName)).toEqual(["Small", "Big"]);
    expect(channel.sent[0]!.picks[0]!.kind).toBe("promise");
    expect(big.id).toBeGreaterThan(0);
  });

  it("a paused rep gets no message and their due accounts go to their backup's nudge", async () => {
    const backup = await createRep(t.db, t.workspaceId, { name: "Backup" });
    const away = await createRep(t.db, t.workspaceId, {
      name: "Away",
      pausedUntil: "2026-03-13",
      backupRepId: backup.id,
    });
    await createAccount(t.db, t.workspaceId, { ownerRepId: away.id, name: "Away's customer" });
    const { summary, channel } = await pass();
    expect(summary).toMatchObject({ paused: 1, sent: 1 });
    expect(channel.sent.map((n) => n.recipient.name)).toEqual(["Backup"]);
    expect(channel.sent[0]!.picks.map((p) => p.accountName)).toEqual(["Away's customer"]);
  });
});
