import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseCommand } from "../../../src/domain/commands/parse.js";
import type { Command } from "../../../src/domain/commands/types.js";
import { plainText } from "../../../src/domain/rich-text.js";

// Monday 2026-06-15, 12:00 in Berlin.
const at = { now: new Date("2026-06-15T10:00:00Z"), zone: "Europe/Berlin" };

function command(text: string): Command {
  const result = parseCommand(text, at);
  if (!result.ok) throw new Error(`expected a command from ${JSON.stringify(text)}, got: ${result.error}`);
  return result.command;
}

function usageError(text: string): { error: string; usage: string } {
  const result = parseCommand(text, at);
  if (result.ok) throw new Error(`expected a usage error from ${JSON.stringify(text)}`);
  return result;
}

describe("parseCommand reads every sub-command", () => {
  it.each<[string, Command]>([
    ["", { type: "help" }],
    ["help", { type: "help" }],
    ["/retention help promise", { type: "help", topic: "promise" }],
    ["retention today", { type: "today" }],
    ["TODAY", { type: "today" }],
    ["log Acme", { type: "log", account: { kind: "name", text: "Acme" }, channel: "other" }],
    [
      "log Acme Corp call left a message  with Jo",
      {
        type: "log",
        account: { kind: "name", text: "Acme Corp" },
        channel: "call",
        note: "left a message  with Jo",
      },
    ],
    [
      "log #12 email at_risk they are unhappy",
      {
        type: "log",
        account: { kind: "id", id: 12 },
        channel: "email",
        outcome: "at_risk",
        note: "they are unhappy",
      },
    ],
    [
      'log "Call Center GmbH" met lunch',
      { type: "log", account: { kind: "name", text: "Call Center GmbH" }, channel: "meeting", note: "lunch" },
    ],
    ["log Acme video", { type: "log", account: { kind: "name", text: "Acme" }, channel: "video" }],
    ["snooze Acme 14", { type: "snooze", account: { kind: "name", text: "Acme" }, until: "2026-06-29" }],
    [
      "snooze Acme Corp 2 weeks",
      { type: "snooze", account: { kind: "name", text: "Acme Corp" }, until: "2026-06-29" },
    ],
    ["snooze Acme 1 month", { type: "snooze", account: { kind: "name", text: "Acme" }, until: "2026-07-15" }],
    ["snooze #4 2026-07-01", { type: "snooze", account: { kind: "id", id: 4 }, until: "2026-07-01" }],
    [
      "snooze Acme in 3 days",
      { type: "snooze", account: { kind: "name", text: "Acme" }, until: "2026-06-18" },
    ],
    [
      "promise Acme tue 4pm send the pricing sheet",
      {
        type: "promise",
        account: { kind: "name", text: "Acme" },
        dueAt: new Date("2026-06-16T14:00:00Z"),
        what: "send the pricing sheet",
      },
    ],
    [
      "promise Acme Corp tomorrow 9am call back",
      {
        type: "promise",
        account: { kind: "name", text: "Acme Corp" },
        dueAt: new Date("2026-06-16T07:00:00Z"),
        what: "call back",
      },
    ],
    [
      "promise Acme 2026-12-01 14:30 demo",
      {
        type: "promise",
        account: { kind: "name", text: "Acme" },
        dueAt: new Date("2026-12-01T13:30:00Z"),
        what: "demo",
      },
    ],
    [
      "promise Acme 2026-12-01 demo",
      {
        type: "promise",
        account: { kind: "name", text: "Acme" },
        dueAt: new Date("2026-12-01T16:00:00Z"),
        what: "demo",
      },
    ],
    [
      "promise Acme in 2 weeks quote",
      {
        type: "promise",
        account: { kind: "name", text: "Acme" },
        dueAt: new Date("2026-06-29T15:00:00Z"),
        what: "quote",
      },
    ],
    ["account AT&amp;T", { type: "account", account: { kind: "name", text: "AT&T" } }],
    ["account #7", { type: "account", account: { kind: "id", id: 7 } }],
    ["lost Acme price", { type: "lost", account: { kind: "name", text: "Acme" }, reason: "price" }],
    [
      "lost Acme Corp: moved to a competitor",
      { type: "lost", account: { kind: "name", text: "Acme Corp" }, reason: "moved to a competitor" },
    ],
    [
      'lost "Acme Corp" price',
      { type: "lost", account: { kind: "name", text: "Acme Corp" }, reason: "price" },
    ],
    ["won Acme Corp", { type: "won", account: { kind: "name", text: "Acme Corp" } }],
    ["report", { type: "report" }],
    ["report <@U12345|jane>", { type: "report", rep: { kind: "slack", userId: "U12345" } }],
    ["report @Jane@Example.com", { type: "report", rep: { kind: "email", email: "jane@example.com" } }],
    ["report <at>Jane Doe</at>", { type: "report", rep: { kind: "name", text: "Jane Doe" } }],
    ["neglected", { type: "neglected", limit: 10 }],
    ["neglected 50", { type: "neglected", limit: 50 }],
    ["departed", { type: "departed" }],
    [
      "assign Acme Corp <@U999>",
      {
        type: "assign",
        account: { kind: "name", text: "Acme Corp" },
        rep: { kind: "slack", userId: "U999" },
      },
    ],
    [
      "assign Acme <mailto:sam@example.com|sam@example.com>",
      {
        type: "assign",
        account: { kind: "name", text: "Acme" },
        rep: { kind: "email", email: "sam@example.com" },
      },
    ],
    [
      "pause @jane@x.com in 10 days <@U123|sam>",
      {
        type: "pause",
        rep: { kind: "email", email: "jane@x.com" },
        until: "2026-06-25",
        backup: { kind: "slack", userId: "U123" },
      },
    ],
    ["pause 2026-07-03", { type: "pause", rep: { kind: "self" }, until: "2026-07-03" }],
    ["pause me for 5 days", { type: "pause", rep: { kind: "self" }, until: "2026-06-20" }],
    ["pause @jane off", { type: "pause", rep: { kind: "name", text: "jane" }, until: null }],
    ["settings", { type: "settings", changes: {} }],
    [
      "settings handful 3 hour 8 tz America/New_York digest on",
      { type: "settings", changes: { handful: 3, hour: 8, timezone: "America/New_York", digest: true } },
    ],
    ["<at>Retention</at> today", { type: "today" }],
    // Words that name Object.prototype members are plain words, not channels or units.
    [
      "log Acme constructor toString",
      { type: "log", account: { kind: "name", text: "Acme constructor toString" }, channel: "other" },
    ],
    [
      "snooze Acme 3 __proto__ 4 days",
      { type: "snooze", account: { kind: "name", text: "Acme 3 __proto__" }, until: "2026-06-19" },
    ],
  ])("%j", (text, expected) => {
    expect(command(text)).toEqual(expected);
  });
});

describe("parseCommand answers bad input with a usage error naming the problem", () => {
  it.each<[string, RegExp, string]>([
    ["frobnicate", /don't know the command `frobnicate`/, "Usage: /retention <command>"],
    ["log", /Name an account/, "Usage: /retention log <account>"],
    ["snooze Acme", /number of days or a date/, "Usage: /retention snooze"],
    ["snooze Acme 2026-01-01", /in the past/, "Usage: /retention snooze"],
    ["snooze Acme 2026-02-30", /not a real date/, "Usage: /retention snooze"],
    ["promise Acme", /say when/i, "Usage: /retention promise"],
    ["promise Acme tomorrow", /say what you promised/i, "Usage: /retention promise"],
    ["promise Acme today 9am call", /2026-06-15 09:00 is in the past/, "Usage: /retention promise"],
    ["promise Acme 2025-12-01 call", /in the past/, "Usage: /retention promise"],
    ["account", /Name an account/, "Usage: /retention account"],
    ["lost Acme", /reason/, "Usage: /retention lost"],
    ["neglected 0", /not a number from 1 to 50/, "Usage: /retention neglected"],
    ["neglected 51", /not a number from 1 to 50/, "Usage: /retention neglected"],
    ["neglected lots", /not a number from 1 to 50/, "Usage: /retention neglected"],
    ["assign Acme", /new owner/, "Usage: /retention assign"],
    ["assign <@U123>", /Name an account/, "Usage: /retention assign"],
    ["pause @jane", /until when/, "Usage: /retention pause"],
    ["pause @jane someday", /not a date/, "Usage: /retention pause"],
    ["pause @jane 2026-01-01", /in the past/, "Usage: /retention pause"],
    ["settings handful 0", /1 to 20/, "Usage: /retention settings"],
    ["settings handful 21", /1 to 20/, "Usage: /retention settings"],
    ["settings hour 24", /0 to 23/, "Usage: /retention settings"],
    ["settings tz Mars/Base", /not an IANA time zone/, "Usage: /retention settings"],
    ["settings digest maybe", /on` or `off/, "Usage: /retention settings"],
    ["settings colour blue", /no setting `colour`/, "Usage: /retention settings"],
    ["settings handful", /Give a value/, "Usage: /retention settings"],
    ["today please", /nothing more/, "Usage: /retention today"],
    ["help frob", /no command `frob`/, "Usage: /retention help"],
    ["constructor", /don't know the command `constructor`/, "Usage: /retention <command>"],
    ["promise Acme 3constructor x", /say when/i, "Usage: /retention promise"],
  ])("%j", (text, error, usage) => {
    const result = usageError(text);
    expect(result.error).toMatch(error);
    expect(plainText(result.usage)).toContain(usage);
  });

  it("when a note is over 2,000 characters, the error names the limit", () => {
    const result = usageError(`log Acme call ${"x".repeat(2001)}`);
    expect(result.error).toBe("The note is 2,001 characters; the limit is 2,000");
  });

  it("when a promise is over 2,000 characters, the error names the limit", () => {
    expect(usageError(`promise Acme tomorrow ${"y".repeat(2500)}`).error).toMatch(/limit is 2,000/);
  });

  it("a note of exactly 2,000 characters is accepted", () => {
    expect(command(`log Acme call ${"x".repeat(2000)}`)).toMatchObject({ note: "x".repeat(2000) });
  });
});

describe("parseCommand never throws", () => {
  const words = fc.constantFrom(
    "log",
    "snooze",
    "promise",
    "pause",
    "settings",
    "assign",
    "lost",
    "report",
    "neglected",
    "in",
    "3",
    "days",
    "tue",
    "4pm",
    "tomorrow",
    "2026-02-30",
    "2026-12-01",
    "14:30",
    "<@U1|x>",
    "<at>",
    "</at>",
    '"',
    "“",
    "#",
    "#12",
    "@",
    "@me",
    "&amp;",
    "<",
    ">",
    "tz",
    "handful",
    "off",
    "\n",
    "constructor",
    "__proto__",
    "toString",
  );
  const text = fc.oneof(
    fc.string({ maxLength: 300 }),
    fc.array(fc.oneof(words, fc.string({ maxLength: 8 })), { maxLength: 12 }).map((w) => w.join(" ")),
  );
  const zones = fc.constantFrom(
    "UTC",
    "Europe/Berlin",
    "America/New_York",
    "Asia/Kathmandu",
    "Australia/Lord_Howe",
  );

  it("any text gives either a command or a usage error with a usage line", () => {
    fc.assert(
      fc.property(
        text,
        zones,
        fc.date({ min: new Date("2000-01-01"), max: new Date("2090-01-01"), noInvalidDate: true }),
        (t, zone, now) => {
          const result = parseCommand(t, { now, zone });
          if (result.ok) {
            expect(typeof result.command.type).toBe("string");
          } else {
            expect(result.error.length).toBeGreaterThan(0);
            expect(result.usage).toMatch(/^Usage: /);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it("a promise's due time is never in the past", () => {
    const whens = fc.constantFrom(
      "tue 4pm",
      "tomorrow 9am",
      "in 3 days",
      "in 2 weeks",
      "fri",
      "today",
      "sun noon",
      "in 2 hours",
    );
    fc.assert(
      fc.property(
        whens,
        zones,
        fc.date({ min: new Date("2020-01-01"), max: new Date("2030-01-01"), noInvalidDate: true }),
        (when, zone, now) => {
          const result = parseCommand(`promise Acme ${when} send it`, { now, zone });
          if (result.ok && result.command.type === "promise") {
            expect(result.command.dueAt.getTime()).toBeGreaterThan(now.getTime());
          } else {
            // Only "today" may fail, late at night, and then it says the time is past.
            expect(when).toBe("today");
          }
        },
      ),
    );
  });
});
