/**
 * Hostile Bot Framework activities through the real HTTP server: missing or wrong fields, any
 * card data, another rep's pick, another tenant. No 5xx, no internals in a reply, nothing written.
 */
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../src/app/morning/run-morning.js";
import { checkins, promises, snoozes } from "../../src/storage/schema.js";
import { startTeamsHarness, type TeamsHarness } from "../channels/teams/teams-harness.js";
import { createAccount, createRep } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { type Activity, buildTeamsActivities, buildTeamsUser } from "../support/teams-activities.js";

const NOW = new Date("2026-03-03T10:00:00Z");

describe("hostile Teams activities", () => {
  const t = useTestDatabase();
  let h: TeamsHarness;
  let bensPick: number;
  const ana = buildTeamsUser(1, "Ana");
  const ben = buildTeamsUser(2, "Ben");

  beforeEach(async () => {
    h = await startTeamsHarness(t.db, NOW);
    const anaRep = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      teamsUserId: ana.aadObjectId,
      timezone: "UTC",
      email: "ana@x.test",
    });
    const benRep = await createRep(t.db, t.workspaceId, {
      name: "Ben",
      teamsUserId: ben.aadObjectId,
      timezone: "UTC",
      email: "ben@x.test",
    });
    await h.post(h.activitiesFor(ana).installationAdd());
    await h.post(h.activitiesFor(ben).installationAdd());
    await createAccount(t.db, t.workspaceId, { ownerRepId: anaRep.id, name: "Globex" });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: benRep.id,
      name: "Initech",
      annualRevenue: 900_000,
    });
    await runMorning(h.ctx, NOW);
    bensPick = (await pickOf(benRep.id))!;
  });
  afterEach(async () => {
    await h.close();
  });

  async function pickOf(repId: number): Promise<number | undefined> {
    const nudges = await t.db.query.nudges.findMany();
    const nudge = nudges.find((n) => n.repId === repId);
    const picks = await t.db.query.picks.findMany();
    return picks.find((p) => p.nudgeId === nudge?.id)?.id;
  }

  function expectHarmless(res: { status: number; body: unknown }): void {
    expect(res.status).toBeLessThan(500);
    const text = JSON.stringify(res.body ?? "");
    expect(text).not.toMatch(/\\n\s+at |toLowerCase|is not a function|SELECT|INSERT/);
  }

  async function nothingWritten(): Promise<void> {
    expect(await t.db.select().from(checkins)).toHaveLength(0);
    expect(await t.db.select().from(promises)).toHaveLength(0);
    expect(await t.db.select().from(snoozes)).toHaveLength(0);
  }

  it("activities with fields missing or of the wrong type are refused or answered, never a 5xx", async () => {
    const fields = fc.constantFrom(
      "type",
      "id",
      "serviceUrl",
      "from",
      "conversation",
      "recipient",
      "channelData",
      "text",
      "value",
      "name",
    );
    const mutation = fc.dictionary(fields, fc.oneof(fc.constant(undefined), fc.jsonValue({ maxDepth: 2 })), {
      maxKeys: 3,
    });
    const base = fc.constantFrom<(a: ReturnType<typeof buildTeamsActivities>) => Activity>(
      (a) => a.message("zz help"),
      (a) => a.invoke({ rb: "retention.pick", pickId: 999_999, action: "call" }),
      (a) => a.installationAdd(),
    );
    await fc.assert(
      fc.asyncProperty(base, mutation, async (make, change) => {
        const activity = { ...make(h.activitiesFor(ana)), ...change };
        expectHarmless(await h.post(activity));
      }),
      { numRuns: 40, seed: 9 },
    );
    await nothingWritten();
  });

  it("card data of any shape is refused as a button this app does not know, and nothing is logged", async () => {
    const data = fc.oneof(
      fc.jsonValue({ maxDepth: 3 }),
      fc.record({
        rb: fc.constant("retention.pick"),
        // Anything but a real id (a number or its digits would be a legitimate click on Ana's pick).
        pickId: fc.oneof(
          fc.jsonValue().filter((v) => typeof v !== "number" && !(typeof v === "string" && /^\d+$/.test(v))),
          fc.constant([1]),
          fc.constant("1e3"),
          fc.constant(-1),
        ),
        action: fc.oneof(fc.string(), fc.constant("call")),
      }),
    );
    await fc.assert(
      fc.asyncProperty(data, async (value) => {
        const invoke = h.activitiesFor(ana).invoke({ rb: "retention.pick" });
        invoke.value = { action: { type: "Action.Execute", verb: "retention.pick", data: value } };
        expectHarmless(await h.post(invoke));
      }),
      { numRuns: 40, seed: 9 },
    );
    await nothingWritten();
  });

  it("an invoke naming another rep's pick, with any action, is refused and changes nothing", async () => {
    const action = fc.constantFrom("call", "email", "meeting", "snooze_week", "not_mine", "undo");
    await fc.assert(
      fc.asyncProperty(action, async (act) => {
        const res = await h.post(
          h.activitiesFor(ana).invoke({ rb: "retention.pick", pickId: bensPick, action: act }),
        );
        expectHarmless(res);
        expect(JSON.stringify(res.body), JSON.stringify(res.body)).toMatch(/someone else/);
      }),
      { numRuns: 6, seed: 9 },
    );
    await nothingWritten();
  });

  it("Ben from another tenant naming his own pick is not Ben here: refused, nothing logged", async () => {
    const stranger = buildTeamsActivities({
      serviceUrl: h.connector.url,
      tenantId: "other-tenant",
      user: ben,
    });
    const res = await h.post(stranger.invoke({ rb: "retention.pick", pickId: bensPick, action: "call" }));
    expectHarmless(res);
    await nothingWritten();
  });
});
