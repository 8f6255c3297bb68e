import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureDefaultWorkspace } from "../../../src/storage/workspaces.js";
import { createRep } from "../../support/builders.js";
import { openTestDatabase } from "../../support/database.js";
import { type SlackHarness, startSlackHarness, visibleText } from "./slack-harness.js";

describe("when the database is gone", () => {
  let opened: Awaited<ReturnType<typeof openTestDatabase>>;
  let slack: SlackHarness;

  beforeAll(async () => {
    opened = await openTestDatabase();
    const workspace = await ensureDefaultWorkspace(opened.database.db);
    await createRep(opened.database.db, workspace.id, { name: "Ana", slackUserId: "UANA" });
    slack = await startSlackHarness(opened.database.db, new Date("2026-03-10T09:30:00Z"));
    await opened.database.close();
  });
  afterAll(async () => {
    await slack.close();
    await opened.drop();
  });

  it("a /retention command is acknowledged at once and answered with an error, not a hang", async () => {
    const { res, responseUrl } = await slack.command("UANA", "today");

    expect(res.status).toBe(200);
    const [answer] = await slack.responsesTo(responseUrl);
    expect(visibleText(answer!)).toContain("Something went wrong on our side");
    expect(visibleText(answer!)).toContain("Error code `INTERNAL`");
  });
});
