import { eq } from "drizzle-orm";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { runMorning } from "../../src/app/morning/run-morning.js";
import { planReps } from "../../src/app/planning/plan-reps.js";
import type { AppContext } from "../../src/app/ports.js";
import { activitiesRoutes } from "../../src/http/activities-route.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { nudges, picks } from "../../src/storage/schema.js";
import { seedNudge, startSlackHarness, visibleText } from "../channels/slack/slack-harness.js";
import { startTeamsHarness } from "../channels/teams/teams-harness.js";
import { createAccount, createRep } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { readCards } from "../support/fake-bot-connector.js";
import { buildTeamsUser } from "../support/teams-activities.js";

const TOKEN = "test-token-0123456789";
const t = useTestDatabase();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** The activity API on its own server, sharing the adapters' context (their channels and clock). */
async function startActivityApi(ctx: AppContext) {
  const http: HttpServer = createHttpServer(activitiesRoutes(ctx, TOKEN), pino({ level: "silent" }));
  const url = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/api/activities`;
  closers.push(() => http.close());
  return (activity: Record<string, unknown>) =>
    fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
      body: JSON.stringify({ source: "hubspot", kind: "call", ...activity }),
    });
}

const pickedAccounts = async (repId: number, date: string) => {
  const { plans } = await planReps(t.db, {
    workspaceId: t.workspaceId,
    date,
    now: new Date(`${date}T07:00:00Z`),
    repIds: [repId],
  });
  return plans.flatMap((p) => p.picks.map((pick) => pick.accountId));
};

describe("a contact logged elsewhere closes today's nudge", () => {
  it("in Slack: the pick is done, the message is updated in place with the CRM named, and tomorrow's plan leaves the account out", async () => {
    const slack = await startSlackHarness(t.db, new Date("2026-03-10T11:00:00Z"));
    closers.push(() => slack.close());
    const ana = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.com",
      slackUserId: "UANA",
      timezone: "Europe/Paris",
    });
    // Reviewed lately: only the cadence decides whether they are picked.
    const reviewed = { ownerRepId: ana.id, lastReviewAt: new Date("2026-03-01T10:00:00Z") };
    const acme = await createAccount(t.db, t.workspaceId, { ...reviewed, name: "Acme", externalId: "ACME" });
    const globex = await createAccount(t.db, t.workspaceId, { ...reviewed, name: "Globex" });
    const nudge = await seedNudge(t.db, t.workspaceId, ana.id, [acme.id, globex.id]);
    expect(await pickedAccounts(ana.id, "2026-03-11")).toContain(acme.id);
    const post = await startActivityApi(slack.ctx);

    const res = await post({
      external_id: "call-1",
      account_external_id: "ACME",
      at: "2026-03-10T10:42:00+01:00",
    });

    expect(res.status).toBe(200);
    const [update] = await slack.fake.waitFor("chat.update");
    expect(update!.body).toMatchObject({ channel: nudge.message.channel, ts: nudge.message.ts });
    const text = visibleText(update!.body);
    expect(text).toContain("Called (HubSpot) by Ana, Tue 10 Mar, 10:42");
    expect(text).toContain("Globex");
    expect(slack.fake.callsOf("chat.postMessage")).toHaveLength(0);
    const rows = await t.db.select().from(picks).where(eq(picks.nudgeId, nudge.nudgeId));
    expect(rows.find((p) => p.accountId === acme.id)?.status).toBe("done");
    expect(rows.find((p) => p.accountId === globex.id)?.status).toBe("open");
    expect(await pickedAccounts(ana.id, "2026-03-11")).not.toContain(acme.id);
  });

  it("a replayed activity does not update the message again", async () => {
    const slack = await startSlackHarness(t.db, new Date("2026-03-10T11:00:00Z"));
    closers.push(() => slack.close());
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA", timezone: "UTC" });
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, externalId: "ACME" });
    await seedNudge(t.db, t.workspaceId, ana.id, [acme.id]);
    const post = await startActivityApi(slack.ctx);
    const call = { external_id: "call-1", account_external_id: "ACME", at: "2026-03-10T10:42:00Z" };
    await post(call);
    await slack.fake.waitFor("chat.update");
    expect(await (await post(call)).json()).toEqual({ inserted: 0, already_known: 1 });
    expect(slack.fake.callsOf("chat.update")).toHaveLength(1);
  });

  it("in Teams: the delivered card is updated in place (updateActivity) with the pick ticked", async () => {
    const morning = new Date("2026-03-03T09:05:00Z");
    const teams = await startTeamsHarness(t.db, morning);
    closers.push(() => teams.close());
    const user = buildTeamsUser(1, "Bo");
    const bo = await createRep(t.db, t.workspaceId, {
      name: "Bo",
      email: "bo@example.com",
      timezone: "UTC",
      teamsUserId: user.aadObjectId,
    });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: bo.id,
      externalId: "BIG",
      annualRevenue: 900_000,
    });
    await createAccount(t.db, t.workspaceId, { ownerRepId: bo.id, annualRevenue: 500_000 });
    await teams.post(teams.activitiesFor(user).installationAdd());
    await runMorning(teams.ctx, morning);
    const [nudge] = await t.db.select().from(nudges).where(eq(nudges.repId, bo.id));
    teams.setNow(new Date("2026-03-03T11:00:00Z"));
    const post = await startActivityApi(teams.ctx);

    const res = await post({
      external_id: "m-1",
      account_external_id: "BIG",
      kind: "meeting",
      at: "2026-03-03T10:15:00Z",
    });

    expect(res.status).toBe(200);
    expect(teams.connector.updated).toHaveLength(1);
    const update = teams.connector.updated[0]!;
    expect(update.activityId).toBe(nudge!.messageRef!.activityId);
    const card = JSON.stringify(readCards(update.activity as Record<string, unknown>));
    expect(card).toContain("Met (HubSpot) by Bo");
    expect(teams.connector.sent).toHaveLength(2); // the welcome and the nudge, nothing new
  });
});
