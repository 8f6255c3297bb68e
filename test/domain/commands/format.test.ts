import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCommand } from "../../../src/domain/commands/format.js";
import { parseCommand } from "../../../src/domain/commands/parse.js";
import type { Command } from "../../../src/domain/commands/types.js";

const at = { now: new Date("2026-06-15T10:00:00Z"), zone: "Europe/Berlin" };

describe("formatCommand writes a command the parser reads back the same", () => {
  const id = fc.integer({ min: 1, max: 999_999 }).map((n) => ({ kind: "id" as const, id: n }));
  const text = fc
    .string({ minLength: 1, maxLength: 60 })
    .map((s) => s.replace(/\s+/g, " ").trim())
    .filter((s) => s.length > 0);
  const rep = fc.oneof(
    fc.constant({ kind: "self" as const }),
    fc.constantFrom("U123ABC", "W99ZZ").map((userId) => ({ kind: "slack" as const, userId })),
    fc.constantFrom("jane@example.com", "sam.o@ex.co").map((email) => ({ kind: "email" as const, email })),
  );
  const command: fc.Arbitrary<Command> = fc.oneof(
    fc.record({
      type: fc.constant("log" as const),
      account: id,
      channel: fc.constantFrom("call" as const, "email" as const, "meeting" as const, "video" as const),
      note: text.filter(
        (t) => !/^(connected|left_message|voicemail|no_answer|issue_raised|opportunity|at_risk)\b/i.test(t),
      ),
    }),
    fc.record({
      type: fc.constant("snooze" as const),
      account: id,
      until: fc.constantFrom("2026-06-16", "2026-12-31"),
    }),
    fc.record({
      type: fc.constant("promise" as const),
      account: id,
      dueAt: fc.constantFrom(new Date("2026-06-16T14:00:00Z"), new Date("2027-01-04T08:30:00Z")),
      what: text,
    }),
    fc.record({ type: fc.constant("lost" as const), account: id, reason: text }),
    fc.record({ type: fc.constant("won" as const), account: id }),
    fc.record({ type: fc.constant("account" as const), account: id }),
    fc.record({ type: fc.constant("assign" as const), account: id, rep }),
    fc.record({ type: fc.constant("neglected" as const), limit: fc.integer({ min: 1, max: 50 }) }),
    fc.record({ type: fc.constant("pause" as const), rep, until: fc.constantFrom("2026-06-20", null) }),
  );

  it("for every command a choice button can carry", () => {
    fc.assert(
      fc.property(command, (c) => {
        expect(parseCommand(formatCommand(c, at.zone), at)).toEqual({ ok: true, command: c });
      }),
      { numRuns: 500 },
    );
  });
});
