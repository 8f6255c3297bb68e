import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { readButtons, readShownText } from "./card-reading.js";
import { cardSchemaErrors } from "./card-schema.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
/** Tuesday 3 March 2026, 09:05 in UTC: the rep's nudge hour has come. */
const MORNING = new Date("2026-03-03T09:05:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, MORNING);
});
afterEach(async () => {
  await h.close();
});

const shown = readShownText;
const buttonsOf = readButtons;

async function morningWithHorizon() {
  const user = buildTeamsUser(1, "Ana");
  const rep = await createRep(t.db, t.workspaceId, {
    name: "Ana",
    timezone: "UTC",
    teamsUserId: user.aadObjectId,
  });
  await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, name: "Horizon", annualRevenue: 900_000 });
  await h.post(h.activitiesFor(user).installationAdd());
  expect((await runMorning(h.ctx, MORNING)).sent).toBe(1);
  const [row] = await t.db.select().from(nudges).where(eq(nudges.repId, rep.id));
  const card = readCards(h.connector.sent.at(-1)?.activity ?? {})[0];
  return { user, rep, activityId: row?.messageRef?.activityId ?? "", card };
}

describe("every copy of a Teams nudge shows the pick as it is now", () => {
  it("a typed `log Horizon call` updates the morning card in place: done, no Called button", async () => {
    const { user, activityId, card } = await morningWithHorizon();
    expect(shown(card)).toContain("1 to contact today");

    await h.post(h.activitiesFor(user).message("log Horizon call"));

    const update = h.connector.updated.at(-1);
    expect(update?.activityId).toBe(activityId);
    const updated = readCards(update?.activity ?? {})[0];
    expect(cardSchemaErrors(updated)).toBe("");
    expect(shown(updated)).toContain("All done for today");
    expect(shown(updated)).not.toContain("1 to contact today");
    expect(buttonsOf(updated).map((b) => b.title)).toEqual(["Undo"]);
  });

  it("a typed `snooze Horizon 14` snoozes today's pick and updates the morning card: Snoozed, Undo only", async () => {
    const { user, activityId } = await morningWithHorizon();

    await h.post(h.activitiesFor(user).message("snooze Horizon 14"));

    const update = h.connector.updated.at(-1);
    expect(update?.activityId).toBe(activityId);
    const updated = readCards(update?.activity ?? {})[0];
    expect(cardSchemaErrors(updated)).toBe("");
    expect(shown(updated)).toMatch(/Snoozed by Ana/);
    expect(buttonsOf(updated).map((b) => b.title)).toEqual(["Undo"]);
  });

  it("a typed `lost` sets today's pick aside with no button; `won` the same day offers it again", async () => {
    const { user, activityId } = await morningWithHorizon();

    await h.post(h.activitiesFor(user).message("lost Horizon price"));
    const lost = readCards(h.connector.updated.at(-1)?.activity ?? {})[0];
    expect(h.connector.updated.at(-1)?.activityId).toBe(activityId);
    expect(shown(lost)).toMatch(/Marked lost by Ana/);
    expect(buttonsOf(lost)).toEqual([]);

    await h.post(h.activitiesFor(user).message("won Horizon"));
    const won = readCards(h.connector.updated.at(-1)?.activity ?? {})[0];
    expect(shown(won)).toContain("1 to contact today");
    expect(buttonsOf(won).map((b) => b.title)).toContain("Called");
  });

  it("Called on a stale copy of a snoozed pick keeps the snooze and answers with the current card", async () => {
    const { user, card } = await morningWithHorizon();
    const snooze = buttonsOf(card).find((b) => b.title === "Snooze 1 week");
    const called = buttonsOf(card).find((b) => b.title === "Called");
    await h.post(h.activitiesFor(user).invoke(snooze?.data ?? {}));

    const res = await h.post(h.activitiesFor(user).invoke(called?.data ?? {}));

    const [pick] = await t.db.select().from(picks);
    expect(pick?.status).toBe("snoozed");
    const answer = (res.body as { value: unknown }).value;
    expect(shown(answer)).toContain("Horizon is already snoozed; undo that first. (error code ALREADY_DONE)");
    expect(shown(answer)).toMatch(/Snoozed by Ana/i);
    expect(buttonsOf(answer).map((b) => b.title)).toEqual(["Undo"]);
  });
});

describe("Teams replies speak Teams' words", () => {
  it("help and usage name commands as plain words, never `/retention`, and keep <placeholders>", async () => {
    const { user } = await morningWithHorizon();
    const before = h.connector.sent.length;
    await h.post(h.activitiesFor(user).message("help"));
    await h.post(h.activitiesFor(user).message("log"));
    const replies = h.connector.sent.slice(before).map((s) => readCards(s.activity)[0]);
    const [help, usage] = replies.map(shown);
    expect(help).not.toContain("/retention");
    expect(help).toContain("log <account> [call|email|meeting|video] [note]");
    expect(usage).toContain("Usage: log <account>");
    expect(usage).not.toContain("/retention");
  });
});

describe("a Teams form refused", () => {
  it("for a past due time comes back open with what was typed and the reason under its fields", async () => {
    const { user, card } = await morningWithHorizon();
    const save = buttonsOf(card).find((b) => b.title === "Save promise");
    const pickId = Number(save?.data.pickId);

    const res = await h.post(
      h.activitiesFor(user).invoke({
        ...save?.data,
        [`what-${pickId}`]: "Send the <revised> quote & terms",
        [`date-${pickId}`]: "2026-03-02",
        [`time-${pickId}`]: "16:30",
      }),
    );

    const answer = (res.body as { value: unknown }).value;
    expect(cardSchemaErrors(answer)).toBe("");
    const inputs: Record<string, unknown> = {};
    const visit = (node: unknown): void => {
      if (Array.isArray(node)) node.forEach(visit);
      else if (node && typeof node === "object") {
        const o = node as CardElement;
        if (o.type?.startsWith("Input.") && o.value !== undefined) inputs[String(o.id)] = o.value;
        if (o.type !== "Action.ShowCard") for (const v of Object.values(o)) visit(v);
      }
    };
    visit(answer);
    // The form is open in the card itself (not behind its button), with the values as typed.
    expect(inputs).toEqual({
      [`what-${pickId}`]: "Send the <revised> quote & terms",
      [`date-${pickId}`]: "2026-03-02",
      [`time-${pickId}`]: "16:30",
    });
    expect(shown(answer)).toContain("The due date is in the past; pick a later one.");
  });

  it("for a missing note comes back open with the reason", async () => {
    const { user, card } = await morningWithHorizon();
    const save = buttonsOf(card).find((b) => b.title === "Save note");
    const res = await h.post(h.activitiesFor(user).invoke(save?.data ?? {}));
    expect(shown((res.body as { value: unknown }).value)).toContain("Write a note");
  });
});
