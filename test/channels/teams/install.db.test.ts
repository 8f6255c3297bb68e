import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { reps, teamsConversations, workspaces } from "../../../src/storage/schema.js";
import { createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { startTeamsHarness, TENANT_ID, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
const NOW = new Date("2026-03-03T08:00:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, NOW);
});
afterEach(async () => {
  await h.close();
});

const cardText = (card: Record<string, unknown>) => JSON.stringify(card);

describe("installing the Teams app in a personal chat", () => {
  it("stores the conversation, links the rep by Teams user id, and greets them by name", async () => {
    const user = buildTeamsUser(1, "Ana");
    const rep = await createRep(t.db, t.workspaceId, { name: "Ana Lima", teamsUserId: user.aadObjectId });

    const res = await h.post(h.activitiesFor(user).installationAdd());

    expect(res.status).toBe(200);
    const [row] = await t.db.select().from(teamsConversations);
    expect(row).toMatchObject({ workspaceId: t.workspaceId, repId: rep.id, aadObjectId: user.aadObjectId });
    expect(row?.reference).toMatchObject({
      serviceUrl: h.connector.url,
      conversation: { id: `a:personal-${user.id}` },
    });
    expect(h.connector.sent).toHaveLength(1);
    expect(cardText(h.connector.sentCards()[0]!)).toContain("Hi Ana Lima, welcome to Retention");
  });

  it("links a rep by the email Teams reports and remembers their Teams user id", async () => {
    const user = buildTeamsUser(2, "Bo");
    const rep = await createRep(t.db, t.workspaceId, { email: "bo@example.test", name: "Bo" });
    h.connector.members.set(user.id, {
      ...user,
      email: "Bo@Example.test",
      userPrincipalName: "bo@corp.test",
    });

    await h.post(h.activitiesFor(user).installationAdd());

    const [linked] = await t.db.select().from(reps).where(eq(reps.id, rep.id));
    expect(linked?.teamsUserId).toBe(user.aadObjectId);
    const [row] = await t.db.select().from(teamsConversations);
    expect(row?.repId).toBe(rep.id);
  });

  it("links a rep by UPN when Teams reports no email", async () => {
    const user = buildTeamsUser(3);
    const rep = await createRep(t.db, t.workspaceId, { email: "cy@corp.test" });
    h.connector.members.set(user.id, { ...user, userPrincipalName: "cy@corp.test" });

    await h.post(h.activitiesFor(user).installationAdd());

    const [linked] = await t.db.select().from(reps).where(eq(reps.id, rep.id));
    expect(linked?.teamsUserId).toBe(user.aadObjectId);
  });

  it("tells a user nobody imported to ask an admin, and keeps their conversation for later", async () => {
    const user = buildTeamsUser(4);
    h.connector.members.set(user.id, { ...user, email: "stranger@example.test" });

    await h.post(h.activitiesFor(user).installationAdd());

    const text = cardText(h.connector.sentCards()[0]!);
    expect(text).toContain("ask an admin to import you");
    expect(text).toContain("stranger@example.test");
    const [row] = await t.db.select().from(teamsConversations);
    expect(row?.repId).toBeNull();
  });

  it("greets once when Teams announces the install twice (installation update and the bot joining)", async () => {
    const user = buildTeamsUser(5);
    await createRep(t.db, t.workspaceId, { teamsUserId: user.aadObjectId });
    const a = h.activitiesFor(user);

    await h.post(a.botAdded());
    await h.post(a.installationAdd());

    expect(h.connector.sent).toHaveLength(1);
    expect(await t.db.select().from(teamsConversations)).toHaveLength(1);
  });

  it("binds the default workspace to the tenant on the first install", async () => {
    await h.post(h.activitiesFor(buildTeamsUser(6)).installationAdd());

    const [ws] = await t.db.select().from(workspaces).where(eq(workspaces.id, t.workspaceId));
    expect(ws).toMatchObject({ platform: "teams", externalId: TENANT_ID });
    expect(await t.db.select().from(workspaces)).toHaveLength(1);
  });

  it("forgets the conversation when the user uninstalls the app", async () => {
    const user = buildTeamsUser(7);
    await createRep(t.db, t.workspaceId, { teamsUserId: user.aadObjectId });
    const a = h.activitiesFor(user);
    await h.post(a.installationAdd());

    const res = await h.post(a.installationRemove());

    expect(res.status).toBe(200);
    expect(await t.db.select().from(teamsConversations)).toHaveLength(0);
  });
});

describe("who may call /api/messages", () => {
  it("refuses a caller that is not on this machine when no app id is set, and stores nothing", async () => {
    const remote = await startTeamsHarness(t.db, NOW, { remoteAddress: "203.0.113.9" });
    try {
      const res = await remote.post(remote.activitiesFor(buildTeamsUser(8)).installationAdd());
      expect(res.status).toBe(401);
      expect(await t.db.select().from(teamsConversations)).toHaveLength(0);
    } finally {
      await remote.close();
    }
  });

  it("refuses a request without a Bot Framework token when an app id is set", async () => {
    // botbuilder reports refused requests on console.error; keep the test output clean.
    const quiet = vi.spyOn(console, "error").mockImplementation(() => {});
    const secured = await startTeamsHarness(t.db, NOW, {
      env: { MICROSOFT_APP_ID: "2f0e9a4c-6d1b-4c1e-9a51-7f3c2b8d9e10", MICROSOFT_APP_PASSWORD: "secret" },
    });
    try {
      const res = await secured.post(secured.activitiesFor(buildTeamsUser(9)).installationAdd());
      expect(res.status).toBe(401);
      expect(await t.db.select().from(teamsConversations)).toHaveLength(0);
    } finally {
      quiet.mockRestore();
      await secured.close();
    }
  });

  it("answers 413 to a body over the size limit, and stores nothing", async () => {
    const activity = h.activitiesFor(buildTeamsUser(12)).installationAdd();
    const res = await h.post({ ...activity, text: "x".repeat(300_000) });
    expect(res.status).toBe(413);
    expect(await t.db.select().from(teamsConversations)).toHaveLength(0);
  });

  it("answers 400 to a body that is not an activity", async () => {
    const res = await fetch(`${h.baseUrl}/api/messages`, { method: "POST", body: "not json" });
    expect(res.status).toBe(400);
  });
});

describe("conversation references", () => {
  it("are kept per user, so a second user does not replace the first", async () => {
    const a = buildTeamsUser(10);
    const b = buildTeamsUser(11);
    await h.post(h.activitiesFor(a).installationAdd());
    await h.post(h.activitiesFor(b).installationAdd());

    const rows = await t.db.select().from(teamsConversations);
    expect(rows.map((r) => r.aadObjectId).sort()).toEqual([a.aadObjectId, b.aadObjectId].sort());
    expect(readCards(h.connector.sent[0]!.activity)).toHaveLength(1);
  });
});
