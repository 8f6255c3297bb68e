import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { loadDemo } from "../../../src/app/demo/load-demo.js";
import { queryRows } from "../../../src/storage/database.js";
import { useTestDatabase } from "../../support/database.js";

const NOW = new Date("2026-11-23T12:00:00Z");

describe("the demo workspace", () => {
  const t = useTestDatabase();

  async function snapshot() {
    const [row] = await queryRows<Record<string, number>>(
      t.db,
      sql`select (select count(*)::int from reps) as reps,
                 (select count(*)::int from reps where role = 'manager') as managers,
                 (select count(distinct timezone)::int from reps) as zones,
                 (select count(*)::int from accounts) as accounts,
                 (select count(*)::int from accounts where status = 'lost') as lost,
                 (select count(*)::int from checkins) as checkins,
                 (select count(*)::int from promises where status = 'open') as promises,
                 (select count(*)::int from snoozes) as snoozes,
                 (select count(*)::int from departures) as departures`,
    );
    return row!;
  }

  it("when the demo is loaded, it holds a believable team, book and history", async () => {
    const summary = await loadDemo(t.db, t.workspaceId, NOW);
    const s = await snapshot();
    expect(s.reps).toBeGreaterThanOrEqual(8);
    expect(s.managers).toBe(2);
    expect(s.zones).toBeGreaterThanOrEqual(3);
    expect(s.accounts).toBeGreaterThanOrEqual(300);
    expect(s.checkins).toBeGreaterThan(1000);
    expect(s.promises).toBeGreaterThan(0);
    expect(s.snoozes).toBeGreaterThan(0);
    expect(s.lost).toBeGreaterThan(0);
    expect(s.departures).toBe(s.lost);
    expect(summary.accounts.inserted).toBe(s.accounts);
  });

  it("when the demo is loaded, every rep but the managers reports to a manager, and one works Sunday to Thursday", async () => {
    await loadDemo(t.db, t.workspaceId, NOW);
    const rows = await queryRows<{ role: string; has_manager: boolean; working_days: number[] | null }>(
      t.db,
      sql`select role, manager_id is not null as has_manager, working_days from reps`,
    );
    expect(rows.filter((r) => r.role === "rep").every((r) => r.has_manager)).toBe(true);
    expect(rows.some((r) => JSON.stringify(r.working_days) === "[7,1,2,3,4]")).toBe(true);
  });

  it("when the demo is loaded, a quarter of the accounts or fewer make 80% of the revenue (Pareto)", async () => {
    await loadDemo(t.db, t.workspaceId, NOW);
    const revenues = (
      await queryRows<{ annual_revenue: number }>(
        t.db,
        sql`select annual_revenue from accounts order by 1 desc`,
      )
    ).map((r) => r.annual_revenue);
    const total = revenues.reduce((a, b) => a + b, 0);
    let running = 0;
    const top = revenues.findIndex((r) => {
      running += r;
      return running >= total * 0.8;
    });
    expect(top + 1).toBeLessThanOrEqual(revenues.length * 0.25);
  });

  it("when the demo is loaded, one promise falls due today in its rep's time zone", async () => {
    await loadDemo(t.db, t.workspaceId, NOW);
    const [row] = await queryRows<{ due_today: number }>(
      t.db,
      sql`select count(*)::int as due_today from promises p join reps r on r.id = p.rep_id
          where (p.due_at at time zone r.timezone)::date = '2026-11-23'`,
    );
    expect(row?.due_today).toBe(1);
  });

  it("when the demo is loaded twice, the second run changes nothing", async () => {
    await loadDemo(t.db, t.workspaceId, NOW);
    const before = await snapshot();
    const again = await loadDemo(t.db, t.workspaceId, NOW);
    expect(await snapshot()).toEqual(before);
    for (const r of [again.reps, again.accounts, again.checkins]) {
      expect({ inserted: r.inserted, updated: r.updated }).toEqual({ inserted: 0, updated: 0 });
    }
    expect([again.promisesAdded, again.snoozesAdded, again.departuresUpdated]).toEqual([0, 0, 0]);
  });
});
