import { afterEach, describe, expect, it } from "vitest";
import type { PlanRepsFn } from "../../../src/app/morning/plan-claimed.js";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { type Database, openDatabase } from "../../../src/storage/database.js";
import { renewLease } from "../../../src/storage/nudges.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { onPostgres, useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, picksOf, simplePlanner } from "./helpers.js";

const NINE = new Date("2026-03-09T09:00:00Z"); // a Monday, 09:00 in the workspace's UTC

describe("the daily run with several replicas, and after a crash", () => {
  const t = useTestDatabase();
  const extra: Database[] = [];
  afterEach(async () => {
    for (const database of extra.splice(0)) await database.close();
  });

  /** A second service replica: its own connection pool on PostgreSQL, the same database on PGlite. */
  async function replicaDb() {
    if (!onPostgres) return t.db;
    const database = await openDatabase({ url: t.url, poolSize: 5 });
    extra.push(database);
    return database.db;
  }

  async function dueReps(n: number) {
    const list = [];
    for (let i = 0; i < n; i++) {
      const rep = await createRep(t.db, t.workspaceId);
      await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id });
      list.push(rep);
    }
    return list;
  }

  it("two schedulers ticking at once send exactly one nudge per rep", async () => {
    const reps = await dueReps(40);
    const dbB = await replicaDb();
    const a = createRecordingChannel({ sendDelayMs: 2 });
    const b = createRecordingChannel({ sendDelayMs: 2 });
    // Several rounds of simultaneous ticks, as two replicas' crons firing the same minutes.
    for (let minute = 0; minute < 4; minute++) {
      const now = new Date(NINE.getTime() + minute * 60_000);
      await Promise.all([
        runMorning(makeContext(t.db, [a], now), now, { planner: simplePlanner, workerId: "replica-a" }),
        runMorning(makeContext(dbB, [b], now), now, { planner: simplePlanner, workerId: "replica-b" }),
      ]);
    }
    const sentTo = [...a.sent, ...b.sent].map((n) => n.recipient.repId).sort((x, y) => x - y);
    expect(sentTo).toEqual(reps.map((r) => r.id));
    const rows = await allNudges(t.db);
    expect(rows).toHaveLength(40);
    expect(rows.every((n) => n.status === "sent")).toBe(true);
    // Each nudge holds one set of picks, however many replicas planned at the same time.
    for (const row of rows) expect(await picksOf(t.db, row.id)).toHaveLength(1);
  });

  it("a claim whose worker crashed before planning is planned and sent by a later pass, once", async () => {
    const [rep] = await dueReps(1);
    await t.db.insert(nudges).values({
      workspaceId: t.workspaceId,
      repId: rep!.id,
      localDate: "2026-03-09",
      status: "claimed",
      claimedBy: "crashed-replica",
      claimedAt: NINE,
    });
    const channel = createRecordingChannel();
    const at = (m: number) => new Date(NINE.getTime() + m * 60_000);
    expect(
      await runMorning(makeContext(t.db, [channel], at(1)), at(1), { planner: simplePlanner }),
    ).toMatchObject({
      sent: 0,
    });
    expect(
      await runMorning(makeContext(t.db, [channel], at(3)), at(3), { planner: simplePlanner }),
    ).toMatchObject({
      sent: 1,
    });
    await runMorning(makeContext(t.db, [channel], at(10)), at(10), { planner: simplePlanner });
    expect(channel.sent.map((n) => n.recipient.repId)).toEqual([rep!.id]);
    expect((await allNudges(t.db)).map((n) => n.status)).toEqual(["sent"]);
  });

  it("a nudge planned but not sent before a crash is sent with its saved picks, without planning again", async () => {
    const [rep] = await dueReps(1);
    const account = await createAccount(t.db, t.workspaceId, { ownerRepId: rep!.id, name: "Saved pick" });
    const [nudge] = await t.db
      .insert(nudges)
      .values({
        workspaceId: t.workspaceId,
        repId: rep!.id,
        localDate: "2026-03-09",
        status: "claimed",
        claimedBy: "crashed-replica",
        claimedAt: NINE,
        nextAttemptAt: new Date(NINE.getTime() + 120_000),
      })
      .returning();
    await t.db.insert(picks).values({
      workspaceId: t.workspaceId,
      nudgeId: nudge!.id,
      accountId: account.id,
      position: 0,
      kind: "due",
      reason: "planned before the crash",
    });
    let plannerCalls = 0;
    const counting: PlanRepsFn = (db, input) => {
      plannerCalls++;
      return simplePlanner(db, input);
    };
    const channel = createRecordingChannel();
    const later = new Date(NINE.getTime() + 5 * 60_000);
    await runMorning(makeContext(t.db, [channel], later), later, { planner: counting });
    expect(plannerCalls).toBe(0);
    expect(channel.sent).toHaveLength(1);
    expect(channel.sent[0]!.picks.map((p) => p.reason)).toEqual(["planned before the crash"]);
  });

  it("a claim another replica is still working on is left alone", async () => {
    const [rep] = await dueReps(1);
    await t.db.insert(nudges).values({
      workspaceId: t.workspaceId,
      repId: rep!.id,
      localDate: "2026-03-09",
      status: "claimed",
      claimedBy: "busy-replica",
      claimedAt: NINE,
      nextAttemptAt: new Date(NINE.getTime() + 120_000),
    });
    const channel = createRecordingChannel();
    const now = new Date(NINE.getTime() + 30_000);
    await runMorning(makeContext(t.db, [channel], now), now, { planner: simplePlanner });
    expect(channel.sent).toHaveLength(0);
    expect((await allNudges(t.db))[0]).toMatchObject({ status: "claimed", claimedBy: "busy-replica" });
  });

  it("a worker whose lease ran out and was taken over may no longer send that nudge", async () => {
    const [rep] = await dueReps(1);
    const [nudge] = await t.db
      .insert(nudges)
      .values({
        workspaceId: t.workspaceId,
        repId: rep!.id,
        localDate: "2026-03-09",
        status: "claimed",
        claimedBy: "slow-replica",
        claimedAt: NINE,
        nextAttemptAt: new Date(NINE.getTime() + 120_000),
      })
      .returning();
    const channel = createRecordingChannel();
    const later = new Date(NINE.getTime() + 3 * 60_000);
    await runMorning(makeContext(t.db, [channel], later), later, {
      planner: simplePlanner,
      workerId: "replica-b",
    });
    expect(channel.sent).toHaveLength(1);
    expect(await renewLease(t.db, nudge!.id, "slow-replica", new Date(later.getTime() + 120_000))).toBe(
      false,
    );
  });
});
