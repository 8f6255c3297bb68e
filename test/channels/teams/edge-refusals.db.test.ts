import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { checkins, handledRequests, promises } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { buildTeamsUser } from "../../support/teams-activities.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
const NOW = new Date("2026-03-03T10:00:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, NOW);
});
afterEach(async () => {
  await h.close();
});

async function repWithPick(n: number, zone = "UTC", morning = NOW) {
  const user = buildTeamsUser(n, `Rep ${n}`);
  const rep = await createRep(t.db, t.workspaceId, {
    name: `Rep ${n}`,
    timezone: zone,
    teamsUserId: user.aadObjectId,
    email: `rep${n}@example.test`,
  });
  await h.post(h.activitiesFor(user).installationAdd());
  await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, name: `Acme ${n}`, annualRevenue: 500_000 });
  h.setNow(morning);
  await runMorning(h.ctx, morning);
  const [pick] = await t.db.query.picks.findMany();
  return { user, rep, pickId: pick!.id, activities: h.activitiesFor(user) };
}

describe("the Teams edge refuses malformed activities with a coded 400 before botbuilder runs", () => {
  it.each([
    ["type missing", { type: undefined }],
    ["type numeric", { type: 7 }],
    ["serviceUrl numeric", { serviceUrl: 12 }],
    ["from missing", { from: undefined }],
    ["conversation a string", { conversation: "x" }],
  ])("an activity with %s answers 400 BAD_ACTIVITY, no stack trace", async (_name, change) => {
    const user = buildTeamsUser(1);
    const activity = { ...h.activitiesFor(user).message("help"), ...change };
    const res = await h.post(activity);
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "BAD_ACTIVITY" });
    expect(JSON.stringify(res.body)).not.toMatch(/toLowerCase|at .*\.js|stack/);
  });

  it("an invoke without an activity id is refused, and nothing is logged or claimed", async () => {
    const { activities, pickId } = await repWithPick(2);
    const invoke = activities.invoke({ rb: "retention.pick", pickId, action: "call" });
    delete invoke.id;
    const res = await h.post(invoke);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain("needs an id");
    expect(await t.db.select().from(checkins)).toHaveLength(0);
    expect((await t.db.select().from(handledRequests)).map((r) => r.key)).not.toContainEqual(
      expect.stringContaining("undefined"),
    );
  });

  it("a NUL character in a message is refused with 400, not a 500", async () => {
    const user = buildTeamsUser(3);
    const res = await h.post(h.activitiesFor(user).message("log Acme call\u0000"));
    expect(res.status).toBe(400);
    expect(res.body).toMatchObject({ code: "BAD_ACTIVITY" });
  });

  it("a pickId of [468] is not read as 468: the button is refused and nothing is logged", async () => {
    const { activities, pickId } = await repWithPick(4);
    const res = await h.post(activities.invoke({ rb: "retention.pick", pickId: [pickId], action: "call" }));
    expect(JSON.stringify(res.body)).toContain("not one this app knows");
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it("a promise due on 9999-12-31 23:30 in New York (year 10000 in UTC) is refused as too far ahead", async () => {
    const { activities, pickId } = await repWithPick(5, "America/New_York", new Date("2026-03-03T15:00:00Z"));
    const res = await h.post(
      activities.invoke({
        rb: "retention.pick",
        pickId,
        action: "promise",
        [`what-${pickId}`]: "send pricing",
        [`date-${pickId}`]: "9999-12-31",
        [`time-${pickId}`]: "23:30",
      }),
    );
    expect(res.status).toBe(200);
    expect(JSON.stringify(res.body)).toContain("too far ahead");
    expect(await t.db.select().from(promises)).toHaveLength(0);
  });

  it("a promise time of 23:60 is refused with the HH:MM message", async () => {
    const { activities, pickId } = await repWithPick(6);
    const res = await h.post(
      activities.invoke({
        rb: "retention.pick",
        pickId,
        action: "promise",
        [`what-${pickId}`]: "send pricing",
        [`date-${pickId}`]: "2026-03-10",
        [`time-${pickId}`]: "23:60",
      }),
    );
    expect(JSON.stringify(res.body)).toMatch(/not a date and time|HH:MM/);
    expect(await t.db.select().from(promises)).toHaveLength(0);
  });
});
