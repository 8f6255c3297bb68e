import { asc, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accounts, picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { type SlackHarness, seedNudge, startSlackHarness, visibleText } from "./slack-harness.js";

const NOW = new Date("2026-03-10T09:30:00Z");

describe("the More button on a Slack nudge", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let nudge: Awaited<ReturnType<typeof seedNudge>>;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, NOW);
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA", handful: 2 });
    await createRep(t.db, t.workspaceId, { name: "Ben", slackUserId: "UBEN" });
    const held = [];
    for (const [i, name] of ["Acme", "Globex", "Initech", "Umbrella", "Hooli"].entries()) {
      const a = await createAccount(t.db, t.workspaceId, {
        ownerRepId: ana.id,
        name,
        annualRevenue: 100_000 - i * 10_000,
        lastContactAt: new Date("2025-12-01T10:00:00Z"),
        lastReviewAt: new Date("2026-02-01T10:00:00Z"),
      });
      if (i < 2) held.push(a.id);
    }
    nudge = await seedNudge(t.db, t.workspaceId, ana.id, held);
  });

  afterEach(async () => {
    await slack.close();
  });

  const pickedNames = async () =>
    (
      await t.db
        .select({ name: accounts.name })
        .from(picks)
        .innerJoin(accounts, eq(accounts.id, picks.accountId))
        .where(eq(picks.nudgeId, nudge.nudgeId))
        .orderBy(asc(picks.position))
    ).map((r) => r.name);

  it("when a rep who cleared the list presses More, the next ones by priority are added and the message shows them", async () => {
    const click = { actionId: "nudge_next_picks", value: String(nudge.nudgeId), message: nudge.message };
    expect((await slack.action("UANA", click)).status).toBe(200);
    const [update] = await slack.fake.waitFor("chat.update");
    expect(await pickedNames()).toEqual(["Acme", "Globex", "Initech", "Umbrella"]);
    const text = visibleText(update!.body);
    expect(text).toContain("Initech");
    expect(text).toContain("Umbrella");
    expect(text).toContain("1 more due");
  });

  it("when More is pressed twice at once on the same message, one batch is added", async () => {
    const click = (responseUrl: string) => ({
      actionId: "nudge_next_picks",
      value: `${nudge.nudgeId}:2`,
      message: nudge.message,
      responseUrl,
    });
    const urls = [slack.fake.responseUrl(), slack.fake.responseUrl()];
    await Promise.all(urls.map((url) => slack.action("UANA", click(url))));
    await slack.settled();
    expect(await pickedNames()).toEqual(["Acme", "Globex", "Initech", "Umbrella"]);
    // The click that came second is told so, whichever it was.
    const answers = slack.fake.calls
      .filter((c) => c.method === "response_url")
      .map((c) => JSON.stringify(c.body));
    expect(answers.filter((a) => a.includes("Those were added already"))).toHaveLength(1);
  });

  it("when another rep presses More on someone's nudge, nothing is added and they are told", async () => {
    const responseUrl = slack.fake.responseUrl();
    const click = {
      actionId: "nudge_next_picks",
      value: String(nudge.nudgeId),
      message: nudge.message,
      responseUrl,
    };
    await slack.action("UBEN", click);
    const [answer] = await slack.responsesTo(responseUrl);
    expect(JSON.stringify(answer)).toContain("That list is not yours.");
    expect(await pickedNames()).toEqual(["Acme", "Globex"]);
  });
});
