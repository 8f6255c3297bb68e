import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { nudges } from "../../../src/storage/schema.js";
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
  return { user, rep, nudgeId: row?.id ?? 0, card };
}

/** The card a typed message was answered with. */
async function answerTo(user: ReturnType<typeof buildTeamsUser>, text: string) {
  const before = h.connector.sent.length;
  await h.post(h.activitiesFor(user).message(text));
  expect(h.connector.sent.length).toBe(before + 1);
  return readCards(h.connector.sent.at(-1)?.activity ?? {})[0];
}

async function refreshOf(user: ReturnType<typeof buildTeamsUser>, card: unknown) {
  const res = await h.post(h.activitiesFor(user).refresh(card));
  return { status: res.status, card: (res.body as { value?: unknown }).value };
}

describe("Teams cards that show picks redraw themselves when viewed (refresh)", () => {
  it("the morning card asks Teams to refresh it for its rep only, with the verb `refresh`", async () => {
    const { user, nudgeId, card } = await morningWithHorizon();
    expect(cardSchemaErrors(card)).toBe("");
    expect(card?.refresh).toEqual({
      action: {
        type: "Action.Execute",
        verb: "refresh",
        data: { rb: "retention.refresh", view: "nudge", nudgeId },
      },
      userIds: [user.id],
    });
  });

  it("an old `today` answer viewed after a typed log shows Horizon done, with Undo only", async () => {
    const { user } = await morningWithHorizon();
    const today = await answerTo(user, "today");
    expect(readButtons(today).map((b) => b.title)).toContain("Called");
    expect(cardSchemaErrors(today)).toBe("");

    await answerTo(user, "log Horizon call");
    const { status, card } = await refreshOf(user, today);

    expect(status).toBe(200);
    expect(cardSchemaErrors(card)).toBe("");
    expect(readShownText(card)).toMatch(/Your picks for Tuesday 3 March/);
    expect(readShownText(card)).toMatch(/Called by Ana/);
    expect(readButtons(card).map((b) => b.title)).toEqual(["Undo"]);
    // The redrawn copy keeps its refresh, so it stays current the next time it is viewed.
    expect((card as { refresh?: unknown }).refresh).toEqual((today as { refresh?: unknown }).refresh);
  });

  it("an old home card viewed after a Called click on the morning card shows the pick done", async () => {
    const { user, card: morning } = await morningWithHorizon();
    const home = await answerTo(user, "home");
    const called = readButtons(morning).find((b) => b.title === "Called");
    await h.post(h.activitiesFor(user).invoke(called?.data ?? {}));

    const { card } = await refreshOf(user, home);

    expect(cardSchemaErrors(card)).toBe("");
    expect(readShownText(card)).toMatch(/Hello Ana/);
    expect(readShownText(card)).toMatch(/Called by Ana/);
    expect(readButtons(card).map((b) => b.title)).not.toContain("Called");
  });

  it("the welcome card redraws as the welcome, with today's picks as they are now", async () => {
    const { user, card: morning } = await morningWithHorizon();
    const [welcome] = h.connector.sentCards();
    expect((welcome as { refresh?: { action: { data: unknown } } }).refresh?.action.data).toEqual({
      rb: "retention.refresh",
      view: "welcome",
    });
    const snooze = readButtons(morning).find((b) => b.title === "Snooze 1 week");
    await h.post(h.activitiesFor(user).invoke(snooze?.data ?? {}));

    const { card } = await refreshOf(user, welcome);

    expect(readShownText(card)).toMatch(/welcome to Retention/);
    expect(readShownText(card)).toMatch(/Snoozed by Ana/);
  });

  it("a click's answer carries the refresh of the nudge it shows", async () => {
    const { user, nudgeId, card: morning } = await morningWithHorizon();
    const called = readButtons(morning).find((b) => b.title === "Called");
    const res = await h.post(h.activitiesFor(user).invoke(called?.data ?? {}));
    const answer = (res.body as { value: { refresh?: { action: { data: unknown } } } }).value;
    expect(answer.refresh?.action.data).toEqual({ rb: "retention.refresh", view: "nudge", nudgeId });
  });

  it("another rep's refresh of Ana's card is refused and changes nothing", async () => {
    const { card: morning } = await morningWithHorizon();
    const bo = buildTeamsUser(2, "Bo");
    await createRep(t.db, t.workspaceId, { name: "Bo", timezone: "UTC", teamsUserId: bo.aadObjectId });
    await h.post(h.activitiesFor(bo).installationAdd());

    const { status } = await refreshOf(bo, morning);

    expect(status).toBe(404);
  });
});
