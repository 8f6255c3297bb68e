import { beforeEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../../src/app/actors.js";
import { loadRepHome } from "../../../src/app/home.js";
import { performPickAction } from "../../../src/app/pick-actions.js";
import { loadReps } from "../../../src/app/reports/book-scope.js";
import { coverageReport } from "../../../src/app/reports/coverage-report.js";
import { formatTable, toJson } from "../../../src/cli/commands/report.js";
import { resolveSettings } from "../../../src/domain/settings.js";
import { createAccount, createCheckIn, createPromise, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createNudge, testContext } from "../commands/support.js";

describe("the coverage report", () => {
  const t = useTestDatabase();
  const now = new Date("2026-06-15T08:00:00Z");
  const settings = resolveSettings({});
  let anaId: number;
  let boId: number;

  beforeEach(async () => {
    anaId = (await createRep(t.db, t.workspaceId, { name: "Ana", email: "ana@example.com" })).id;
    boId = (await createRep(t.db, t.workspaceId, { name: "Bo", email: "bo@example.com" })).id;
    // Two big accounts make up over 80% of the value (tier A); the small ones are C.
    const big1 = await createAccount(t.db, t.workspaceId, {
      ownerRepId: anaId,
      name: "Big One",
      annualRevenue: 500_000,
    });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: anaId,
      name: "Big Two",
      annualRevenue: 400_000,
      lastContactAt: new Date("2026-05-01T09:00:00Z"),
    });
    const small = await createAccount(t.db, t.workspaceId, {
      ownerRepId: boId,
      name: "Small",
      annualRevenue: 100_000,
    });
    await createAccount(t.db, t.workspaceId, { ownerRepId: boId, name: "Tiny", annualRevenue: 5_000 });
    await createCheckIn(t.db, t.workspaceId, {
      accountId: big1.id,
      repId: anaId,
      at: new Date("2026-06-12T09:00:00Z"),
    });
    await createCheckIn(t.db, t.workspaceId, {
      accountId: small.id,
      repId: boId,
      at: new Date("2026-05-25T09:00:00Z"),
    });
    await createPromise(t.db, t.workspaceId, {
      accountId: small.id,
      repId: boId,
      dueAt: new Date("2026-06-10T09:00:00Z"),
    });
    await createPromise(t.db, t.workspaceId, {
      accountId: small.id,
      repId: boId,
      dueAt: new Date("2026-06-20T09:00:00Z"),
    });
  });

  it("gives each rep's share of A/B/C accounts within cadence, check-ins in 7 and 30 days, and overdue promises", async () => {
    const rows = await coverageReport(
      t.db,
      t.workspaceId,
      settings,
      now,
      await loadReps(t.db, t.workspaceId, settings),
    );
    expect(rows).toEqual([
      {
        repId: anaId,
        name: "Ana",
        email: "ana@example.com",
        coverage: [
          { tier: "A", total: 2, withinCadence: 1 },
          { tier: "B", total: 0, withinCadence: 0 },
          { tier: "C", total: 0, withinCadence: 0 },
        ],
        checkIns7: 1,
        checkIns30: 1,
        overduePromises: 0,
      },
      {
        repId: boId,
        name: "Bo",
        email: "bo@example.com",
        coverage: [
          { tier: "A", total: 0, withinCadence: 0 },
          { tier: "B", total: 1, withinCadence: 1 },
          { tier: "C", total: 1, withinCadence: 0 },
        ],
        checkIns7: 0,
        checkIns30: 1,
        overduePromises: 1,
      },
    ]);
  });

  it("prints as an aligned table and as JSON for scripts", async () => {
    const rows = await coverageReport(
      t.db,
      t.workspaceId,
      settings,
      now,
      await loadReps(t.db, t.workspaceId, settings),
    );
    expect(formatTable(rows).split("\n")).toEqual([
      "rep  email            A within cadence  B           C         check-ins 7d  30d  overdue promises",
      "---  ---------------  ----------------  ----------  --------  ------------  ---  ----------------",
      "Ana  ana@example.com  50% (1/2)         –           –         1             1    0",
      "Bo   bo@example.com   –                 100% (1/1)  0% (0/1)  0             1    1",
      "",
    ]);
    expect(toJson(now, rows).reps[1]).toEqual({
      email: "bo@example.com",
      name: "Bo",
      coverage: {
        A: { total: 0, within_cadence: 0, share: null },
        B: { total: 1, within_cadence: 1, share: 1 },
        C: { total: 1, within_cadence: 0, share: 0 },
      },
      checkins_7d: 0,
      checkins_30d: 1,
      overdue_promises: 1,
    });
  });

  it("the rep's home shows today's picks, open promises (overdue marked) and their coverage, refreshed after a click", async () => {
    const env = testContext(t, now.toISOString());
    const bo = (await actorForRep(t.db, t.workspaceId, boId))!;
    const [tiny] = (await t.db.query.accounts.findMany()).filter((a) => a.name === "Tiny");
    const { pickIds } = await createNudge(t.db, t.workspaceId, {
      repId: boId,
      localDate: "2026-06-15",
      accountIds: [tiny!.id],
    });
    await performPickAction(env.ctx, bo, { pickId: pickIds[0]!, action: { type: "log", channel: "call" } });
    const home = await loadRepHome(env.ctx, bo);
    expect(home.picks).toMatchObject([{ accountName: "Tiny", status: "done" }]);
    expect(home.promises).toEqual([
      {
        accountName: "Small",
        what: "send the figures",
        dueAt: new Date("2026-06-10T09:00:00Z"),
        overdue: true,
      },
      {
        accountName: "Small",
        what: "send the figures",
        dueAt: new Date("2026-06-20T09:00:00Z"),
        overdue: false,
      },
    ]);
    expect(home.coverage).toEqual([
      { tier: "A", total: 0, withinCadence: 0 },
      { tier: "B", total: 1, withinCadence: 1 },
      { tier: "C", total: 1, withinCadence: 1 },
    ]);
  });
});
