/**
 * The views read the book in SQL (src/storage/book-views.ts); the planner and the reports define
 * it in pure code (tiers, cadence, days since contact in the owner's zone, within cadence, risk,
 * the neglect order). This proves, on random small books, that both give the same coverage per
 * rep and tier, the same revenue at risk, and the same top-N lists.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type BookRep, bookScope } from "../../src/app/reports/book-scope.js";
import { coverageGroups } from "../../src/app/reports/coverage-report.js";
import { revenueAtRisk } from "../../src/app/reports/dashboard.js";
import { cadenceFor, daysSince } from "../../src/domain/planner/cadence.js";
import { accountValue, rankByValue } from "../../src/domain/planner/tiers.js";
import type { CheckInOutcome, Tier } from "../../src/domain/planner/types.js";
import { coverageByTier, isWithinCadence, rankNeglected } from "../../src/domain/reports/coverage.js";
import { riskReasons } from "../../src/domain/reports/risk.js";
import { resolveSettings } from "../../src/domain/settings.js";
import { addDays, localDate } from "../../src/domain/time.js";
import { listMostValuableOverdue, listNeglected } from "../../src/storage/book-views.js";
import { accounts } from "../../src/storage/schema.js";
import { rerankTiers } from "../../src/storage/tiers.js";
import { createRep, createWorkspace } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";

const t = useTestDatabase();
const DAY_MS = 86_400_000;
const ZONES = ["UTC", "Europe/Lisbon", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"];
// Instants around the spring and autumn clock changes and an ordinary day, at hours where the
// reps' local dates differ.
const NOWS = [
  "2026-03-08T06:30:00Z",
  "2026-03-29T00:30:00Z",
  "2026-11-01T05:59:00Z",
  "2026-06-15T12:00:00Z",
  "2026-06-15T23:30:00Z",
];
const OUTCOMES: CheckInOutcome[] = ["connected", "no_answer", "at_risk", "issue_raised", "opportunity"];
const TIERS: Tier[] = ["A", "B", "C"];

const settingsArb = fc.record({
  timezone: fc.constantFrom(...ZONES),
  cadenceDays: fc.record({
    // Short cadences, so that contacts land on the boundary (days equal to the cadence) often.
    A: fc.integer({ min: 1, max: 7 }),
    B: fc.integer({ min: 1, max: 14 }),
    C: fc.integer({ min: 1, max: 21 }),
  }),
  tierShares: fc.record({ A: fc.constantFrom(0.5, 0.7, 0.8), B: fc.constantFrom(0.1, 0.15, 0.2) }),
  riskGapFactor: fc.constantFrom(1.25, 1.5, 2, 3),
  escalationFactor: fc.constantFrom(1.5, 2, 3),
});

const accountArb = fc.record({
  owner: fc.nat(3),
  revenue: fc.oneof(fc.constantFrom(0, 990, 50_000), fc.integer({ min: 0, max: 2_000_000 })),
  profit: fc.option(fc.integer({ min: -20_000, max: 500_000 }), { nil: null }),
  tierOverride: fc.option(fc.constantFrom(...TIERS), { nil: null }),
  lost: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 14 }), { nil: null }),
  // Mostly around the cadences, sometimes older than the three years of day starts looked up.
  contactMsAgo: fc.option(
    fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 22 * DAY_MS }), weight: 4 },
      { arbitrary: fc.integer({ min: 0, max: 1500 * DAY_MS }), weight: 1 },
    ),
    { nil: null },
  ),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  orderDaysAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  orderInterval: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
});

const bookArb = fc.record({
  now: fc.constantFrom(...NOWS),
  settings: settingsArb,
  repZones: fc.array(fc.option(fc.constantFrom(...ZONES), { nil: null }), { minLength: 4, maxLength: 4 }),
  // The reps in scope: some of the four (a team), never the accounts of the others.
  inScope: fc.array(fc.boolean(), { minLength: 4, maxLength: 4 }),
  accounts: fc.array(accountArb, { minLength: 5, maxLength: 40 }),
  limit: fc.integer({ min: 1, max: 12 }),
  // Zone lookups (a few zones) or the exact conversion on every row (over eight zones).
  exactZones: fc.boolean(),
});

type Book = typeof bookArb extends fc.Arbitrary<infer B> ? B : never;

async function storeBook(book: Book) {
  const workspaceId = await createWorkspace(t.db, { settings: JSON.parse(JSON.stringify(book.settings)) });
  const settings = resolveSettings(book.settings);
  const now = new Date(book.now);
  const reps: BookRep[] = [];
  for (const [i, zone] of book.repZones.entries()) {
    const rep = await createRep(t.db, workspaceId, { timezone: zone, name: `Rep ${i}` });
    reps.push({ ...rep, timezone: rep.timezone ?? settings.timezone });
  }
  const workspaceToday = localDate(now, settings.timezone);
  const values = book.accounts.map((a, i) => ({
    workspaceId,
    externalId: `ACC-${i}`,
    name: `Account ${i}`,
    ownerRepId: reps[a.owner]!.id,
    annualRevenue: a.revenue,
    grossProfit: a.profit,
    tierOverride: a.tierOverride,
    status: a.lost ? ("lost" as const) : ("active" as const),
    cadenceDays: a.cadenceDays,
    lastContactAt: a.contactMsAgo === null ? null : new Date(now.getTime() - a.contactMsAgo),
    lastOutcome: a.outcome,
    lastOrderAt: a.orderDaysAgo === null ? null : addDays(workspaceToday, -a.orderDaysAgo),
    avgOrderIntervalDays: a.orderInterval,
  }));
  const ids =
    values.length === 0 ? [] : await t.db.insert(accounts).values(values).returning({ id: accounts.id });
  // The stored tiers, as every write that adds accounts leaves them (planner rule 1).
  await rerankTiers(t.db, workspaceId, settings.tierShares);

  // The pure view of every active account: the planner's tier, cadence and days, the reports' rules.
  const active = values.flatMap((v, i) => (v.status === "active" ? [{ ...v, id: ids[i]!.id }] : []));
  const standings = rankByValue(
    active.map((a) => ({
      id: a.id,
      value: accountValue(a.annualRevenue, a.grossProfit).value,
      tierOverride: a.tierOverride,
    })),
    settings.tierShares,
  );
  const zoneOf = new Map(reps.map((r) => [r.id, r.timezone]));
  const pure = active.map((a) => {
    const zone = zoneOf.get(a.ownerRepId)!;
    const tier = standings.get(a.id)!.tier;
    const cadence = cadenceFor({ tier, cadenceDays: a.cadenceDays }, settings);
    const days = daysSince(a.lastContactAt, localDate(now, zone), zone);
    return {
      id: a.id,
      name: a.name,
      ownerRepId: a.ownerRepId,
      tier,
      value: accountValue(a.annualRevenue, a.grossProfit).value,
      cadence,
      days,
      withinCadence: isWithinCadence(days, cadence),
      atRisk: riskReasons(a, workspaceToday, settings).length > 0,
    };
  });
  return { workspaceId, settings, now, reps, pure };
}

describe("the views' set queries read the book as the pure rules do", () => {
  it("on random books, coverage per rep and tier, revenue at risk and the top-N lists equal the pure computation", async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, async (book) => {
        const { workspaceId, settings, now, reps, pure } = await storeBook(book);
        const scoped = reps.filter((_, i) => book.inScope[i]);
        const scope = bookScope(workspaceId, settings, now, scoped);
        if (book.exactZones) {
          // Zones nobody lives in push the query past its lookup limit onto the exact path.
          const extra = [
            "Asia/Tokyo",
            "Europe/Berlin",
            "America/Denver",
            "Australia/Sydney",
            "Africa/Cairo",
            "America/Sao_Paulo",
            "Asia/Dubai",
            "Europe/Moscow",
            "America/Anchorage",
          ];
          scope.zoneDates = [
            ...scope.zoneDates,
            ...extra.map((zone) => ({ zone, date: localDate(now, zone) })),
          ];
          scope.zoneDates = [...new Map(scope.zoneDates.map((z) => [z.zone, z])).values()];
          expect(scope.zoneDates.length).toBeGreaterThan(8);
        }
        const mine = pure.filter((a) => scoped.some((r) => r.id === a.ownerRepId));

        const groups = await coverageGroups(t.db, scope, settings, now);
        for (const rep of scoped) {
          const sqlCells = TIERS.map((tier) => {
            const g = groups.find((x) => x.repId === rep.id && x.tier === tier);
            return { tier, total: g?.total ?? 0, withinCadence: g?.withinCadence ?? 0 };
          });
          expect(sqlCells).toEqual(coverageByTier(mine.filter((a) => a.ownerRepId === rep.id)));
        }
        expect(groups.every((g) => scoped.some((r) => r.id === g.repId))).toBe(true);

        const flagged = mine.filter((a) => !a.withinCadence || a.atRisk);
        expect(revenueAtRisk(groups)).toEqual({
          total: Math.round(flagged.reduce((sum, a) => sum + a.value, 0)),
          accounts: flagged.length,
          overdue: mine.filter((a) => !a.withinCadence).length,
          atRisk: mine.filter((a) => a.atRisk).length,
        });

        const strip = ({ withinCadence: _w, atRisk: _r, ...a }: (typeof pure)[number]) => a;
        expect(await listNeglected(t.db, scope, settings.escalationFactor, book.limit)).toEqual(
          rankNeglected(mine, settings.escalationFactor, book.limit).map(strip),
        );
        const byValue = mine
          .filter((a) => !a.withinCadence)
          .sort((a, b) => b.value - a.value || a.id - b.id)
          .slice(0, book.limit);
        expect(await listMostValuableOverdue(t.db, scope, book.limit)).toEqual(byValue.map(strip));
      }),
      { numRuns: 40 },
    );
  });
});
