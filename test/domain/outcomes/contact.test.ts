import { describe, expect, it } from "vitest";
import {
  type AccountContactState,
  type Contact,
  type DepartureState,
  decideContactEffects,
  decideContactUndo,
  decideDepartureContact,
} from "../../../src/domain/outcomes/contact.js";

const ZONE = "Europe/Berlin";
const OWNER = 1;
const OTHER = 2;
const before = new Date("2026-06-01T09:00:00Z");
const at = new Date("2026-06-10T15:00:00Z");
const later = new Date("2026-06-20T09:00:00Z");

const account: AccountContactState = {
  lastContactAt: before,
  lastChannel: "email",
  lastOutcome: "at_risk",
  lastNote: "unhappy",
  lastReviewAt: null,
  status: "active",
  ownerRepId: OWNER,
};
const contact = (over: Partial<Contact> = {}): Contact => ({
  repId: OWNER,
  at,
  channel: "call",
  outcome: "connected",
  note: "all fine",
  ...over,
});

describe("what logging a contact does to the account", () => {
  it.each([
    [
      "a call restarts the cadence and clears the risk",
      account,
      contact(),
      { lastContactAt: at, lastChannel: "call", lastOutcome: "connected", lastNote: "all fine" },
    ],
    [
      "an issue raised makes the account at risk",
      account,
      contact({ outcome: "issue_raised" }),
      { lastContactAt: at, lastOutcome: "issue_raised" },
    ],
    [
      "a meeting is the latest contact and a relationship review",
      account,
      contact({ channel: "meeting" }),
      { lastContactAt: at, lastChannel: "meeting", lastReviewAt: at },
    ],
    [
      "an email logged out of order moves nothing",
      { ...account, lastContactAt: later },
      contact({ channel: "email" }),
      null,
    ],
    [
      "a meeting logged out of order is still a review, and nothing else",
      { ...account, lastContactAt: later },
      contact({ channel: "video" }),
      { lastReviewAt: at },
    ],
    [
      "a contact at the same instant as the last one replaces it",
      { ...account, lastContactAt: at },
      contact(),
      { lastContactAt: at, lastChannel: "call" },
    ],
  ] as const)("%s", (_name, state, logged, expected) => {
    const effects = decideContactEffects(state, logged, ZONE);
    if (expected === null) expect(effects.account).toBeNull();
    else expect(effects.account).toMatchObject(expected);
  });

  it("an account with no contact yet takes the first one", () => {
    const effects = decideContactEffects({ ...account, lastContactAt: null }, contact(), ZONE);
    expect(effects.account).toMatchObject({ lastContactAt: at });
  });

  it("promises due by the end of the contact's local day are kept", () => {
    // 01:00 UTC on 11 June is 03:00 in Berlin: the local day ends at 21:59:59.999 UTC.
    const effects = decideContactEffects(account, contact({ at: new Date("2026-06-11T01:00:00Z") }), ZONE);
    expect(effects.keepPromisesDueBy).toEqual(new Date("2026-06-11T21:59:59.999Z"));
  });

  it("keeps what it replaces for Undo, and touches a departure only for a lost account", () => {
    const active = decideContactEffects(account, contact(), ZONE);
    expect(active.undo).toEqual({
      lastContactAt: before.toISOString(),
      lastChannel: "email",
      lastOutcome: "at_risk",
      lastNote: "unhappy",
      lastReviewAt: null,
      keptPromiseIds: [],
    });
    expect(active.touchesDeparture).toBe(false);
    expect(decideContactEffects({ ...account, status: "lost" }, contact(), ZONE).touchesDeparture).toBe(true);
  });
});

describe("what a contact with a lost account records on its departure", () => {
  const departure: DepartureState = {
    id: 5,
    exitInterviewAt: null,
    exitInterviewNote: null,
    exitInterviewRepId: OTHER,
    lastWinBackAt: null,
  };
  it.each([
    [
      "someone other than the owner holds the exit interview",
      departure,
      contact({ repId: OTHER }),
      { exitInterviewAt: at, exitInterviewNote: "all fine" },
    ],
    ["the owner's contact is a win-back try", departure, contact(), { lastWinBackAt: at }],
    [
      "after the interview, anyone's contact is a win-back try",
      { ...departure, exitInterviewAt: before },
      contact({ repId: OTHER }),
      { lastWinBackAt: at },
    ],
    [
      "with nobody to interview, a contact is a win-back try",
      { ...departure, exitInterviewRepId: null },
      contact({ repId: OTHER }),
      { lastWinBackAt: at },
    ],
    ["an older win-back try changes nothing", { ...departure, lastWinBackAt: later }, contact(), null],
  ] as const)("%s", (_name, state, logged, change) => {
    const effect = decideDepartureContact(state, logged, OWNER);
    expect(effect.change).toEqual(change);
    expect(effect.before).toEqual({
      id: 5,
      exitInterviewAt: state.exitInterviewAt?.toISOString() ?? null,
      exitInterviewNote: null,
      lastWinBackAt: state.lastWinBackAt?.toISOString() ?? null,
    });
  });
});

describe("what undoing a contact puts back on the account", () => {
  const undo = decideContactEffects(
    { ...account, lastReviewAt: before },
    contact({ channel: "meeting" }),
    ZONE,
  ).undo;
  it.each([
    [
      "the contact is still the latest and the review: both are put back",
      { lastContactAt: at, lastReviewAt: at },
      {
        lastContactAt: before,
        lastChannel: "email",
        lastOutcome: "at_risk",
        lastNote: "unhappy",
        lastReviewAt: before,
      },
    ],
    [
      "a later contact replaced it: only the review is put back",
      { lastContactAt: later, lastReviewAt: at },
      { lastReviewAt: before },
    ],
    [
      "later contact and review replaced it: nothing is put back",
      { lastContactAt: later, lastReviewAt: later },
      null,
    ],
  ] as const)("%s", (_name, now, expected) => {
    expect(decideContactUndo(now, at, undo)).toEqual(expected);
  });
});
