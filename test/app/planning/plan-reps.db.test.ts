import { eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadPlanInput } from "../../../src/app/planning/load-plan-input.js";
import { planReps } from "../../../src/app/planning/plan-reps.js";
import { rankByValue } from "../../../src/domain/planner/tiers.js";
import { resolveSettings } from "../../../src/domain/settings.js";
import { savePlans } from "../../../src/storage/plans.js";
import { departures, nudges, picks } from "../../../src/storage/schema.js";
import {
  createAccount,
  createCheckIn,
  createPromise,
  createRep,
  createSnooze,
  createWorkspace,
  setWorkspaceSettings,
} from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";

const t = useTestDatabase();
const date = "2026-03-10";
const now = new Date("2026-03-10T08:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

async function picksFor(repId: number, repIds?: number[]) {
  const { plans } = await planReps(t.db, {
    workspaceId: t.workspaceId,
    date,
    now,
    ...(repIds ? { repIds } : {}),
  });
  return plans.find((p) => p.repId === repId)?.picks ?? [];
}

describe("planning reps from the database", () => {
  it("a due promise comes first, then the due accounts by score; a fresh account waits", async () => {
    const ana = await createRep(t.db, t.workspaceId);
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Due Co",
      lastContactAt: daysAgo(40),
      lastReviewAt: daysAgo(20),
    });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Fresh Co",
      lastContactAt: daysAgo(1),
      annualRevenue: 10,
    });
    const small = await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Small Co",
      annualRevenue: 5,
      lastContactAt: daysAgo(1),
    });
    await createPromise(t.db, t.workspaceId, {
      accountId: small.id,
      repId: ana.id,
      dueAt: daysAgo(0),
      what: "send the figures",
    });

    const picked = await picksFor(ana.id);

    expect(picked.map((p) => [p.accountName, p.kind])).toEqual([
      ["Small Co", "promise"],
      ["Due Co", "due"],
    ]);
    expect(picked[0]?.reason).toContain('"send the figures"');
  });

  it("a paused rep's due accounts go to the backup, even when only the backup is being planned", async () => {
    const backup = await createRep(t.db, t.workspaceId, { name: "Bo" });
    const away = await createRep(t.db, t.workspaceId, {
      name: "Ana Lima",
      pausedUntil: "2026-03-15",
      backupRepId: backup.id,
    });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: away.id,
      name: "Away Co",
      lastContactAt: daysAgo(100),
    });

    const picked = await picksFor(backup.id, [backup.id]);

    expect(picked.map((p) => p.accountName)).toEqual(["Away Co"]);
    expect(picked[0]?.reason).toContain("covering for Ana Lima (away)");
    expect(await picksFor(away.id)).toEqual([]);
  });

  it("a snoozed account is left out until the latest snooze ends", async () => {
    const ana = await createRep(t.db, t.workspaceId);
    const acme = await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Acme",
      lastContactAt: daysAgo(100),
    });
    await createSnooze(t.db, t.workspaceId, { accountId: acme.id, repId: ana.id, until: "2026-03-09" });
    await createSnooze(t.db, t.workspaceId, { accountId: acme.id, repId: ana.id, until: "2026-03-20" });
    expect(await picksFor(ana.id)).toEqual([]);

    await t.db.execute(sql`delete from snoozes where until = '2026-03-20'`);
    expect((await picksFor(ana.id)).map((p) => p.accountName)).toEqual(["Acme"]);
  });

  it("a logged check-in restarts the cadence: an account called yesterday is not picked", async () => {
    const ana = await createRep(t.db, t.workspaceId);
    const acme = await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      lastContactAt: daysAgo(100),
      lastReviewAt: daysAgo(30),
    });
    await createCheckIn(t.db, t.workspaceId, { accountId: acme.id, repId: ana.id, at: daysAgo(1) });
    expect(await picksFor(ana.id)).toEqual([]);
  });

  it("a lost account gets an exit interview for the named rep, then win-backs for the owner every 90 days", async () => {
    const owner = await createRep(t.db, t.workspaceId);
    const asker = await createRep(t.db, t.workspaceId);
    const gone = await createAccount(t.db, t.workspaceId, {
      ownerRepId: owner.id,
      name: "Gone GmbH",
      status: "lost",
    });
    const [departure] = await t.db
      .insert(departures)
      .values({
        workspaceId: t.workspaceId,
        accountId: gone.id,
        reason: "price",
        lostOn: "2026-03-02",
        exitInterviewRepId: asker.id,
      })
      .returning();

    expect((await picksFor(asker.id)).map((p) => [p.accountName, p.kind])).toEqual([
      ["Gone GmbH", "exit_interview"],
    ]);
    expect(await picksFor(owner.id)).toEqual([]);

    await t.db
      .update(departures)
      .set({ exitInterviewAt: daysAgo(95) })
      .where(eq(departures.id, departure!.id));
    expect(await picksFor(asker.id)).toEqual([]);
    expect((await picksFor(owner.id)).map((p) => p.kind)).toEqual(["win_back"]);
  });

  it("never plans another workspace's accounts or promises", async () => {
    const ana = await createRep(t.db, t.workspaceId);
    const other = await createWorkspace(t.db);
    const stranger = await createRep(t.db, other);
    const theirs = await createAccount(t.db, other, { ownerRepId: stranger.id, lastContactAt: daysAgo(100) });
    await createPromise(t.db, other, { accountId: theirs.id, repId: stranger.id, dueAt: daysAgo(1) });
    const { plans } = await planReps(t.db, { workspaceId: t.workspaceId, date, now });
    expect(plans.map((p) => p.repId)).toEqual([ana.id]);
    expect(plans.flatMap((p) => p.picks)).toEqual([]);
  });

  it("counts the due accounts beyond the handful as more due", async () => {
    const ana = await createRep(t.db, t.workspaceId, { handful: 2 });
    const ids: number[] = [];
    for (let i = 0; i < 20; i++) {
      const a = await createAccount(t.db, t.workspaceId, {
        ownerRepId: ana.id,
        annualRevenue: 1_000 * (i + 1),
        lastContactAt: daysAgo(200),
      });
      ids.push(a.id);
    }
    const { plans, moreDue } = await planReps(t.db, { workspaceId: t.workspaceId, date, now });
    expect(plans[0]?.picks.map((p) => p.accountId)).toEqual([ids[19], ids[18]]);
    expect(moreDue.get(ana.id)).toBe(18);
  });

  it("tiers, ranks and value basis from the database match the Pareto rule", async () => {
    await setWorkspaceSettings(t.db, t.workspaceId, { handful: 20 });
    const owners = [await createRep(t.db, t.workspaceId), await createRep(t.db, t.workspaceId)];
    const made = [];
    for (let i = 0; i < 30; i++) {
      made.push(
        await createAccount(t.db, t.workspaceId, {
          ownerRepId: owners[i % 2]!.id,
          annualRevenue: ((i * 7919) % 97) * 10_000 + 1_000,
          grossProfit: i % 3 === 0 ? ((i * 31) % 17) * 5_000 : null,
          tierOverride: i === 5 ? "A" : null,
        }),
      );
    }
    const input = await loadPlanInput(t.db, { workspaceId: t.workspaceId, date, now });
    const expected = rankByValue(
      made.map((a) => ({ id: a.id, value: a.grossProfit ?? a.annualRevenue, tierOverride: a.tierOverride })),
      resolveSettings({}).tierShares,
    );
    expect(input.accounts).toHaveLength(30);
    for (const a of input.accounts) {
      expect({ id: a.id, tier: a.tier, rank: a.valueRank }).toEqual({
        id: a.id,
        tier: expected.get(a.id)?.tier,
        rank: expected.get(a.id)?.valueRank,
      });
      expect(a.valueBasis).toBe(made.find((m) => m.id === a.id)?.grossProfit === null ? "revenue" : "profit");
    }
  });

  it("loads with a handful of queries, however many reps and accounts", async () => {
    for (let r = 0; r < 6; r++) {
      const rep = await createRep(t.db, t.workspaceId);
      for (let i = 0; i < 4; i++)
        await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, lastContactAt: daysAgo(100) });
    }
    let statements = 0;
    const counting = new Proxy(t.db, {
      get(target, prop, receiver) {
        if (prop === "execute") {
          return (query: Parameters<typeof target.execute>[0]) => {
            statements++;
            return target.execute(query);
          };
        }
        return Reflect.get(target, prop, receiver);
      },
    });
    await loadPlanInput(counting, { workspaceId: t.workspaceId, date, now });
    expect(statements).toBeLessThanOrEqual(7);
  });

  it("saves one claimed nudge per rep with picks, and its picks in order", async () => {
    const ana = await createRep(t.db, t.workspaceId);
    await createRep(t.db, t.workspaceId);
    for (let i = 0; i < 3; i++)
      await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, lastContactAt: daysAgo(100) });
    const { plans, moreDue } = await planReps(t.db, { workspaceId: t.workspaceId, date, now });

    const saved = await t.db.transaction((tx) => savePlans(tx, t.workspaceId, date, plans, moreDue));

    expect(saved).toEqual({ nudges: 1, picks: 3 });
    const rows = await t.db.select().from(nudges);
    expect(rows.map((n) => [n.repId, n.localDate, n.status])).toEqual([[ana.id, date, "claimed"]]);
    const savedPicks = await t.db.select().from(picks).orderBy(picks.position);
    expect(savedPicks.map((p) => p.accountId)).toEqual(plans[0]?.picks.map((p) => p.accountId));
    expect(savedPicks.every((p) => p.reason.length > 0)).toBe(true);
  });
});
