import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { createAccount, createPromise, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { cardSchemaErrors } from "./card-schema.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
/** Tuesday 3 March 2026, 09:05 in UTC. */
const MORNING = new Date("2026-03-03T09:05:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, MORNING);
});
afterEach(async () => {
  await h.close();
});

/** Every element of a card, nested ones included. */
function elements(node: unknown, out: CardElement[] = []): CardElement[] {
  if (Array.isArray(node)) for (const n of node) elements(n, out);
  else if (node && typeof node === "object") {
    const o = node as CardElement;
    if (typeof o.type === "string") out.push(o);
    for (const [k, v] of Object.entries(o)) if (k !== "fallback") elements(v, out);
  }
  return out;
}

const shown = (card: unknown) =>
  elements(card)
    .filter((e) => e.type === "TextBlock")
    .map((e) => String(e.text).replace(/\\(.)/g, "$1"))
    .join("\n");

describe("the Teams home", () => {
  it("`home` shows a manager today's picks with buttons, open promises, own coverage and the team's table", async () => {
    const user = buildTeamsUser(1, "Mia");
    const mia = await createRep(t.db, t.workspaceId, {
      name: "Mia",
      role: "manager",
      teamsUserId: user.aadObjectId,
    });
    const bo = await createRep(t.db, t.workspaceId, { name: "Bo Lindqvist-Achterberg", managerId: mia.id });
    const acme = await createAccount(t.db, t.workspaceId, {
      ownerRepId: mia.id,
      name: "Acme & <Sons>",
      annualRevenue: 900_000,
    });
    await createAccount(t.db, t.workspaceId, { ownerRepId: bo.id, name: "Globex" });
    await createPromise(t.db, t.workspaceId, {
      accountId: acme.id,
      repId: mia.id,
      dueAt: new Date("2026-03-05T16:00:00Z"),
      what: "send the *pricing* sheet",
    });
    await h.post(h.activitiesFor(user).installationAdd());
    await runMorning(h.ctx, MORNING);
    const before = h.connector.sent.length;

    await h.post(h.activitiesFor(user).message("home"));

    const card = readCards(h.connector.sent[before]?.activity ?? {})[0];
    expect(cardSchemaErrors(card)).toBe("");
    const text = shown(card);
    expect(text).toContain("Hello Mia");
    expect(text).toContain("Acme & <Sons>");
    expect(text).toContain("send the *pricing* sheet");
    expect(text).toContain("Your coverage");
    expect(elements(card).filter((e) => e.type === "Action.Execute" && e.title === "Called")).toHaveLength(1);
    const table = elements(card).find((e) => e.type === "Table");
    expect(JSON.stringify(table)).toContain("Bo Lindqvist\\\\-Achterberg");
  });

  it("the welcome card on install is the home, for a manager with no accounts too", async () => {
    const user = buildTeamsUser(2, "Kai");
    await createRep(t.db, t.workspaceId, { name: "Kai", role: "manager", teamsUserId: user.aadObjectId });

    await h.post(h.activitiesFor(user).installationAdd());

    const card = readCards(h.connector.sent.at(-1)?.activity ?? {})[0];
    const text = shown(card);
    expect(text).toContain("Hi Kai, welcome to Retention");
    expect(text).toContain("Each working morning I send you");
    expect(text).toContain("Nothing due today");
    expect(text).toContain("Coverage");
  });

  it("`help` lists `home` among the commands", async () => {
    const user = buildTeamsUser(3, "Lu");
    await createRep(t.db, t.workspaceId, { name: "Lu", teamsUserId: user.aadObjectId });
    await h.post(h.activitiesFor(user).message("help"));
    expect(shown(readCards(h.connector.sent.at(-1)?.activity ?? {})[0])).toContain("**home**: today's picks");
  });
});
