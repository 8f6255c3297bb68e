import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/commands/parse.js";

const at = { now: new Date("2026-06-15T10:00:00Z"), zone: "America/New_York" };

function refusal(text: string): string {
  const result = parseCommand(text, at);
  if (result.ok) throw new Error(`${text} was accepted as ${JSON.stringify(result.command)}`);
  return JSON.stringify(result);
}

describe("a promise's `when` refuses what is no date or time instead of keeping it as text", () => {
  it.each(["tue 23:60", "tomorrow 25pm", "tomorrow at 13pm", "2026-12-01 4:75am", "fri 0am"])(
    "`%s` is refused, naming the bad time",
    (when) => {
      expect(refusal(`promise Acme ${when} call back`)).toMatch(/not a time of day/);
    },
  );

  it("a date in year 9999 (year 10000 in UTC) is refused as too far ahead, before any database sees it", () => {
    expect(refusal("promise Acme 9999-12-31 23:30 call back")).toMatch(/too far ahead/);
    expect(refusal("promise Acme 2040-01-01 call back")).toMatch(/too far ahead/);
  });

  it("a valid time right after the day is still read as the time", () => {
    const result = parseCommand("promise Acme tomorrow 4:30pm call back", at);
    expect(result.ok && result.command.type === "promise" && result.command.what).toBe("call back");
  });
});
