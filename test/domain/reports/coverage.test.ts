import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { coverageByTier, formatShare, rankNeglected } from "../../../src/domain/reports/coverage.js";

const account = (id: number, tier: "A" | "B" | "C", value: number, days: number | null, cadence: number) => ({
  id,
  tier,
  value,
  days,
  cadence,
});

describe("the neglect order", () => {
  it("puts A accounts untouched for twice their cadence first, then value times how overdue", () => {
    const ranked = rankNeglected(
      [
        account(1, "B", 2_000_000, 90, 30), // 3 cadences late, very valuable
        account(2, "A", 500_000, 15, 7), // escalated (over 2x)
        account(3, "C", 5_000, null, 90), // never contacted, tiny
        account(4, "A", 900_000, 8, 7), // due, not escalated
        account(5, "A", 900_000, 3, 7), // within cadence: not listed
      ],
      2,
      10,
    );
    expect(ranked.map((a) => a.id)).toEqual([2, 1, 4, 3]);
  });

  it("never lists more than asked, nor an account within its cadence", () => {
    const item = fc.record({
      id: fc.integer({ min: 1, max: 10_000 }),
      tier: fc.constantFrom("A" as const, "B" as const, "C" as const),
      value: fc.integer({ min: 0, max: 10_000_000 }),
      days: fc.option(fc.integer({ min: 0, max: 1000 })),
      cadence: fc.integer({ min: 1, max: 120 }),
    });
    fc.assert(
      fc.property(fc.array(item, { maxLength: 60 }), fc.integer({ min: 1, max: 50 }), (items, limit) => {
        const ranked = rankNeglected(items, 2, limit);
        expect(ranked.length).toBeLessThanOrEqual(limit);
        for (const a of ranked) expect(a.days === null || a.days >= a.cadence).toBe(true);
      }),
    );
  });
});

describe("coverage per tier", () => {
  it("counts the accounts of each tier and those within cadence, and prints shares", () => {
    const cells = coverageByTier([
      { tier: "A", withinCadence: true },
      { tier: "A", withinCadence: false },
      { tier: "A", withinCadence: true },
      { tier: "C", withinCadence: false },
    ]);
    expect(cells.map(formatShare)).toEqual(["67% (2/3)", "–", "0% (0/1)"]);
  });
});
