import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/storage/database.js";
import { seedNudge } from "../channels/slack/slack-harness.js";
import { buildBlockActionBody, postSigned } from "../support/slack-requests.js";
import { type ServiceProcess, startService, waitUntil } from "./support/service.js";
import { createWorld, SECRET, seedReps, TEAM, type World } from "./support/world.js";

const CLICKS = 200;

describe("200 clicks, then SIGKILL right after the acknowledgements", () => {
  let world: World;
  let service: ServiceProcess | undefined;
  const picks: { pickId: number; user: string; message: { channel: string; ts: string } }[] = [];

  beforeAll(async () => {
    world = await createWorld();
    const seeded = await seedReps(world, { slack: 20, teams: 0, accountsEach: 10 });
    for (const [repId, user] of seeded.slackUsers) {
      const accounts = seeded.accounts.get(repId) ?? [];
      const nudge = await seedNudge(world.database.db, seeded.slackWorkspaceId, repId, accounts);
      for (const pickId of nudge.pickIds) picks.push({ pickId, user, message: nudge.message });
    }
  });

  afterAll(async () => {
    await service?.kill();
    await world?.close();
  });

  const count = async (query: ReturnType<typeof sql>) =>
    (await queryRows<{ n: number }>(world.database.db, query))[0]?.n ?? 0;

  it("after a restart every acknowledged click is in the database, once", async () => {
    expect(picks).toHaveLength(CLICKS);
    service = await startService(world.env());
    const eventsUrl = `${service.baseUrl}/slack/events`;
    const statuses: number[] = [];
    // 20 reps click their 10 picks each, all at once.
    await Promise.all(
      [...new Set(picks.map((p) => p.user))].map(async (user) => {
        for (const pick of picks.filter((p) => p.user === user)) {
          const body = buildBlockActionBody(
            { teamId: TEAM, userId: user },
            { actionId: "pick_call", value: String(pick.pickId), message: pick.message },
          );
          const res = await postSigned(eventsUrl, body, "application/x-www-form-urlencoded", {
            secret: SECRET,
          });
          statuses.push(res.status);
        }
      }),
    );
    await service.kill();
    expect(statuses.filter((s) => s === 200)).toHaveLength(CLICKS);
    const recorded = await count(sql`select count(*)::int as n from click_inbox`);
    expect(recorded).toBe(CLICKS);
    const unworked = await count(sql`select count(*)::int as n from click_inbox where done_at is null`);
    console.info(`clicks acknowledged but not worked when the service was killed: ${unworked} of ${CLICKS}`);

    // A new process finishes what the killed one acknowledged (after the dead worker's leases).
    service = await startService(world.env());
    await waitUntil("every click worked", 90_000, async () =>
      (await count(sql`select count(*)::int as n from click_inbox where done_at is null`)) === 0
        ? true
        : undefined,
    );
    expect(await count(sql`select count(*)::int as n from checkins`)).toBe(CLICKS);
    expect(await count(sql`select count(distinct pick_id)::int as n from checkins`)).toBe(CLICKS);
    expect(await count(sql`select count(*)::int as n from picks where status = 'done'`)).toBe(CLICKS);
  });
});
