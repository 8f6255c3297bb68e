/**
 * Hostile input through the real HTTP server, signed like Slack: whatever the text or payload,
 * the service answers (no 5xx, no crash), says nothing of its internals, and writes nothing.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ACTIONS } from "../../src/channels/slack/action-ids.js";
import { checkins, promises, snoozes } from "../../src/storage/schema.js";
import {
  SECRET,
  type SlackHarness,
  seedNudge,
  startSlackHarness,
  TEAM,
} from "../channels/slack/slack-harness.js";
import { createAccount, createRep } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { buildBlockActionBody, buildSlashCommandBody, postSigned } from "../support/slack-requests.js";

const NOW = new Date("2026-03-10T09:30:00Z");
const FORM = "application/x-www-form-urlencoded" as const;
const RUNS = { numRuns: 40, seed: 9 };

describe("hostile Slack requests", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let bensPick: number;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, NOW);
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA" });
    const ben = await createRep(t.db, t.workspaceId, { name: "Ben", slackUserId: "UBEN" });
    await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Globex" });
    const initech = await createAccount(t.db, t.workspaceId, { ownerRepId: ben.id, name: "Initech" });
    bensPick = (await seedNudge(t.db, t.workspaceId, ben.id, [initech.id])).pickIds[0]!;
  });
  afterEach(async () => {
    await slack.close();
  });

  function expectHarmless(res: { status: number; text: string }): void {
    expect(res.status).toBeLessThan(500);
    expect(res.text).not.toMatch(/\n\s+at |stack|SELECT|INSERT/i);
    expect(res.text).not.toContain(SECRET);
    expect(res.text).not.toContain("xoxb-");
  }

  async function nothingWritten(): Promise<void> {
    expect(await t.db.select().from(checkins)).toHaveLength(0);
    expect(await t.db.select().from(promises)).toHaveLength(0);
    expect(await t.db.select().from(snoozes)).toHaveLength(0);
  }

  it("slash-command text of any kind (unicode, control characters, 4,000 characters) is answered, never a 5xx", async () => {
    const text = fc.oneof(
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.string({ unit: "grapheme", maxLength: 200 }),
      fc.string({ minLength: 3_000, maxLength: 4_000 }),
    );
    await fc.assert(
      fc.asyncProperty(text, async (words) => {
        // An unknown first word, so that no random text happens to be a real command.
        const body = buildSlashCommandBody(
          { teamId: TEAM, userId: "UANA" },
          `zz ${words}`,
          slack.fake.responseUrl(),
        );
        expectHarmless(await postSigned(slack.eventsUrl, body, FORM, { secret: SECRET }));
      }),
      RUNS,
    );
    await nothingWritten();
  });

  it("payloads that lie about their shape (any JSON) are refused or answered, never a 5xx", async () => {
    const lying = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        type: fc.constant("block_actions"),
        user: fc.jsonValue({ maxDepth: 2 }),
        actions: fc.jsonValue(),
      }),
      fc.record({
        type: fc.constantFrom("block_actions", "view_submission", "shortcut"),
        user: fc.record({ id: fc.string({ maxLength: 20 }) }),
        container: fc.jsonValue({ maxDepth: 2 }),
        trigger_id: fc.string({ maxLength: 20 }),
        actions: fc.array(fc.record({ action_id: fc.string(), value: fc.jsonValue() }), { maxLength: 3 }),
        view: fc.jsonValue({ maxDepth: 3 }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(lying, async (payload) => {
        const body = `payload=${encodeURIComponent(JSON.stringify(payload))}`;
        expectHarmless(await postSigned(slack.eventsUrl, body, FORM, { secret: SECRET }));
      }),
      // Shapes Bolt has no listener for wait out its 3-second unhandled-request timer: keep it short.
      { numRuns: 20, seed: 9 },
    );
    expectHarmless(await postSigned(slack.eventsUrl, "payload=null", FORM, { secret: SECRET }));
    await nothingWritten();
  });

  it("a click naming another rep's pick, with any button, is refused to the clicker and changes nothing", async () => {
    const buttons = fc.constantFrom(ACTIONS.call, ACTIONS.email, ACTIONS.meet, ACTIONS.undo);
    await fc.assert(
      fc.asyncProperty(buttons, async (actionId) => {
        const responseUrl = slack.fake.responseUrl();
        const res = await postSigned(
          slack.eventsUrl,
          buildBlockActionBody(
            { teamId: TEAM, userId: "UANA" },
            { actionId, value: String(bensPick), responseUrl },
          ),
          FORM,
          { secret: SECRET },
        );
        expectHarmless(res);
        const [answer] = await slack.responsesTo(responseUrl);
        expect(JSON.stringify(answer)).toMatch(/someone else|no longer exists/);
      }),
      { numRuns: 8, seed: 9 },
    );
    await nothingWritten();
  });

  it("a click from another workspace's team naming our pick is refused and changes nothing", async () => {
    const responseUrl = slack.fake.responseUrl();
    const res = await postSigned(
      slack.eventsUrl,
      buildBlockActionBody(
        { teamId: "T0OTHER", userId: "UBEN" },
        { actionId: ACTIONS.call, value: String(bensPick), responseUrl },
      ),
      FORM,
      { secret: SECRET },
    );
    expectHarmless(res);
    await slack.responsesTo(responseUrl);
    await nothingWritten();
  });

  it("pick values that are no id (negative, huge, JSON, unicode digits) are refused as not ours", async () => {
    const values = fc.oneof(
      fc.integer({ min: -1_000_000_000, max: 0 }).map(String),
      fc.bigInt({ min: 2n ** 31n, max: 2n ** 70n }).map(String),
      fc.constantFrom("[468]", "1e3", "٤٦٨", " 1", "0x1F", ""),
    );
    await fc.assert(
      fc.asyncProperty(values, async (value) => {
        const responseUrl = slack.fake.responseUrl();
        const res = await postSigned(
          slack.eventsUrl,
          buildBlockActionBody(
            { teamId: TEAM, userId: "UBEN" },
            { actionId: ACTIONS.call, value, responseUrl },
          ),
          FORM,
          { secret: SECRET },
        );
        expectHarmless(res);
        const [answer] = await slack.responsesTo(responseUrl);
        expect(JSON.stringify(answer)).toContain("UNKNOWN_ACTION");
      }),
      { numRuns: 15, seed: 9 },
    );
    await nothingWritten();
  });
});
