import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkins, handledRequests } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { buildSlashCommandBody, postSigned } from "../../support/slack-requests.js";
import { SECRET, type SlackHarness, seedNudge, startSlackHarness, TEAM } from "./slack-harness.js";

const NOW = new Date("2026-03-10T09:30:00Z");
const FORM = "application/x-www-form-urlencoded" as const;

describe("the Slack edge", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let pickId: number;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, NOW);
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA" });
    const globex = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Globex" });
    const seeded = await seedNudge(t.db, t.workspaceId, ana.id, [globex.id]);
    pickId = seeded.pickIds[0]!;
  });

  afterEach(async () => {
    await slack.close();
  });

  const signed = (body: string, type: typeof FORM | "application/json" = FORM) =>
    postSigned(slack.eventsUrl, body, type, { secret: SECRET });

  async function stillServes(): Promise<void> {
    const { res, responseUrl } = await slack.command("UANA", "help");
    expect(res.status).toBe(200);
    await slack.responsesTo(responseUrl);
  }

  it.each([
    ["payload=null", "payload=null", FORM],
    ["payload=[]", "payload=%5B%5D", FORM],
    ["JSON null", "null", "application/json"],
    [
      "a payload without user",
      `payload=${encodeURIComponent(JSON.stringify({ type: "view_submission" }))}`,
      FORM,
    ],
    ["a command without user_id", "command=%2Fretention&team_id=T0TEAM&trigger_id=1.2&text=help", FORM],
  ] as const)("a signed %s is answered 400 and the service goes on serving", async (_name, body, type) => {
    const res = await signed(body, type);
    expect(res.status).toBe(400);
    expect(JSON.parse(res.text)).toMatchObject({ code: "BAD_SLACK_BODY" });
    await stillServes();
  });

  it("a signed click without `container` is refused before anything is logged", async () => {
    const payload = {
      type: "block_actions",
      team: { id: TEAM },
      user: { id: "UANA", team_id: TEAM },
      trigger_id: "1.abc",
      actions: [{ type: "button", action_id: "pick_call", value: String(pickId), action_ts: "1" }],
    };
    const res = await signed(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    expect(res.status).toBe(400);
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it.each([
    ["a day ahead", () => String(Math.floor(Date.now() / 1000) + 86_400)],
    ["in milliseconds", () => String(Date.now())],
    ["Infinity", () => "Infinity"],
    ["ten minutes old", () => String(Math.floor(Date.now() / 1000) - 600)],
  ])("a correctly signed request dated %s is refused with 401", async (_name, stamp) => {
    const timestamp = stamp();
    const body = buildSlashCommandBody(
      { teamId: TEAM, userId: "UANA" },
      "log Globex call",
      "http://127.0.0.1:1/r",
    );
    const res = await postSigned(slack.eventsUrl, body, FORM, {
      secret: SECRET,
      timestamp: timestamp as unknown as number,
    });
    expect(res.status).toBe(401);
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it("the same signed slash command replayed three times within five minutes logs one contact", async () => {
    const responseUrl = slack.fake.responseUrl();
    const body = buildSlashCommandBody({ teamId: TEAM, userId: "UANA" }, "log Globex call", responseUrl);
    const timestamp = Math.floor(Date.now() / 1000);
    for (let i = 0; i < 3; i++) {
      const res = await postSigned(slack.eventsUrl, body, FORM, { secret: SECRET, timestamp });
      expect(res.status).toBe(200);
    }
    await slack.responsesTo(responseUrl);
    await stillServes();
    expect(await t.db.select().from(checkins)).toHaveLength(1);
    const keys = (await t.db.select().from(handledRequests)).map((r) => r.key);
    expect(keys.filter((k) => k.startsWith("slack-command:"))).toHaveLength(2);
  });

  it("a NUL character in a command is answered with a sentence, and nothing is logged", async () => {
    const { res } = await slack.command("UANA", "log Globex call \u0000");
    expect(res.status).toBe(200);
    expect(res.text).toContain("control character");
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it("a body over 256 KB is refused with 413", async () => {
    const res = await signed(`payload=${"x".repeat(300_000)}`);
    expect(res.status).toBe(413);
  });
});
