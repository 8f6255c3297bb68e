import { describe, expect, it } from "vitest";
import { isDigestDay, weekStart } from "../../../src/domain/digest/week.js";

const MON_FRI = [1, 2, 3, 4, 5];
const SUN_THU = [7, 1, 2, 3, 4];
const none = new Set<string>();

describe("when the weekly digest goes out", () => {
  it.each([
    { date: "2026-03-09", days: MON_FRI, start: "2026-03-09", why: "a Monday starts a Mon-Fri week" },
    { date: "2026-03-13", days: MON_FRI, start: "2026-03-09", why: "a Friday belongs to its Monday" },
    {
      date: "2026-03-15",
      days: MON_FRI,
      start: "2026-03-09",
      why: "the Sunday after belongs to the same week",
    },
    { date: "2026-03-08", days: SUN_THU, start: "2026-03-08", why: "a Sunday starts a Sun-Thu week" },
    { date: "2026-03-12", days: SUN_THU, start: "2026-03-08", why: "a Thursday belongs to its Sunday" },
    {
      date: "2026-03-14",
      days: SUN_THU,
      start: "2026-03-08",
      why: "the Saturday after belongs to the same week",
    },
    {
      date: "2026-03-30",
      days: MON_FRI,
      start: "2026-03-30",
      why: "the Monday after Europe's spring DST change",
    },
    {
      date: "2026-11-02",
      days: MON_FRI,
      start: "2026-11-02",
      why: "the Monday after the US autumn DST change",
    },
  ])("$why: week of $date starts $start", ({ date, days, start }) => {
    expect(weekStart(date, days)).toBe(start);
  });

  it.each([
    { date: "2026-03-09", days: MON_FRI, holidays: none, due: true, why: "the Monday of a Mon-Fri week" },
    {
      date: "2026-03-10",
      days: MON_FRI,
      holidays: none,
      due: false,
      why: "a Tuesday after a working Monday",
    },
    { date: "2026-03-08", days: MON_FRI, holidays: none, due: false, why: "a Sunday off" },
    { date: "2026-03-08", days: SUN_THU, holidays: none, due: true, why: "the Sunday of a Sun-Thu week" },
    { date: "2026-03-09", days: SUN_THU, holidays: none, due: false, why: "the Monday of a Sun-Thu week" },
    {
      date: "2026-04-07",
      days: MON_FRI,
      holidays: new Set(["2026-04-06"]),
      due: true,
      why: "the Tuesday after Easter Monday",
    },
    {
      date: "2026-04-06",
      days: MON_FRI,
      holidays: new Set(["2026-04-06"]),
      due: false,
      why: "Easter Monday itself",
    },
  ])("$why: due is $due", ({ date, days, holidays, due }) => {
    expect(isDigestDay(date, days, holidays)).toBe(due);
  });

  it("exactly one digest day in every week of a year, for both kinds of week", () => {
    for (const days of [MON_FRI, SUN_THU]) {
      const perWeek = new Map<string, number>();
      for (
        let d = new Date("2026-01-01T00:00:00Z");
        d.getUTCFullYear() === 2026;
        d.setUTCDate(d.getUTCDate() + 1)
      ) {
        const date = d.toISOString().slice(0, 10);
        if (isDigestDay(date, days, none))
          perWeek.set(weekStart(date, days), (perWeek.get(weekStart(date, days)) ?? 0) + 1);
      }
      expect([...perWeek.values()].every((n) => n === 1)).toBe(true);
      expect(perWeek.size).toBeGreaterThanOrEqual(52);
    }
  });
});
