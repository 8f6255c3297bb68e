import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { accounts, picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { cardSchemaErrors } from "./card-schema.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
const MORNING = new Date("2026-03-03T09:05:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, MORNING);
});
afterEach(async () => {
  await h.close();
});

function moreButton(card: unknown): Record<string, unknown> | undefined {
  let found: Record<string, unknown> | undefined;
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const o = node as CardElement;
      if (o.type === "Action.Execute" && o.title === "More") found = o.data as Record<string, unknown>;
      for (const [k, v] of Object.entries(o)) if (k !== "fallback") visit(v);
    }
  };
  visit(card);
  return found;
}

const pickedNames = async (repId: number) =>
  (
    await t.db
      .select({ name: accounts.name, repId: accounts.ownerRepId })
      .from(picks)
      .innerJoin(accounts, eq(accounts.id, picks.accountId))
      .orderBy(asc(picks.nudgeId), asc(picks.position))
  )
    .filter((r) => r.repId === repId)
    .map((r) => r.name);

describe("the More button in Teams", () => {
  it("adds the next picks to the nudge and answers with the card showing them; another rep's More is refused", async () => {
    const ana = buildTeamsUser(1, "Ana");
    const rep = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      timezone: "UTC",
      teamsUserId: ana.aadObjectId,
      handful: 2,
    });
    for (const [i, name] of ["Acme", "Globex", "Initech", "Umbrella", "Hooli"].entries()) {
      await createAccount(t.db, t.workspaceId, {
        ownerRepId: rep.id,
        name,
        annualRevenue: 900_000 - i * 100_000,
      });
    }
    await h.post(h.activitiesFor(ana).installationAdd());
    await runMorning(h.ctx, MORNING);
    const card = h.connector.sentCards().at(-1)!;
    const more = moreButton(card);
    expect(more).toBeDefined();
    expect(await pickedNames(rep.id)).toEqual(["Acme", "Globex"]);

    const bo = buildTeamsUser(2, "Bo");
    await createRep(t.db, t.workspaceId, { name: "Bo", timezone: "UTC", teamsUserId: bo.aadObjectId });
    await h.post(h.activitiesFor(bo).installationAdd());
    const refused = await h.post(h.activitiesFor(bo).invoke(more!));
    expect(JSON.stringify(refused.body)).toContain("That list is not yours.");
    expect(await pickedNames(rep.id)).toEqual(["Acme", "Globex"]);

    const res = await h.post(h.activitiesFor(ana).invoke(more!));
    expect(res.status).toBe(200);
    const answer = JSON.stringify(res.body);
    expect(answer).toContain("2 more customers added.");
    expect(answer).toContain("Initech");
    expect(answer).toContain("Umbrella");
    expect(await pickedNames(rep.id)).toEqual(["Acme", "Globex", "Initech", "Umbrella"]);
    const updated = (res.body as { value?: unknown }).value;
    expect(cardSchemaErrors(updated)).toBe("");
    // The updated card's More carries the new count; two clicks on it at once add one batch.
    const again = moreButton(updated)!;
    expect(again).toMatchObject({ nudgeId: more!.nudgeId, shown: 4 });
    const both = await Promise.all([
      h.post(h.activitiesFor(ana).invoke(again)),
      h.post(h.activitiesFor(ana).invoke(again)),
    ]);
    expect(await pickedNames(rep.id)).toEqual(["Acme", "Globex", "Initech", "Umbrella", "Hooli"]);
    expect(both.filter((r) => JSON.stringify(r.body).includes("Those were added already"))).toHaveLength(1);
  });
});
