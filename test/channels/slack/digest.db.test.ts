import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runDigestPass } from "../../../src/app/digest/run-digests.js";
import type { Block } from "../../../src/channels/slack/blocks/block-builders.js";
import { findLimitViolations } from "../../../src/channels/slack/blocks/limits.js";
import { createAccount, createCheckIn, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { type SlackHarness, startSlackHarness, visibleText } from "./slack-harness.js";

// Monday 9 March 2026, 09:00 in the workspace's UTC: the digest day at the nudge hour.
const MONDAY = new Date("2026-03-09T09:00:00Z");

describe("the manager's weekly digest in Slack", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, MONDAY);
    const mia = await createRep(t.db, t.workspaceId, { name: "Mia", role: "manager", slackUserId: "UMIA" });
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA", managerId: mia.id });
    const names = ["Acme GmbH", "Globex", "Initech", "Umbrella", "Hooli", "Stark", "Wayne"];
    for (const [i, name] of names.entries()) {
      const account = await createAccount(t.db, t.workspaceId, {
        ownerRepId: ana.id,
        name,
        annualRevenue: 900_000 - i * 100_000,
      });
      if (name === "Wayne") {
        await createCheckIn(t.db, t.workspaceId, {
          accountId: account.id,
          repId: ana.id,
          at: new Date("2026-03-05T10:00:00Z"),
        });
      }
    }
  });

  afterEach(async () => {
    await slack.close();
  });

  it("goes to the manager once on the digest day, within Block Kit's limits, as one direct message", async () => {
    expect((await runDigestPass(slack.ctx, MONDAY)).digestsSent).toBe(1);
    expect((await runDigestPass(slack.ctx, new Date(MONDAY.getTime() + 60_000))).digestsSent).toBe(0);
    const posts = slack.fake.callsOf("chat.postMessage");
    expect(posts).toHaveLength(1);
    const body = posts[0]!.body as Record<string, unknown>;
    expect(findLimitViolations((body.blocks ?? []) as Block[], "message")).toEqual([]);
    const text = visibleText(body);
    expect(text).toContain("Weekly digest: your team, week of 9 Mar 2026");
    expect(text).toContain("A coverage:");
    expect(text).toContain("no digest last week to compare with");
    expect(text).toContain("*Contacts:* 1 in the last 7 days (0 the 7 days before).");
    expect(text).toContain("Revenue at risk:");
    // The five most valuable neglected accounts, not the sixth, nor Wayne (called last week).
    expect(text).toContain("Acme GmbH");
    expect(text).toContain("Hooli");
    expect(text).not.toContain("Stark");
    expect(text).not.toContain("Wayne");
    expect(text).toContain(
      "*Escalated (5):* Acme GmbH (Ana: never contacted), Globex (Ana: never contacted)",
    );
    expect(text).toContain("*May need help:* Ana (0 of 5 A accounts within cadence).");
  });

  it("/retention digest shows it on demand to a manager, and tells a rep it is for managers", async () => {
    const { responseUrl } = await slack.command("UMIA", "digest");
    const [answer] = await slack.responsesTo(responseUrl);
    expect(answer!.response_type).toBe("ephemeral");
    expect(visibleText(answer!)).toContain("Weekly digest: your team");
    const asRep = await slack.command("UANA", "digest");
    const [refused] = await slack.responsesTo(asRep.responseUrl);
    expect(visibleText(refused!)).toContain("for managers");
    const help = await slack.command("UMIA", "help digest");
    const [usage] = await slack.responsesTo(help.responseUrl);
    expect(visibleText(usage!)).toContain("/retention digest");
  });
});
