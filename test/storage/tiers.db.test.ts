/**
 * Stored tiers (planner rule 1): after `rerankTiers`, and after the migration's backfill, every
 * account's `tier` is what `rankByValue` gives it among the workspace's active accounts (its
 * hand-set tier first; lost accounts by the same comparison with the least valuable A and B).
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { accountValue, rankByValue } from "../../src/domain/planner/tiers.js";
import type { Tier } from "../../src/domain/planner/types.js";
import { resolveSettings } from "../../src/domain/settings.js";
import { accounts } from "../../src/storage/schema.js";
import { rerankTiers } from "../../src/storage/tiers.js";
import { createRep, createWorkspace } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";

const t = useTestDatabase();
const TIERS: Tier[] = ["A", "B", "C"];

const accountArb = fc.record({
  revenue: fc.oneof(fc.constantFrom(0, 990, 50_000), fc.integer({ min: 0, max: 2_000_000 })),
  profit: fc.option(fc.integer({ min: -20_000, max: 500_000 }), { nil: null }),
  tierOverride: fc.option(fc.constantFrom(...TIERS), { nil: null }),
  lost: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  stale: fc.constantFrom(...TIERS),
});
const bookArb = fc.record({
  shares: fc.record({ A: fc.constantFrom(0.5, 0.7, 0.8), B: fc.constantFrom(0.1, 0.15, 0.2) }),
  accounts: fc.array(accountArb, { maxLength: 40 }),
});
type Book = typeof bookArb extends fc.Arbitrary<infer B> ? B : never;

/** Stores the book with random stale tiers; the tiers the pure ranking gives, by account id. */
async function storeBook(book: Book): Promise<{ workspaceId: number; expected: Map<number, Tier> }> {
  const workspaceId = await createWorkspace(t.db, {
    settings: { tierShares: { A: book.shares.A, B: book.shares.B } },
  });
  const rep = await createRep(t.db, workspaceId);
  const rows = book.accounts.map((a, i) => ({
    workspaceId,
    externalId: `ACC-${i}`,
    name: `Account ${i}`,
    ownerRepId: rep.id,
    annualRevenue: a.revenue,
    grossProfit: a.profit,
    tierOverride: a.tierOverride,
    status: a.lost ? ("lost" as const) : ("active" as const),
    tier: a.stale,
  }));
  const ids =
    rows.length === 0 ? [] : await t.db.insert(accounts).values(rows).returning({ id: accounts.id });
  const valued = rows.map((r, i) => ({
    id: ids[i]!.id,
    value: accountValue(r.annualRevenue, r.grossProfit).value,
    tierOverride: r.tierOverride,
    active: r.status === "active",
  }));
  const shares = resolveSettings({ tierShares: book.shares }).tierShares;
  const active = valued.filter((v) => v.active);
  // Pareto tiers without the hand-set ones: they tell the least valuable A and B.
  const pareto = rankByValue(
    active.map((v) => ({ ...v, tierOverride: null })),
    shares,
  );
  const least = (tier: Tier) =>
    active.filter((v) => pareto.get(v.id)!.tier === tier).sort((a, b) => a.value - b.value || b.id - a.id)[0];
  const lastA = least("A");
  const lastB = least("B");
  const atOrAbove = (v: { id: number; value: number }, p: { id: number; value: number } | undefined) =>
    p !== undefined && (v.value > p.value || (v.value === p.value && v.id <= p.id));
  const expected = new Map<number, Tier>();
  for (const v of valued) {
    const byValue = atOrAbove(v, lastA) ? "A" : atOrAbove(v, lastB) ? "B" : "C";
    expected.set(v.id, v.tierOverride ?? (v.active ? pareto.get(v.id)!.tier : byValue));
  }
  return { workspaceId, expected };
}

async function storedTiers(workspaceId: number): Promise<Map<number, Tier>> {
  const rows = await t.db
    .select({ id: accounts.id, tier: accounts.tier })
    .from(accounts)
    .where(eq(accounts.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.id, r.tier]));
}

describe("stored tiers", () => {
  it("rerankTiers stores the tier the pure Pareto ranking gives every account, on random books", async () => {
    await fc.assert(
      fc.asyncProperty(bookArb, async (book) => {
        const { workspaceId, expected } = await storeBook(book);
        await rerankTiers(t.db, workspaceId, resolveSettings({ tierShares: book.shares }).tierShares);
        expect(await storedTiers(workspaceId)).toEqual(expected);
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("the migration's backfill stores the same tiers as rerankTiers", async () => {
    const migration = readFileSync(
      new URL("../../migrations/0008_account-tier.sql", import.meta.url),
      "utf8",
    );
    const backfill = migration.split("--> statement-breakpoint")[1]!;
    await fc.assert(
      fc.asyncProperty(bookArb, async (book) => {
        const { workspaceId, expected } = await storeBook(book);
        await t.db.execute(sql.raw(backfill));
        expect(await storedTiers(workspaceId)).toEqual(expected);
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("rerankTiers writes only the accounts whose tier changed", async () => {
    const { workspaceId } = await storeBook({
      shares: { A: 0.8, B: 0.15 },
      accounts: [500, 300, 150, 50].map((revenue) => ({
        revenue,
        profit: null,
        tierOverride: null,
        lost: false,
        stale: "C" as const,
      })),
    });
    const shares = { A: 0.8, B: 0.15 };
    expect(await rerankTiers(t.db, workspaceId, shares)).toBe(3);
    expect([...(await storedTiers(workspaceId)).values()].sort()).toEqual(["A", "A", "B", "C"]);
    expect(await rerankTiers(t.db, workspaceId, shares)).toBe(0);
  });
});
