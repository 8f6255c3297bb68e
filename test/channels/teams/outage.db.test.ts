import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultWorkspace } from "../../../src/storage/workspaces.js";
import { createRep } from "../../support/builders.js";
import { openTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

describe("when the database is gone", () => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  let h: TeamsHarness;
  const user = buildTeamsUser(1, "Ana");

  beforeAll(async () => {
    opened = await openTestDatabase();
    const workspace = await ensureDefaultWorkspace(opened.database.db);
    await createRep(opened.database.db, workspace.id, { name: "Ana", teamsUserId: user.aadObjectId });
    h = await startTeamsHarness(opened.database.db, new Date("2026-03-03T09:00:00Z"));
    await h.post(h.activitiesFor(user).installationAdd());
    await opened.database.close();
  });
  afterAll(async () => {
    await h.close();
    await opened.drop();
  });

  it("a message gets a card saying something went wrong, not silence", async () => {
    const before = h.connector.sent.length;

    const res = await h.post(h.activitiesFor(user).message("today"));

    expect(res.status).toBe(200);
    const reply = h.connector.sent[before];
    expect(JSON.stringify(readCards(reply!.activity)[0])).toContain("Something went wrong on our side");
    expect(JSON.stringify(readCards(reply!.activity)[0])).toContain("Error code INTERNAL");
  });

  it("a click is answered with an error the client shows", async () => {
    const res = await h.post(
      h.activitiesFor(user).invoke({ rb: "retention.pick", pickId: 1, action: "call" }),
    );

    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({
      type: "application/vnd.microsoft.error",
      value: { code: "InternalError" },
    });
  });
});
