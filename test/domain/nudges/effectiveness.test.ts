import { describe, expect, it } from "vitest";
import { kindStats, type PickOutcome } from "../../../src/domain/nudges/effectiveness.js";
import { resolveSettings } from "../../../src/domain/settings.js";

const settings = resolveSettings({});
const TODAY = "2026-03-31";

const outcome = (over: Partial<PickOutcome>): PickOutcome => ({
  repId: 1,
  kind: "due",
  status: "open",
  localDate: "2026-03-10",
  delivered: true,
  lastOrderAt: null,
  ...over,
});

describe("which nudges work", () => {
  it("counts delivered, acted on and ignored per kind, for the workspace and per rep", () => {
    const stats = kindStats(
      [
        outcome({ status: "done" }),
        outcome({ status: "snoozed" }),
        outcome({ status: "skipped" }),
        outcome({ status: "open" }),
        outcome({ repId: 2, status: "open" }),
        outcome({ delivered: false }),
      ],
      TODAY,
      settings,
    );
    expect(stats.map((s) => [s.kind, s.repId, s.delivered, s.actedOn, s.ignored])).toEqual([
      ["due", null, 5, 2, 2],
      ["due", 1, 4, 2, 1],
      ["due", 2, 1, 0, 1],
    ]);
  });

  it.each([
    { lastOrderAt: "2026-04-20", reordered: 1, why: "ordered 41 days after the pick" },
    { lastOrderAt: "2026-05-20", reordered: 0, why: "ordered 71 days after, outside 60" },
    { lastOrderAt: "2026-03-01", reordered: 0, why: "last order before the pick" },
    { lastOrderAt: null, reordered: 0, why: "no order known" },
  ])("a risk pick whose customer $why counts $reordered reorder", ({ lastOrderAt, reordered }) => {
    const [all] = kindStats([outcome({ kind: "risk", status: "done", lastOrderAt })], TODAY, settings);
    expect(all?.reordered).toBe(reordered);
  });

  it("a kind ignored more than 80% of the time is flagged with the setting that would quiet it", () => {
    const reviews = Array.from({ length: 10 }, (_, i) =>
      outcome({ kind: "review", status: i < 9 ? "open" : "done" }),
    );
    const dues = Array.from({ length: 10 }, (_, i) => outcome({ status: i < 8 ? "open" : "done" }));
    const promises = Array.from({ length: 10 }, () => outcome({ kind: "promise" }));
    const stats = kindStats([...reviews, ...dues, ...promises], TODAY, settings).filter(
      (s) => s.repId === null,
    );
    expect(stats.map((s) => [s.kind, s.noisy?.setting ?? null])).toEqual([
      ["due", null],
      ["promise", null],
      ["review", "reviewMonths"],
    ]);
  });
});
