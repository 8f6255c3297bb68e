import { describe, expect, it } from "vitest";
import { comparedWithLastWeek, helpReason, repsNeedingHelp } from "../../../src/domain/digest/needs-help.js";
import { kindStats } from "../../../src/domain/nudges/effectiveness.js";
import { noisyLines, settingKeys } from "../../../src/domain/nudges/noisy.js";
import { resolveSettings } from "../../../src/domain/settings.js";

const a = (total: number, withinCadence: number) => ({ tier: "A" as const, total, withinCadence });

describe("who may need help", () => {
  it.each([
    { delivered: 10, ignored: 6, cell: a(4, 4), why: "ignored 6 of 10 picks this week" },
    { delivered: 10, ignored: 5, cell: a(4, 4), why: null },
    { delivered: 2, ignored: 2, cell: a(4, 4), why: null }, // too few picks to say
    { delivered: 0, ignored: 0, cell: a(4, 1), why: "1 of 4 A accounts within cadence" },
    { delivered: 0, ignored: 0, cell: a(4, 2), why: null },
    { delivered: 0, ignored: 0, cell: a(0, 0), why: null }, // no A accounts
    {
      delivered: 5,
      ignored: 5,
      cell: a(2, 0),
      why: "ignored 5 of 5 picks this week; 0 of 2 A accounts within cadence",
    },
  ])(
    "$delivered delivered, $ignored ignored, A $cell.withinCadence/$cell.total: $why",
    ({ delivered, ignored, cell, why }) => {
      expect(helpReason({ name: "Ana", delivered, ignored, a: cell })).toBe(why);
    },
  );

  it("lists the most ignoring rep first and leaves out those who are fine", () => {
    expect(
      repsNeedingHelp([
        { name: "Ana", delivered: 10, ignored: 7, a: a(1, 1) },
        { name: "Bo", delivered: 10, ignored: 9, a: a(1, 1) },
        { name: "Cy", delivered: 10, ignored: 1, a: a(1, 1) },
      ]).map((r) => r.name),
    ).toEqual(["Bo", "Ana"]);
  });

  it.each([
    { now: [18, 25], last: [13, 25], text: "72% (18/25), up from 52% last week" },
    { now: [10, 25], last: [20, 25], text: "40% (10/25), down from 80% last week" },
    { now: [1, 2], last: [2, 4], text: "50% (1/2), as last week" },
    { now: [1, 2], last: null, text: "50% (1/2); no digest last week to compare with" },
    { now: [0, 0], last: [1, 2], text: "no A accounts; no digest last week to compare with" },
  ])("A coverage $now against $last reads “$text”", ({ now, last, text }) => {
    const pair = (p: number[]) => ({ within: p[0]!, total: p[1]! });
    expect(comparedWithLastWeek(pair(now), last && pair(last))).toBe(text);
  });
});

describe("too noisy, in words", () => {
  it("names the catalogue keys of the setting that quiets the kind", () => {
    expect(settingKeys("cadenceDays")).toEqual(["cadence_a", "cadence_b", "cadence_c"]);
    expect(settingKeys("reviewMonths")).toEqual(["review_months"]);
    const review = (status: "open" | "done") => ({
      repId: 1,
      kind: "review" as const,
      status,
      localDate: "2026-03-02",
      delivered: true,
      lastOrderAt: null,
    });
    const stats = kindStats(
      [review("open"), review("open"), review("open"), review("open"), review("open")],
      "2026-03-20",
      resolveSettings({}),
    );
    expect(noisyLines(stats.filter((s) => s.repId === null))).toEqual([
      "*Too noisy:* review picks were ignored 100% of the time over four weeks (5 of 5); raise `review_months` to make them rarer.",
    ]);
  });
});
