import { describe, expect, it } from "vitest";
import { adaptHandful } from "../../../src/domain/planner/handful.js";
import { settings } from "./book.js";

describe("a handful that fits the rep", () => {
  it.each([
    { set: 5, delivered: 50, actedOn: 20, handful: 3, why: "a rep who acts on two of five gets fewer" },
    {
      set: 5,
      delivered: 50,
      actedOn: 50,
      handful: 5,
      why: "a rep who clears the list keeps the set handful",
    },
    { set: 5, delivered: 50, actedOn: 45, handful: 5, why: "nine of ten is never above the set handful" },
    { set: 5, delivered: 50, actedOn: 0, handful: 2, why: "a rep who ignores everything gets the floor" },
    { set: 1, delivered: 50, actedOn: 0, handful: 1, why: "the floor is never above the set handful" },
    { set: 10, delivered: 40, actedOn: 10, handful: 4, why: "a quarter of ten, plus one to try" },
    { set: 5, delivered: 9, actedOn: 0, handful: 5, why: "too few picks delivered to judge" },
    { set: 5, delivered: 0, actedOn: 0, handful: 5, why: "a new rep" },
  ])("$why: $handful of $set", ({ set, delivered, actedOn, handful }) => {
    expect(adaptHandful(set, { delivered, actedOn }, settings).handful).toBe(handful);
  });

  it("says why when the handful shrank, and nothing when it did not", () => {
    expect(adaptHandful(5, { delivered: 50, actedOn: 20 }, settings).why).toBe(
      "3 of your 5 today: you acted on 20 of the 50 picks of the last four weeks, so you get the best few; the rest roll forward.",
    );
    expect(adaptHandful(5, { delivered: 50, actedOn: 50 }, settings).why).toBeNull();
  });

  it("a workspace that turns it off gets the set handful", () => {
    const off = { ...settings, adaptiveHandful: false };
    expect(adaptHandful(5, { delivered: 50, actedOn: 0 }, off)).toEqual({ handful: 5, why: null });
  });

  it("the floor is a workspace setting", () => {
    expect(adaptHandful(5, { delivered: 50, actedOn: 0 }, { ...settings, handfulFloor: 1 }).handful).toBe(1);
  });
});
