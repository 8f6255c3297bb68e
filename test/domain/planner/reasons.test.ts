import { describe, expect, it } from "vitest";
import { valuePhrase } from "../../../src/domain/planner/reasons.js";

describe("the value part of a pick's reason (planner rule 11)", () => {
  const ranked = { valueRank: 30, valuePercentile: 0.45, valueBasis: "profit" as const, tier: "A" as const };

  it("an account ranked by value reads as its top share", () => {
    expect(valuePhrase(ranked)).toBe("Top 50% by gross profit");
  });

  it("a tier set by hand is explained as set by hand, not by a ranking it did not come from", () => {
    expect(valuePhrase({ ...ranked, tierByHand: true })).toBe("Tier A (set by hand)");
  });
});
