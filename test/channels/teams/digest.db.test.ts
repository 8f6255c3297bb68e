import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDigestPass } from "../../../src/app/digest/run-digests.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { cardSchemaErrors } from "./card-schema.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
// Monday 9 March 2026, 09:00 in Berlin (UTC+1): the manager's digest day and nudge hour.
const MONDAY = new Date("2026-03-09T08:00:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, MONDAY);
});
afterEach(async () => {
  await h.close();
});

describe("the manager's weekly digest in Teams", () => {
  it("is one Adaptive Card with the neglected accounts in a Table, sent once, and `digest` shows it on demand", async () => {
    const boss = buildTeamsUser(1, "Boss");
    const ivy = buildTeamsUser(2, "Ivy");
    const manager = await createRep(t.db, t.workspaceId, {
      name: "Boss",
      role: "manager",
      timezone: "Europe/Berlin",
      teamsUserId: boss.aadObjectId,
    });
    const rep = await createRep(t.db, t.workspaceId, {
      name: "Ivy",
      managerId: manager.id,
      timezone: "Europe/Berlin",
      teamsUserId: ivy.aadObjectId,
    });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: rep.id,
      name: "Acme GmbH",
      annualRevenue: 900_000,
    });
    await h.post(h.activitiesFor(boss).installationAdd());
    await h.post(h.activitiesFor(ivy).installationAdd());
    const before = h.connector.sent.length;

    // 08:59 in Berlin: not yet; 09:00: sent; a minute later: not again.
    expect((await runDigestPass(h.ctx, new Date(MONDAY.getTime() - 60_000))).digestsSent).toBe(0);
    expect((await runDigestPass(h.ctx, MONDAY)).digestsSent).toBe(1);
    expect((await runDigestPass(h.ctx, new Date(MONDAY.getTime() + 60_000))).digestsSent).toBe(0);
    const sent = h.connector.sent.slice(before);
    expect(sent).toHaveLength(1);
    expect(sent[0]!.conversationId).toBe(`a:personal-${boss.id}`);
    const card = readCards(sent[0]!.activity)[0]!;
    expect(cardSchemaErrors(card)).toBe("");
    const json = JSON.stringify(card);
    expect(json).toContain("Weekly digest: your team, week of 9 Mar 2026");
    expect(json).toContain('"type":"Table"');
    expect(json).toContain("Acme GmbH");
    expect(json).toContain("Revenue at risk");

    const res = await h.post(h.activitiesFor(boss).message("digest"));
    expect(res.status).toBe(200);
    const answer = JSON.stringify(readCards(h.connector.sent.at(-1)!.activity)[0]);
    expect(answer).toContain("Weekly digest: your team");
    await h.post(h.activitiesFor(ivy).message("digest"));
    expect(JSON.stringify(readCards(h.connector.sent.at(-1)!.activity)[0])).toContain("for managers");
  });
});
