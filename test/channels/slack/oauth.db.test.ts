import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { slackInstallations, workspaces } from "../../../src/storage/schema.js";
import { createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { type SlackHarness, startSlackHarness, TEAM, visibleText } from "./slack-harness.js";

describe("installing the Slack app through OAuth", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, undefined, { oauth: true });
  });

  afterEach(async () => {
    await slack.close();
  });

  async function install(): Promise<Response> {
    const start = await fetch(`${slack.baseUrl}/slack/install`, { redirect: "manual" });
    expect(start.status).toBe(302);
    const authorize = new URL(start.headers.get("location")!);
    expect(authorize.searchParams.get("scope")).toBe("chat:write,commands,users:read,users:read.email");
    const state = authorize.searchParams.get("state")!;
    const cookie = start.headers.get("set-cookie")!.split(";")[0]!;
    return fetch(`${slack.baseUrl}/slack/oauth_redirect?code=the-code&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: "manual",
    });
  }

  it("an install stores the team's token and binds the default workspace to the team", async () => {
    const done = await install();
    expect(done.status).toBeLessThan(400);
    expect(slack.fake.callsOf("oauth.v2.access")).toHaveLength(1);
    const [row] = await t.db.select().from(slackInstallations);
    expect(row).toMatchObject({ teamId: TEAM, workspaceId: t.workspaceId });
    const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.id, t.workspaceId));
    expect(ws).toMatchObject({ platform: "slack", externalId: TEAM });
  });

  it("after the install, the team's users are answered with the installed token", async () => {
    await install();
    await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA" });
    const { responseUrl } = await slack.command("UANA", "help");
    const [answer] = await slack.responsesTo(responseUrl);
    expect(visibleText(answer!)).toContain("today");
  });

  it("a callback with a forged state installs nothing", async () => {
    const res = await fetch(`${slack.baseUrl}/slack/oauth_redirect?code=the-code&state=forged`, {
      redirect: "manual",
    });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await t.db.select().from(slackInstallations)).toEqual([]);
    expect(slack.fake.callsOf("oauth.v2.access")).toHaveLength(0);
  });

  it("a signed request from a team that never installed the app runs nothing (Bolt finds no token)", async () => {
    const { res } = await slack.command("UANA", "today");
    expect(res.status).toBe(200);
    await slack.settled();
    expect(slack.fake.calls.filter((c) => c.method !== "auth.test")).toEqual([]);
  });
});
