/**
 * The planner's ranking exists twice: the database keeps each rep's best candidates
 * (src/storage/candidates.ts) and the pure planner scores them (src/domain/planner/score.ts).
 * This proves, on random books, that the database keeps exactly the accounts the pure planner
 * ranks best, with the tier it derives (docs/decisions/0005-ranking-once.md).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { refreshDates, retierWorkspace } from "../../src/app/accounts/retier.js";
import { accountCandidate } from "../../src/domain/planner/candidates.js";
import { byScore } from "../../src/domain/planner/score.js";
import { accountValue, rankByValue } from "../../src/domain/planner/tiers.js";
import type { CheckInOutcome, PlannerAccount, Tier } from "../../src/domain/planner/types.js";
import { resolveSettings } from "../../src/domain/settings.js";
import { addDays } from "../../src/domain/time.js";
import { findActiveCandidates } from "../../src/storage/candidates.js";
import { accounts, snoozes } from "../../src/storage/schema.js";
import { loadValueRanking } from "../../src/storage/value-ranking.js";
import { createRep, createWorkspace } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";

const t = useTestDatabase();
const DAY_MS = 86_400_000;
const ZONES = ["UTC", "Europe/Lisbon", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"];
// Days around the spring and autumn clock changes, and an ordinary one.
const DATES = ["2026-03-08", "2026-03-29", "2026-11-01", "2026-06-15"];
const OUTCOMES: CheckInOutcome[] = ["connected", "no_answer", "at_risk", "issue_raised", "opportunity"];
const TIERS: Tier[] = ["A", "B", "C"];

const settingsArb = fc.record({
  timezone: fc.constantFrom(...ZONES),
  cadenceDays: fc.record({
    A: fc.integer({ min: 1, max: 14 }),
    B: fc.integer({ min: 1, max: 30 }),
    C: fc.integer({ min: 1, max: 90 }),
  }),
  tierShares: fc.record({ A: fc.constantFrom(0.5, 0.7, 0.8), B: fc.constantFrom(0.1, 0.15, 0.2) }),
  riskGapFactor: fc.constantFrom(1.25, 1.5, 2, 3),
  reviewMonths: fc.integer({ min: 1, max: 12 }),
});

const accountArb = fc.record({
  owner: fc.nat(2),
  // Repeated values test the ties (broken by id in both rankings).
  revenue: fc.oneof(fc.constantFrom(0, 990, 50_000), fc.integer({ min: 0, max: 2_000_000 })),
  profit: fc.option(fc.integer({ min: -20_000, max: 500_000 }), { nil: null }),
  tierOverride: fc.option(fc.constantFrom(...TIERS), { nil: null }),
  lost: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  // Mostly around the cadences (due or not by a day), sometimes up to four years back: older than
  // the three years of day starts the query looks up.
  contactMsAgo: fc.option(
    fc.oneof(
      { arbitrary: fc.integer({ min: 0, max: 40 * DAY_MS }), weight: 3 },
      { arbitrary: fc.integer({ min: 0, max: 1500 * DAY_MS }), weight: 1 },
    ),
    { nil: null },
  ),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  orderDaysAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  orderInterval: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  reviewMsAgo: fc.option(fc.integer({ min: 0, max: 500 * DAY_MS }), { nil: null }),
  snoozeDays: fc.option(fc.integer({ min: -3, max: 10 }), { nil: null }),
});

const bookArb = fc.record({
  date: fc.constantFrom(...DATES),
  settings: settingsArb,
  repZones: fc.array(fc.option(fc.constantFrom(...ZONES), { nil: null }), { minLength: 3, maxLength: 3 }),
  accounts: fc.array(accountArb, { maxLength: 40 }),
  keep: fc.integer({ min: 1, max: 6 }),
  // Zone lookups (a few zones) or the exact conversion on every row: both paths are checked.
  lookupZones: fc.boolean(),
});

type Book = typeof bookArb extends fc.Arbitrary<infer B> ? B : never;

/** Stores the book in a new workspace; the pure planner's view of each stored active account. */
async function storeBook(book: Book) {
  // fast-check's records have no prototype: stored as the plain JSON they are.
  const workspaceId = await createWorkspace(t.db, { settings: JSON.parse(JSON.stringify(book.settings)) });
  const settings = resolveSettings(book.settings);
  const now = new Date(`${book.date}T12:00:00Z`);
  const reps: Awaited<ReturnType<typeof createRep>>[] = [];
  for (const zone of book.repZones) reps.push(await createRep(t.db, workspaceId, { timezone: zone }));
  const ago = (ms: number | null) => (ms === null ? null : new Date(now.getTime() - ms));
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
    lastContactAt: ago(a.contactMsAgo),
    lastOutcome: a.outcome,
    lastOrderAt: a.orderDaysAgo === null ? null : addDays(book.date, -a.orderDaysAgo),
    avgOrderIntervalDays: a.orderInterval,
    lastReviewAt: ago(a.reviewMsAgo),
  }));
  const ids =
    values.length === 0 ? [] : await t.db.insert(accounts).values(values).returning({ id: accounts.id });
  const snoozed = book.accounts.flatMap((a, i) =>
    a.snoozeDays === null
      ? []
      : [
          {
            workspaceId,
            accountId: ids[i]!.id,
            repId: reps[a.owner]!.id,
            until: addDays(book.date, a.snoozeDays),
          },
        ],
  );
  if (snoozed.length > 0) await t.db.insert(snoozes).values(snoozed);
  // As every write path does: the stored tiers and planner dates follow (issue 11).
  await retierWorkspace(t.db, workspaceId);
  await refreshDates(t.db, workspaceId, { all: true });

  const active = values.flatMap((v, i) => (v.status === "active" ? [{ ...v, id: ids[i]!.id, i }] : []));
  const standings = rankByValue(
    active.map((a) => ({
      id: a.id,
      value: accountValue(a.annualRevenue, a.grossProfit).value,
      tierOverride: a.tierOverride,
    })),
    settings.tierShares,
  );
  const plannerAccounts = active.map((a): PlannerAccount & { snoozeDays: number | null } => {
    const { value, basis } = accountValue(a.annualRevenue, a.grossProfit);
    const standing = standings.get(a.id)!;
    return {
      id: a.id,
      externalId: a.externalId,
      name: a.name,
      ownerRepId: a.ownerRepId,
      status: "active",
      tier: standing.tier,
      valueRank: standing.valueRank,
      valuePercentile: standing.valuePercentile,
      value,
      valueBasis: basis,
      cadenceDays: a.cadenceDays,
      lastContactAt: a.lastContactAt,
      lastChannel: null,
      lastOutcome: a.lastOutcome,
      lastNote: null,
      lastOrderAt: a.lastOrderAt,
      avgOrderIntervalDays: a.avgOrderIntervalDays,
      lastReviewAt: a.lastReviewAt,
      customerSince: null,
      snoozedUntil: null,
      departure: null,
      snoozeDays: book.accounts[a.i]!.snoozeDays,
    };
  });
  return { workspaceId, settings, reps, plannerAccounts };
}

describe("the candidate query ranks as the pure planner does", () => {
  it("on random books, the database keeps each rep's best-scored due accounts, with their tiers, and counts them all", async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, async (book) => {
        const { workspaceId, settings, reps, plannerAccounts } = await storeBook(book);
        const zoneOf = new Map(reps.map((r) => [r.id, r.timezone ?? settings.timezone]));
        const ctx = { date: book.date, settings, zoneOf: (id: number) => zoneOf.get(id) };

        const ranking = await loadValueRanking(t.db, workspaceId, settings.tierShares);
        const zones = [...new Set(zoneOf.values())];
        const found = await findActiveCandidates(
          t.db,
          {
            workspaceId,
            date: book.date,
            settings,
            ranking,
            repIds: reps.map((r) => r.id),
            zones: book.lookupZones ? zones : [],
          },
          book.keep,
        );

        for (const rep of reps) {
          const expected = plannerAccounts
            // Snoozed until a later day: left out (due again on the day itself).
            .filter((a) => a.ownerRepId === rep.id && (a.snoozeDays === null || a.snoozeDays <= 0))
            .flatMap((a) => {
              const candidate = accountCandidate(a, ctx);
              return candidate ? [{ accountId: a.id, score: candidate.score, tier: a.tier }] : [];
            })
            .sort(byScore);
          const kept = (found.accountsByOwner.get(rep.id) ?? [])
            .map((a) => ({ accountId: a.id, tier: a.tier }))
            .sort((a, b) => a.accountId - b.accountId);
          const best = expected
            .slice(0, book.keep)
            .map((c) => ({ accountId: c.accountId, tier: c.tier }))
            .sort((a, b) => a.accountId - b.accountId);

          expect(found.countByOwner.get(rep.id) ?? 0).toBe(expected.length);
          expect(kept).toEqual(best);
        }
      }),
      { numRuns: 80 },
    );
  }, 120_000);
});
