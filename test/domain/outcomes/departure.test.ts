import { describe, expect, it } from "vitest";
import { decideLost, decideWon, interviewerPreference } from "../../../src/domain/outcomes/departure.js";

const ZONE = "Europe/Berlin";
/** 23:30 in Berlin on 10 March 2026, already the 10th there but not the 11th. */
const NOW = new Date("2026-03-10T22:30:00Z");

describe("marking an account lost", () => {
  it.each([
    [
      "an active account is lost on the actor's local date, with its tenure",
      { status: "active", customerSince: "2025-03-10" },
      { ok: true, status: "lost", lostOn: "2026-03-10", tenureDays: 365 },
    ],
    [
      "an account of unknown start has no tenure",
      { status: "active", customerSince: null },
      { ok: true, lostOn: "2026-03-10", tenureDays: null },
    ],
    [
      "a start after the loss counts as no tenure",
      { status: "active", customerSince: "2026-04-01" },
      { ok: true, tenureDays: 0 },
    ],
    [
      "a lost account cannot be lost again",
      { status: "lost", customerSince: null },
      { ok: false, code: "ALREADY_LOST" },
    ],
  ] as const)("%s", (_name, account, expected) => {
    expect(decideLost(account, NOW, ZONE)).toMatchObject(expected);
  });
});

describe("marking an account won back", () => {
  it("a lost account becomes active, its departure won back now", () => {
    expect(decideWon({ status: "lost" }, NOW)).toEqual({ ok: true, status: "active", wonBackAt: NOW });
  });
  it("an active account cannot be won back", () => {
    expect(decideWon({ status: "active" }, NOW)).toEqual({ ok: false, code: "NOT_LOST" });
  });
});

describe("who holds the exit interview", () => {
  it.each([
    ["the owner's manager first, then the actor", 1, 9, 3, [9, 3]],
    ["never the owner, even when they mark it lost", 1, 9, 1, [9]],
    ["the actor when the owner has no manager", 1, null, 3, [3]],
    ["nobody preferred when the owner marks it lost and has no manager", 1, null, 1, []],
  ] as const)("%s", (_name, owner, manager, actor, expected) => {
    expect(interviewerPreference(owner, manager, actor)).toEqual(expected);
  });
});
