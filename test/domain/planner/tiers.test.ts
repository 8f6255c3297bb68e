import { describe, expect, it } from "vitest";
import { accountValue, rankByValue } from "../../../src/domain/planner/tiers.js";
import { settings } from "./book.js";

const shares = settings.tierShares;

describe("Pareto tiers (planner rule 1)", () => {
  it("the accounts making the first 80% of value are A, the next 15% B, the rest C", () => {
    // Total 1000: 500 + 300 = 80% → A; 100 + 50 = the next 15% → B; 30 + 20 → C.
    const values = [500, 300, 100, 50, 30, 20];
    const tiers = rankByValue(
      values.map((value, i) => ({ id: i + 1, value, tierOverride: null })),
      shares,
    );
    expect([...tiers.values()].map((s) => s.tier)).toEqual(["A", "A", "B", "B", "C", "C"]);
  });

  it("the account that crosses 80% is still A", () => {
    const tiers = rankByValue(
      [
        { id: 1, value: 700, tierOverride: null },
        { id: 2, value: 200, tierOverride: null },
        { id: 3, value: 100, tierOverride: null },
      ],
      shares,
    );
    expect(tiers.get(2)?.tier).toBe("A");
    expect(tiers.get(3)?.tier).toBe("B");
  });

  it("a tier set by hand wins over the ranking", () => {
    const tiers = rankByValue(
      [
        { id: 1, value: 900, tierOverride: "C" },
        { id: 2, value: 10, tierOverride: "A" },
      ],
      shares,
    );
    expect(tiers.get(1)?.tier).toBe("C");
    expect(tiers.get(2)?.tier).toBe("A");
  });

  it("ranks run from the most valuable, equal values by id, with the share ranked at or above", () => {
    const tiers = rankByValue(
      [
        { id: 7, value: 50, tierOverride: null },
        { id: 3, value: 50, tierOverride: null },
        { id: 9, value: 80, tierOverride: null },
        { id: 1, value: 10, tierOverride: null },
      ],
      shares,
    );
    expect([9, 3, 7, 1].map((id) => tiers.get(id)?.valueRank)).toEqual([1, 2, 3, 4]);
    expect(tiers.get(3)?.valuePercentile).toBe(0.5);
  });

  it("value is gross profit where present, else revenue", () => {
    expect(accountValue(1_000_000, 120_000)).toEqual({ value: 120_000, basis: "profit" });
    expect(accountValue(1_000_000, null)).toEqual({ value: 1_000_000, basis: "revenue" });
  });

  it("a loss-making account does not shrink the total the shares are taken of", () => {
    const tiers = rankByValue(
      [
        { id: 1, value: 100, tierOverride: null },
        { id: 2, value: -500, tierOverride: null },
      ],
      shares,
    );
    expect(tiers.get(1)?.tier).toBe("A");
    expect(tiers.get(2)?.tier).toBe("C");
  });
});
