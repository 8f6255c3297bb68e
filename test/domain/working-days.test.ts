import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatWorkingDays, parseWorkingDays } from "../../src/domain/working-days.js";

describe("working weeks as people write them", () => {
  it.each([
    ["Mon-Fri", [1, 2, 3, 4, 5]],
    ["Sun-Thu", [7, 1, 2, 3, 4]],
    ["Mon,Tue,Thu", [1, 2, 4]],
    ["mon-wed, fri", [1, 2, 3, 5]],
    ["Monday-Friday", [1, 2, 3, 4, 5]],
    ["Sat", [6]],
  ])("`%s` reads as ISO weekdays %j", (text, days) => {
    expect(parseWorkingDays(text)).toEqual({ ok: true, days });
  });

  it.each(["", "Mo-Fr", "Mon-", "weekdays", "Mon-Fri-Sat", "1-5"])(
    "`%s` is refused with an example",
    (text) => {
      const result = parseWorkingDays(text);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.problem).toContain("Mon-Fri, Sun-Thu or Mon,Tue,Thu");
    },
  );

  it.each([
    [[1, 2, 3, 4, 5], "Mon-Fri"],
    [[7, 1, 2, 3, 4], "Sun-Thu"],
    [[1, 2, 4], "Mon,Tue,Thu"],
    [[1, 2, 3, 4, 5, 6, 7], "Mon-Sun"],
  ])("%j is written back as %s", (days, text) => {
    expect(formatWorkingDays(days)).toBe(text);
  });

  it("any set of days written back reads as the same set", () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 7 }), { minLength: 1, maxLength: 7 }), (days) => {
        const back = parseWorkingDays(formatWorkingDays(days));
        expect(back.ok && [...back.days].sort()).toEqual([...days].sort());
      }),
    );
  });
});
