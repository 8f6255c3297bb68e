import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/storage/database.js";
import { seedNudge } from "../channels/slack/slack-harness.js";
import { buildBlockActionBody, buildSlashCommandBody, postSigned } from "../support/slack-requests.js";
import { buildTeamsActivities, postActivity } from "../support/teams-activities.js";
import { type ServiceProcess, startService, waitUntil } from "./support/service.js";
import { createWorld, SECRET, type SeededReps, seedReps, TEAM, TENANT, type World } from "./support/world.js";

const OUTAGE_MS = 10_000;
const ANSWER_WITHIN_MS = 3_000;
const FORM = "application/x-www-form-urlencoded" as const;

describe("PostgreSQL stops for ten seconds during clicks and commands", () => {
  let world: World;
  let seeded: SeededReps;
  let service: ServiceProcess;
  let slackPicks: number[] = [];
  let message: { channel: string; ts: string };
  const slackUser = "US0000";

  beforeAll(async () => {
    world = await createWorld();
    seeded = await seedReps(world, { slack: 1, teams: 1, accountsEach: 12 });
    const [slackRep] = [...seeded.slackUsers.keys()];
    const nudge = await seedNudge(
      world.database.db,
      seeded.slackWorkspaceId,
      slackRep as number,
      seeded.accounts.get(slackRep as number) ?? [],
    );
    slackPicks = nudge.pickIds;
    message = nudge.message;
    service = await startService(world.env());
  });

  afterAll(async () => {
    await service?.kill();
    await world?.close();
  });

  const checkIns = async () =>
    (await queryRows<{ n: number }>(world.database.db, sql`select count(*)::int as n from checkins`))[0]?.n ??
    0;

  /** Waits for what the service posted to a response_url, at most until `deadline`. */
  const answerOn = (responseUrl: string, deadline: number) =>
    waitUntil(`an answer on ${responseUrl}`, Math.max(0, deadline - Date.now()), async () =>
      world.slack.calls.find((c) => c.method === "response_url" && c.path === new URL(responseUrl).pathname),
    );

  async function slackClick(pickId: number) {
    const responseUrl = world.slack.responseUrl();
    const started = Date.now();
    const body = buildBlockActionBody(
      { teamId: TEAM, userId: slackUser },
      { actionId: "pick_call", value: String(pickId), message, responseUrl },
    );
    const res = await postSigned(`${service.baseUrl}/slack/events`, body, FORM, { secret: SECRET });
    return { res, took: Date.now() - started, responseUrl, started };
  }

  async function slackCommand(text: string) {
    const responseUrl = world.slack.responseUrl();
    const started = Date.now();
    const body = buildSlashCommandBody({ teamId: TEAM, userId: slackUser }, text, responseUrl);
    const res = await postSigned(`${service.baseUrl}/slack/events`, body, FORM, { secret: SECRET });
    return { res, took: Date.now() - started, responseUrl, started };
  }

  const teams = () =>
    buildTeamsActivities({
      serviceUrl: world.connector.url,
      tenantId: TENANT,
      user: { id: "29:user-0", name: "Teams rep 0", aadObjectId: "aad-0" },
      conversationId: "a:conv-0",
    });

  it("callers get a clear 'try again' within 3 s, never a hang or a 500 page, and the service recovers by itself", async () => {
    // Before: a click is logged.
    await slackClick(slackPicks[0] as number);
    await waitUntil("the first click logged", 10_000, async () =>
      (await checkIns()) === 1 ? true : undefined,
    );

    world.cluster.stop();
    const outageEnds = Date.now() + OUTAGE_MS;
    let round = 0;
    while (Date.now() < outageEnds - ANSWER_WITHIN_MS) {
      round++;
      // Picks 1 … n-2 in turn (the first and the last are clicked before and after).
      const click = await slackClick(slackPicks[1 + ((round - 1) % (slackPicks.length - 2))] as number);
      expect(click.res.status).toBe(200);
      expect(click.took).toBeLessThan(ANSWER_WITHIN_MS);
      const told = await answerOn(click.responseUrl, click.started + ANSWER_WITHIN_MS);
      expect(JSON.stringify(told.body)).toContain("Please try again");

      const command = await slackCommand("today");
      expect(command.res.status).toBe(200);
      const answered = await answerOn(command.responseUrl, command.started + ANSWER_WITHIN_MS);
      expect(JSON.stringify(answered.body)).toContain("Please try again");

      const started = Date.now();
      const invoke = await postActivity(
        service.baseUrl,
        teams().invoke({ rb: "retention.pick", pickId: 1, action: "call" }),
      );
      expect(Date.now() - started).toBeLessThan(ANSWER_WITHIN_MS);
      // Teams' own error answer to an invoke: the client shows the message on the card.
      expect(invoke.body).toMatchObject({
        type: "application/vnd.microsoft.error",
        value: { code: "InternalError" },
      });
      expect(JSON.stringify(invoke.body)).toContain("Please try again");

      const sentBefore = world.connector.sent.length;
      const messageStarted = Date.now();
      const text = await postActivity(service.baseUrl, teams().message("today"));
      expect(text.status).toBe(200);
      const reply = await waitUntil(
        "a Teams reply",
        Math.max(0, messageStarted + ANSWER_WITHIN_MS - Date.now()),
        async () => world.connector.sent.slice(sentBefore).find((s) => s.conversationId === "a:conv-0"),
      );
      expect(JSON.stringify(reply.activity)).toContain("Something went wrong on our side");
    }
    expect(round).toBeGreaterThan(0);
    while (Date.now() < outageEnds) await new Promise((r) => setTimeout(r, 100));
    world.cluster.start();

    // After: the same process answers and logs again, without a restart.
    await waitUntil("the service healthy again", 30_000, async () =>
      (await fetch(`${service.baseUrl}/healthz`)).status === 200 ? true : undefined,
    );
    const after = await slackClick(slackPicks[slackPicks.length - 1] as number);
    expect(after.res.status).toBe(200);
    await waitUntil("a click logged after the outage", 30_000, async () =>
      (await checkIns()) === 2 ? true : undefined,
    );
  });
});
