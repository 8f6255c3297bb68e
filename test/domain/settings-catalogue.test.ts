import { describe, expect, it } from "vitest";
import { resolveSettings, workspaceSettingsSchema } from "../../src/domain/settings.js";
import { changeSetting, describeSettings, SETTINGS } from "../../src/domain/settings-catalogue.js";

describe("the workspace settings catalogue", () => {
  it("lists every setting with its value, its default and a meaning", () => {
    const lines = describeSettings({ cadenceDays: { A: 14, B: 30, C: 90 } });
    expect(lines.map((l) => l.key)).toEqual(SETTINGS.map((s) => s.key));
    expect(lines.find((l) => l.key === "cadence_a")).toMatchObject({ value: "14", default: "7", set: true });
    expect(lines.find((l) => l.key === "working_days")).toMatchObject({ value: "Mon-Fri", set: false });
    for (const line of lines) expect(line.meaning.length).toBeGreaterThan(20);
  });

  it("covers every field of the settings schema", () => {
    const covered = new Set(SETTINGS.map((s) => s.path[0]));
    expect([...covered].sort()).toEqual(Object.keys(workspaceSettingsSchema.shape).sort());
  });

  it("a cadence set for one tier keeps the other tiers' values", () => {
    const change = changeSetting({}, "cadence_b", "45");
    expect(change.ok && resolveSettings(change.stored).cadenceDays).toEqual({ A: 7, B: 45, C: 90 });
  });

  it("reads typed values: a working week, a percentage, an hour", () => {
    const week = changeSetting({}, "working_days", "Sun-Thu");
    expect(week.ok && week.stored.workingDays).toEqual([7, 1, 2, 3, 4]);
    const share = changeSetting({}, "tier_share_a", "70%");
    expect(share.ok && share.stored.tierShares?.A).toBe(0.7);
    const hour = changeSetting({}, "NUDGE-HOUR", "8");
    expect(hour.ok && hour.shown).toBe("08:00");
  });

  it("`default` removes the workspace's own value", () => {
    const change = changeSetting({ handful: 3, timezone: "Europe/Berlin" }, "handful", "default");
    expect(change.ok && change.stored).toEqual({ timezone: "Europe/Berlin" });
  });

  it.each([
    ["cadence_a", "fourteen", "cadence_a `fourteen`: must be a whole number from 1 to 3650"],
    ["handful", "0", "handful `0`: must be a whole number from 1 to 20"],
    ["timezone", "Mars/Base", "timezone `Mars/Base`: is not an IANA time zone"],
    ["working_days", "weekdays", "is not a working week; write it like Mon-Fri"],
    ["tier_share_a", "90%", "tier_share_a and tier_share_b together must stay under 100%"],
    ["cutoff_hour", "9", "the cut-off (09:00) must come after the nudge hour (09:00)"],
    ["colour", "blue", "there is no setting `colour`; the settings are timezone, working_days"],
  ])("%s %s is refused with a sentence saying why", (key, value, message) => {
    const change = changeSetting({}, key, value);
    expect(change.ok).toBe(false);
    if (!change.ok) expect(change.problem).toContain(message);
  });
});
