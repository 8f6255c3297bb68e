import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadPlanInput } from "../../../src/app/planning/load-plan-input.js";
import { planReps } from "../../../src/app/planning/plan-reps.js";
import { savePlans } from "../../../src/app/planning/save-plans.js";
import { departures, reps } from "../../../src/storage/schema.js";
import { queryRows } from "../../../src/storage/database.js";
import { sql } from "drizzle-orm";
import {
  createAccount,
  createCheckIn,
  createPromise,
  createRep,
  createSnooze,
  createWorkspace,
} from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";

const t = useTestDatabase();
const date = "2026-03-10";
const now = new Date("2026-03-10T08:00:00Z");
const daysAgo = (n: number) => new Date(now.getTime() - n * 86_400_000);

describe("planning reps from the database", () => {
  it("a due account, a fresh one and a due promise become the rep's picks in order", async () => {
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana" });
    const due = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Due Co", lastContactAt: daysAgo(40) });
    await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Fresh Co", lastContactAt: daysAgo(1), annualRevenue: 10 });
    const small = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Small Co", annualRevenue: 5, lastContactAt: daysAgo(1) });
    await createPromise(t.db, t.workspaceId, { accountId: small.id, repId: ana.id, dueAt: daysAgo(0), what: "send the figures" });

    const { plans, moreDue } = await planReps(t.db, { workspaceId: t.workspaceId, date, now });

    const picks = plans.find((p) => p.repId === ana.id)!.picks;
    expect(picks.map((p) => [p.accountName, p.kind])).toEqual([
      ["Small Co", "promise"],
      ["Due Co", "review"],
    ]);
    expect(picks[0]!.reason).toContain('"send the figures"');
    expect(moreDue.get(ana.id)).toBe(0);
  });
});
