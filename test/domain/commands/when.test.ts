import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/commands/parse.js";

function dueAt(when: string, now: string, zone: string): string {
  const result = parseCommand(`promise Acme ${when} call back`, { now: new Date(now), zone });
  if (!result.ok || result.command.type !== "promise") throw new Error(`no promise from ${when}`);
  return result.command.dueAt.toISOString();
}

describe("a promise's `when` resolves in the rep's own zone", () => {
  it("`tomorrow 9am` is 9:00 on the rep's next local day, wherever the rep is", () => {
    // 2026-06-15T23:30Z is already Tuesday in Berlin but still Monday in New York.
    expect(dueAt("tomorrow 9am", "2026-06-15T23:30:00Z", "Europe/Berlin")).toBe("2026-06-17T07:00:00.000Z");
    expect(dueAt("tomorrow 9am", "2026-06-15T23:30:00Z", "America/New_York")).toBe(
      "2026-06-16T13:00:00.000Z",
    );
    expect(dueAt("tomorrow 9am", "2026-06-15T23:30:00Z", "Asia/Kathmandu")).toBe("2026-06-17T03:15:00.000Z");
  });

  it("`tue 4pm` on a Tuesday morning is this afternoon, and on a Tuesday evening next week", () => {
    expect(dueAt("tue 4pm", "2026-06-16T08:00:00Z", "Europe/Berlin")).toBe("2026-06-16T14:00:00.000Z");
    expect(dueAt("tue 4pm", "2026-06-16T16:00:00Z", "Europe/Berlin")).toBe("2026-06-23T14:00:00.000Z");
  });

  it("`next tue` is never today", () => {
    expect(dueAt("next tue 4pm", "2026-06-16T08:00:00Z", "Europe/Berlin")).toBe("2026-06-23T14:00:00.000Z");
  });

  it("a day without a time is due at 17:00 local, or at the end of today once 17:00 has passed", () => {
    expect(dueAt("2026-12-01", "2026-06-15T10:00:00Z", "America/New_York")).toBe("2026-12-01T22:00:00.000Z");
    expect(dueAt("today", "2026-06-15T18:00:00Z", "Europe/Berlin")).toBe("2026-06-15T21:59:59.999Z");
  });

  it("`in 3 days` across a daylight-saving change keeps the local day", () => {
    // New York springs forward on 2026-03-08.
    expect(dueAt("in 3 days", "2026-03-06T15:00:00Z", "America/New_York")).toBe("2026-03-09T21:00:00.000Z");
  });

  it("`in 2 hours` is exact", () => {
    expect(dueAt("in 2 hours", "2026-06-15T10:00:00Z", "Australia/Lord_Howe")).toBe(
      "2026-06-15T12:00:00.000Z",
    );
  });

  it("`2026-12-01 14:30` is that wall-clock time in the rep's zone", () => {
    expect(dueAt("2026-12-01 14:30", "2026-06-15T10:00:00Z", "Asia/Kathmandu")).toBe(
      "2026-12-01T08:45:00.000Z",
    );
    expect(dueAt("2026-12-01T14:30", "2026-06-15T10:00:00Z", "UTC")).toBe("2026-12-01T14:30:00.000Z");
  });

  it("a snooze of 7 days from late Sunday night in Berlin counts from the rep's local date", () => {
    const result = parseCommand("snooze Acme 7", {
      now: new Date("2026-06-14T22:30:00Z"),
      zone: "Europe/Berlin",
    });
    expect(result).toEqual({
      ok: true,
      command: { type: "snooze", account: { kind: "name", text: "Acme" }, until: "2026-06-22" },
    });
  });
});
