import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { loadRepHome } from "../../../src/app/home.js";
import { planReps } from "../../../src/app/planning/plan-reps.js";
import { addDays } from "../../../src/domain/time.js";
import type { Tx } from "../../../src/storage/database.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import { createAccount, createPromise, createRep, setWorkspaceSettings } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";

const t = useTestDatabase();
const date = "2026-03-10";
const now = new Date("2026-03-10T08:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

/** `days` sent nudges before `date`, each with five picks of `accountId`, `acted` of them done. */
async function history(db: Tx, workspaceId: number, repId: number, accountIds: number[], acted: number[]) {
  for (const [i, done] of acted.entries()) {
    const [nudge] = await db
      .insert(nudges)
      .values({ workspaceId, repId, localDate: addDays(date, -(i + 1)), status: "sent" })
      .returning({ id: nudges.id });
    await db.insert(picks).values(
      accountIds.map((accountId, position) => ({
        workspaceId,
        nudgeId: nudge!.id,
        accountId,
        position,
        kind: "due" as const,
        reason: "due",
        status: position < done ? ("done" as const) : ("open" as const),
      })),
    );
  }
}

async function bookOf(repId: number, n: number) {
  const ids: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = await createAccount(t.db, t.workspaceId, {
      ownerRepId: repId,
      name: `Co ${i}`,
      annualRevenue: 1_000 * (n - i),
      lastContactAt: daysAgo(200),
      lastReviewAt: daysAgo(20),
    });
    ids.push(a.id);
  }
  return ids;
}

async function plan(repId: number) {
  const { plans, moreDue } = await planReps(t.db, { workspaceId: t.workspaceId, date, now });
  return { picks: plans.find((p) => p.repId === repId)?.picks ?? [], more: moreDue.get(repId) ?? 0 };
}

describe("a handful that fits the rep", () => {
  it("a rep who acted on two of five picks for four weeks gets three picks; the rest roll forward; a due promise is kept in", async () => {
    const ana = await createRep(t.db, t.workspaceId, { handful: 5 });
    const ids = await bookOf(ana.id, 8);
    await history(t.db, t.workspaceId, ana.id, ids.slice(0, 5), Array(20).fill(2));
    const first = await plan(ana.id);
    expect(first.picks.map((p) => p.accountName)).toEqual(["Co 0", "Co 1", "Co 2"]);
    expect(first.more).toBe(5);

    await createPromise(t.db, t.workspaceId, {
      accountId: ids[7]!,
      repId: ana.id,
      dueAt: daysAgo(0),
      what: "call back",
    });
    const withPromise = await plan(ana.id);
    expect(withPromise.picks.map((p) => p.kind)).toEqual(["promise", "due", "due"]);

    const ctx = { db: t.db, clock: () => now, logger: pino({ level: "silent" }), channels: [] };
    const actor = {
      workspaceId: t.workspaceId,
      repId: ana.id,
      role: "rep" as const,
      name: "Ana",
      timezone: "UTC",
    };
    const home = await loadRepHome(ctx, actor);
    expect(home.handfulNote).toBe(
      "3 of your 5 today: you acted on 40 of the 100 picks of the last four weeks, so you get the best few; the rest roll forward.",
    );
  });

  it("a rep who clears the list keeps the set handful, and so does everyone when the workspace turns it off", async () => {
    const bo = await createRep(t.db, t.workspaceId, { handful: 4 });
    const cy = await createRep(t.db, t.workspaceId, { handful: 4 });
    await history(t.db, t.workspaceId, bo.id, await bookOf(bo.id, 6), Array(10).fill(6));
    await history(t.db, t.workspaceId, cy.id, await bookOf(cy.id, 6), Array(10).fill(0));
    expect((await plan(bo.id)).picks).toHaveLength(4);
    expect((await plan(cy.id)).picks).toHaveLength(2);
    await setWorkspaceSettings(t.db, t.workspaceId, { adaptiveHandful: false });
    expect((await plan(cy.id)).picks).toHaveLength(4);
  });
});
