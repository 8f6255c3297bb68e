import { sql } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { runDigestPass } from "../../../src/app/digest/run-digests.js";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import type { Reply } from "../../../src/app/replies.js";
import { type Database, openDatabase, queryRows } from "../../../src/storage/database.js";
import { digestClaims, workspaces } from "../../../src/storage/schema.js";
import { createAccount, createHoliday, createRep } from "../../support/builders.js";
import { onPostgres, useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { makeContext, simplePlanner } from "../morning/helpers.js";

type Table = Extract<Reply, { kind: "table" }>;

/** One scheduler minute: the morning pass, then the digest pass (as the scheduler runs them). */
async function tick(
  db: Database["db"],
  channel: ReturnType<typeof createRecordingChannel>,
  now: Date,
  workerId = "w",
) {
  const ctx = makeContext(db, [channel], now);
  await runMorning(ctx, now, { planner: simplePlanner, workerId });
  return runDigestPass(ctx, now, { workerId });
}

const at = (iso: string) => new Date(iso);

function hourly(from: string, to: string): Date[] {
  const list: Date[] = [];
  for (let time = at(from).getTime(); time < at(to).getTime(); time += 3_600_000) list.push(new Date(time));
  return list;
}

describe("ignored picks and the manager's weekly digest", () => {
  const t = useTestDatabase();
  const extra: Database[] = [];
  afterEach(async () => {
    for (const database of extra.splice(0)) await database.close();
  });

  async function replicaDb() {
    if (!onPostgres) return t.db;
    const database = await openDatabase({ url: t.url, poolSize: 3 });
    extra.push(database);
    return database.db;
  }

  async function ignoredPicks() {
    return queryRows<{ localDate: string; account: number }>(
      t.db,
      sql`select n.local_date::text as "localDate", p.account_id as account from picks p
          join nudges n on n.id = p.nudge_id where p.ignored_at is not null order by 1, 2`,
    );
  }

  /** A manager, one rep reporting to them, the rep's A account and a small C one. */
  async function team(zone = "UTC", workingDays?: number[]) {
    const manager = await createRep(t.db, t.workspaceId, {
      name: "Maria Manager",
      role: "manager",
      timezone: zone,
      ...(workingDays ? { workingDays } : {}),
    });
    const rep = await createRep(t.db, t.workspaceId, {
      name: "Rafael Rep",
      managerId: manager.id,
      timezone: zone,
      ...(workingDays ? { workingDays } : {}),
    });
    const big = await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      name: "Globex",
      annualRevenue: 2_000_000,
      // Contacted 8 days before the first Monday: due, not yet neglected (twice its cadence of 7).
      lastContactAt: at("2026-03-01T10:00:00Z"),
    });
    const small = await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      name: "Initech",
      annualRevenue: 10_000,
    });
    return { manager, rep, big, small };
  }

  it("marks a delivered pick ignored once the rep's day is over, once, and not before", async () => {
    const { rep } = await team("America/New_York");
    const channel = createRecordingChannel();
    await tick(t.db, channel, at("2026-03-09T13:00:00Z")); // Monday 09:00 in New York
    expect(channel.sent.map((n) => n.recipient.repId)).toEqual([rep.id]);
    // Tuesday 01:00 UTC is still Monday evening in New York.
    expect((await tick(t.db, channel, at("2026-03-10T01:00:00Z"))).ignored).toBe(0);
    expect((await tick(t.db, channel, at("2026-03-10T05:00:00Z"))).ignored).toBe(2);
    expect((await tick(t.db, channel, at("2026-03-10T05:01:00Z"))).ignored).toBe(0);
    expect(await ignoredPicks()).toHaveLength(2);
  });

  it("a pick acted on is not ignored", async () => {
    const { big } = await team();
    const channel = createRecordingChannel();
    await tick(t.db, channel, at("2026-03-09T09:00:00Z"));
    await t.db.execute(sql`update picks set status = 'done' where account_id = ${big.id}`);
    await tick(t.db, channel, at("2026-03-10T00:01:00Z"));
    expect((await ignoredPicks()).map((p) => p.account)).not.toContain(big.id);
  });

  it("an A account ignored on three working days reaches the next digest, holidays not counted", async () => {
    const { manager, big } = await team();
    // Week of Monday 9 March: Wednesday is a holiday, so the picks are Mon, Tue, Thu, Fri.
    await createHoliday(t.db, t.workspaceId, "2026-03-11");
    const channel = createRecordingChannel();
    for (const day of ["09", "10", "11", "12", "13"]) {
      await tick(t.db, channel, at(`2026-03-${day}T09:00:00Z`));
      await tick(t.db, channel, at(`2026-03-${day}T23:59:00Z`));
    }
    const days = [
      ...new Set((await ignoredPicks()).filter((p) => p.account === big.id).map((p) => p.localDate)),
    ];
    // Friday's picks are not over until midnight; the holiday had no nudge.
    expect(days).toEqual(["2026-03-09", "2026-03-10", "2026-03-12"]);
    // Monday's digest of the first week went out before anything was ignored.
    const first = channel.notified.filter((n) => n.recipient.repId === manager.id);
    expect(first).toHaveLength(1);
    expect((first[0]!.reply as Table).footer).toContain("no A account was ignored");
    // The next Monday, at the manager's nudge hour, Globex is escalated as ignored.
    await tick(t.db, channel, at("2026-03-16T08:59:00Z"));
    expect(channel.notified).toHaveLength(1);
    await tick(t.db, channel, at("2026-03-16T09:00:00Z"));
    const second = channel.notified[1]!.reply as Table;
    expect(second.title).toContain("week of 16 Mar 2026");
    expect(second.footer).toContain("*Escalated (1):* Globex (Rafael Rep: ignored on 3+ working days)");
  });

  it("sends one digest per manager per week across the daylight-saving change, with two schedulers racing", {
    timeout: 120_000,
  }, async () => {
    const { manager } = await team("America/New_York");
    const other = await createRep(t.db, t.workspaceId, { role: "manager", timezone: "Europe/Berlin" });
    await createRep(t.db, t.workspaceId, { managerId: other.id, timezone: "Europe/Berlin" });
    const dbB = await replicaDb();
    const a = createRecordingChannel();
    const b = createRecordingChannel();
    // Every hour from Sunday 8 March (New York changes its clocks that night) to Tuesday, then
    // the mornings of the rest of the week.
    const instants = hourly("2026-03-08T00:00:00Z", "2026-03-10T00:00:00Z");
    for (const day of ["10", "11", "12", "13", "14"])
      instants.push(at(`2026-03-${day}T08:00:00Z`), at(`2026-03-${day}T13:00:00Z`));
    for (const now of instants) {
      await Promise.all([tick(t.db, a, now, "replica-a"), tick(dbB, b, now, "replica-b")]);
    }
    const digests = [...a.notified, ...b.notified].map((n) => n.recipient.repId).sort((x, y) => x - y);
    expect(digests).toEqual([manager.id, other.id].sort((x, y) => x - y));
    const claims = await t.db.select().from(digestClaims);
    expect(claims.map((c) => [c.managerId, c.weekStart, c.sentAt !== null]).sort()).toEqual(
      [
        [manager.id, "2026-03-09", true],
        [other.id, "2026-03-09", true],
      ].sort(),
    );
    // New York was on daylight time by Monday: 09:00 there is 13:00 UTC.
    const ny = claims.find((c) => c.managerId === manager.id)!;
    expect(ny.sentAt!.toISOString()).toBe("2026-03-09T13:00:00.000Z");
    const berlin = claims.find((c) => c.managerId === other.id)!;
    expect(berlin.sentAt!.toISOString()).toBe("2026-03-09T08:00:00.000Z");
  });

  it("in a Sunday-Thursday week the digest goes out on Sunday, or Monday when Sunday is a holiday", {
    timeout: 120_000,
  }, async () => {
    await t.db
      .update(workspaces)
      .set({ settings: { workingDays: [7, 1, 2, 3, 4], timezone: "Asia/Jerusalem" } });
    const { manager } = await team("Asia/Jerusalem");
    await createHoliday(t.db, t.workspaceId, "2026-03-15");
    const channel = createRecordingChannel();
    // Around 09:00 in Jerusalem (UTC+2) on every day of two weeks.
    for (let day = 6; day <= 20; day++) {
      for (const hour of ["06:59", "07:00", "08:00"]) {
        await tick(t.db, channel, at(`2026-03-${String(day).padStart(2, "0")}T${hour}:00Z`));
      }
    }
    const claims = await t.db.select().from(digestClaims);
    expect(claims.map((c) => [c.managerId, c.weekStart, c.sentAt?.toISOString()])).toEqual([
      // Sunday 8 March 09:00 in Jerusalem (UTC+2), then Monday 16 March: Sunday the 15th is a holiday.
      [manager.id, "2026-03-08", "2026-03-08T07:00:00.000Z"],
      [manager.id, "2026-03-15", "2026-03-16T07:00:00.000Z"],
    ]);
    expect(channel.notified).toHaveLength(2);
  });

  it("a manager who turned the digest off gets none; a failed send is tried again later", async () => {
    const { manager } = await team();
    const quiet = await createRep(t.db, t.workspaceId, { role: "manager", digest: false });
    await createRep(t.db, t.workspaceId, { managerId: quiet.id });
    let fail = true;
    const channel = createRecordingChannel();
    const flaky = {
      ...channel,
      notify: async (...args: Parameters<typeof channel.notify>) => {
        if (fail) throw new Error("HTTP 500 from the chat platform");
        return channel.notify(...args);
      },
    };
    const ctx = (now: Date) => makeContext(t.db, [flaky], now);
    expect(await runDigestPass(ctx(at("2026-03-09T09:00:00Z")), at("2026-03-09T09:00:00Z"))).toMatchObject({
      digestsSent: 0,
      digestsFailed: 1,
    });
    fail = false;
    expect(
      (await runDigestPass(ctx(at("2026-03-09T09:01:00Z")), at("2026-03-09T09:01:00Z"))).digestsSent,
    ).toBe(0);
    expect(
      (await runDigestPass(ctx(at("2026-03-09T09:06:00Z")), at("2026-03-09T09:06:00Z"))).digestsSent,
    ).toBe(1);
    expect(channel.notified.map((n) => n.recipient.repId)).toEqual([manager.id]);
  });
});
