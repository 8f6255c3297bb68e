import { eq, sql } from "drizzle-orm";
import pino from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { runCrmSync } from "../../src/app/connectors/run-crm-sync.js";
import type { AppContext } from "../../src/app/ports.js";
import {
  createHubSpotConnector,
  type HubSpotOptions,
} from "../../src/connectors/hubspot/hubspot-connector.js";
import { queryRows } from "../../src/storage/database.js";
import { accounts, checkins, picks } from "../../src/storage/schema.js";
import { seedNudge, startSlackHarness, visibleText } from "../channels/slack/slack-harness.js";
import { createAccount, createRep } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { type FakeHubSpot, startFakeHubSpot } from "../support/fake-hubspot.js";

const t = useTestDatabase();
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

const NOW = new Date("2026-03-10T11:00:00Z");

async function startHubSpot(options: { searchResultLimit?: number } = {}): Promise<FakeHubSpot> {
  const fake = await startFakeHubSpot(options);
  closers.push(() => fake.close());
  return fake;
}

function context(clock = () => NOW): AppContext {
  return { db: t.db, clock, logger: pino({ level: "silent" }), channels: [] };
}

function connector(fake: FakeHubSpot, options: Partial<HubSpotOptions> & { waits?: number[] } = {}) {
  const waits = options.waits ?? [];
  return createHubSpotConnector({
    accessToken: fake.token,
    basePath: fake.url,
    pageSize: 3,
    clock: () => NOW,
    ...options,
    retry: {
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...options.retry,
    },
  });
}

/** Ana and Bo are reps and HubSpot owners; `n` companies owned by Ana, each with one call. */
async function seedWorld(fake: FakeHubSpot, n: number) {
  const ana = await createRep(t.db, t.workspaceId, {
    name: "Ana",
    email: "ana@example.com",
    timezone: "UTC",
  });
  const bo = await createRep(t.db, t.workspaceId, { name: "Bo", email: "bo@example.com", timezone: "UTC" });
  fake.addOwner({ id: "11", email: "Ana@Example.com", firstName: "Ana" });
  fake.addOwner({ id: "12", email: "bo@example.com", firstName: "Bo" });
  for (let i = 1; i <= n; i++) {
    const modified = new Date(Date.UTC(2026, 2, 1, 8, i)).toISOString();
    fake.putObject("companies", String(100 + i), {
      name: `Company ${i}`,
      annualrevenue: String(1000 * i),
      hubspot_owner_id: "11",
      hs_lastmodifieddate: modified,
    });
    fake.putObject("calls", String(500 + i), {
      hs_timestamp: new Date(Date.UTC(2026, 2, 2, 9, i)).toISOString(),
      hubspot_owner_id: i % 2 === 0 ? "12" : "11",
      hs_call_title: `Call ${i}`,
      hs_call_status: "COMPLETED",
      hs_lastmodifieddate: modified,
    });
    fake.associate("calls", String(500 + i), "companies", String(100 + i));
  }
  return { ana, bo };
}

const count = async (table: "activities" | "checkins" | "accounts") =>
  (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from ${sql.raw(table)}`))[0]?.n ?? 0;

describe("retention sync hubspot: one pass through the real SDK against a fake HubSpot", () => {
  it("pages through owners, companies and calls: companies become accounts, calls contacts by their owner", async () => {
    const fake = await startHubSpot();
    const { ana, bo } = await seedWorld(fake, 8);

    const report = await runCrmSync(context(), t.workspaceId, connector(fake));

    expect(report.accounts).toEqual({ inserted: 8, updated: 0, unchanged: 0 });
    expect(report.activities).toEqual({ inserted: 8, alreadyKnown: 0 });
    expect(fake.searches("companies").length).toBe(3); // 8 companies, 3 a page
    expect(fake.searches("calls").length).toBe(3);
    const rows = await t.db.select().from(accounts).where(eq(accounts.externalId, "105"));
    expect(rows[0]).toMatchObject({ name: "Company 5", annualRevenue: 5000, ownerRepId: ana.id });
    const calls = await t.db.select().from(checkins);
    expect(calls).toHaveLength(8);
    expect(calls.every((c) => c.source === "crm" && c.origin === "hubspot" && c.channel === "call")).toBe(
      true,
    );
    expect(calls.filter((c) => c.repId === bo.id)).toHaveLength(4);
    const [acc] = await t.db.select().from(accounts).where(eq(accounts.externalId, "108"));
    expect(acc?.lastContactAt?.toISOString()).toBe("2026-03-02T09:08:00.000Z");
  });

  it("the next pass reads only what changed since the stored cursor, updates a company's revenue and owner, and re-ranks the tiers", async () => {
    const fake = await startHubSpot();
    const { bo } = await seedWorld(fake, 20);
    await runCrmSync(context(), t.workspaceId, connector(fake));
    const [small] = await t.db.select().from(accounts).where(eq(accounts.externalId, "102"));
    expect(small?.tier).not.toBe("A");
    const before = fake.searches("companies").length;
    fake.putObject("companies", "102", {
      name: "Company 2 Ltd",
      annualrevenue: "99000",
      hubspot_owner_id: "12",
      hs_lastmodifieddate: "2026-03-05T00:00:00.000Z",
    });

    const report = await runCrmSync(context(), t.workspaceId, connector(fake));

    // The cursor is inclusive (GTE): the last company of the previous pass is read again, unchanged.
    expect(report.accounts).toEqual({ inserted: 0, updated: 1, unchanged: 1 });
    expect(report.activities.inserted).toBe(0);
    const groups = fake.searches("companies")[before]?.body?.filterGroups as { filters: unknown[] }[];
    expect(groups[0]?.filters[0]).toMatchObject({ propertyName: "hs_lastmodifieddate", operator: "GTE" });
    const [acc] = await t.db.select().from(accounts).where(eq(accounts.externalId, "102"));
    // The stored tiers were re-ranked in the same transaction: now the biggest account, it is tier A.
    expect(acc).toMatchObject({ name: "Company 2 Ltd", annualRevenue: 99000, ownerRepId: bo.id, tier: "A" });
  });

  it("a 429 is retried after HubSpot's Retry-After, then the pass goes on", async () => {
    const fake = await startHubSpot();
    await seedWorld(fake, 4);
    fake.failWhen((req) =>
      req.path.endsWith("/companies/search") && req.nth === 2
        ? { status: 429, headers: { "retry-after": "2", "x-hubspot-ratelimit-remaining": "0" } }
        : undefined,
    );
    const waits: number[] = [];

    const report = await runCrmSync(context(), t.workspaceId, connector(fake, { waits }));

    expect(waits).toEqual([2000]);
    expect(report.connector.retries).toBe(1);
    expect(report.accounts.inserted).toBe(4);
  });

  it("without Retry-After, a 429 waits out HubSpot's rolling window; retries are bounded", async () => {
    const fake = await startHubSpot();
    await seedWorld(fake, 2);
    fake.failWhen((req) =>
      req.path === "/crm/v3/owners"
        ? {
            status: 429,
            headers: {
              "x-hubspot-ratelimit-remaining": "0",
              "x-hubspot-ratelimit-interval-milliseconds": "10000",
            },
          }
        : undefined,
    );
    const waits: number[] = [];

    await expect(
      runCrmSync(context(), t.workspaceId, connector(fake, { waits, retry: { maxRetries: 3 } })),
    ).rejects.toMatchObject({ code: 429 });
    expect(waits).toEqual([10000, 10000, 10000]);
  });

  it("a pass that dies on page 3 resumes after the last page written and counts nothing twice", async () => {
    const fake = await startHubSpot();
    await seedWorld(fake, 9);
    fake.failWhen((req) =>
      req.path.endsWith("/calls/search") && req.nth === 3 ? { destroy: true } : undefined,
    );

    await expect(runCrmSync(context(), t.workspaceId, connector(fake))).rejects.toThrow();
    expect(await count("activities")).toBe(6); // two pages of three calls were written
    fake.failWhen(undefined);
    const resumed = await runCrmSync(context(), t.workspaceId, connector(fake));

    expect(await count("activities")).toBe(9);
    expect(await count("checkins")).toBe(9);
    // The resume started from the cursor of page 2 (its last record read again, known already).
    const firstResumed = fake.searches("calls")[3];
    expect(firstResumed?.body?.after).toBeUndefined();
    expect(resumed.activities.inserted).toBe(3);
    expect(resumed.activities.alreadyKnown).toBe(1);
  });

  it("an owner with no matching rep is reported, not created; their companies and calls are skipped", async () => {
    const fake = await startHubSpot();
    await seedWorld(fake, 2);
    fake.addOwner({ id: "13", email: "carla@example.com", firstName: "Carla" });
    fake.putObject("companies", "900", { name: "Orphan", hubspot_owner_id: "13" });
    fake.putObject("calls", "901", { hs_timestamp: "2026-03-03T10:00:00Z", hubspot_owner_id: "13" });
    fake.associate("calls", "901", "companies", "101");

    const report = await runCrmSync(context(), t.workspaceId, connector(fake));

    expect(report.owners).toMatchObject({
      seen: 3,
      matched: 2,
      unknown: [{ id: "13", email: "carla@example.com" }],
    });
    expect(report.skipped).toEqual(
      expect.arrayContaining([
        { stream: "companies", id: "900", reason: expect.stringContaining("carla@example.com is not a rep") },
        { stream: "calls", id: "call-901-company-101", reason: expect.stringContaining("carla@example.com") },
      ]),
    );
    expect(await count("accounts")).toBe(2);
    expect(await count("activities")).toBe(2);
  });

  it("past 10,000 results a search is queried again from the cursor it reached (here a limit of 6)", async () => {
    const fake = await startHubSpot({ searchResultLimit: 6 });
    await seedWorld(fake, 14);

    const report = await runCrmSync(context(), t.workspaceId, connector(fake, { searchResultLimit: 6 }));

    expect(report.accounts.inserted).toBe(14);
    expect(report.activities.inserted).toBe(14);
  });

  it("a meeting booked ahead is not a contact yet; once its time has come, the next pass counts it", async () => {
    const fake = await startHubSpot();
    await seedWorld(fake, 1);
    fake.putObject("meetings", "700", {
      hs_timestamp: "2026-03-12T10:00:00Z",
      hubspot_owner_id: "11",
      hs_meeting_title: "QBR",
      hs_lastmodifieddate: "2026-03-02T00:00:00Z",
    });
    fake.associate("meetings", "700", "companies", "101");
    let now = NOW;
    const first = await runCrmSync(
      context(() => now),
      t.workspaceId,
      connector(fake, { clock: () => now }),
    );
    expect(first.skipped).toEqual(
      expect.arrayContaining([expect.objectContaining({ id: "meeting-700-company-101" })]),
    );
    expect(await count("activities")).toBe(1);

    now = new Date("2026-03-12T12:00:00Z");
    await runCrmSync(
      context(() => now),
      t.workspaceId,
      connector(fake, { clock: () => now }),
    );

    const [acc] = await t.db.select().from(accounts).where(eq(accounts.externalId, "101"));
    expect(acc?.lastReviewAt?.toISOString()).toBe("2026-03-12T10:00:00.000Z");
  });

  it("a call logged in HubSpot for a picked account ticks the delivered Slack nudge in place", async () => {
    const fake = await startHubSpot();
    const slack = await startSlackHarness(t.db, NOW);
    closers.push(() => slack.close());
    const ana = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.com",
      slackUserId: "UANA",
      timezone: "Europe/Paris",
    });
    const acme = await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Acme",
      externalId: "4242",
    });
    const nudge = await seedNudge(t.db, t.workspaceId, ana.id, [acme.id]);
    fake.addOwner({ id: "11", email: "ana@example.com" });
    fake.putObject("companies", "4242", { name: "Acme", hubspot_owner_id: "11" });
    fake.putObject("calls", "1", {
      hs_timestamp: "2026-03-10T09:42:00Z",
      hubspot_owner_id: "11",
      hs_call_status: "COMPLETED",
    });
    fake.associate("calls", "1", "companies", "4242");

    await runCrmSync(slack.ctx, t.workspaceId, connector(fake));

    const [update] = await slack.fake.waitFor("chat.update");
    expect(update!.body).toMatchObject({ channel: nudge.message.channel, ts: nudge.message.ts });
    expect(visibleText(update!.body)).toContain("Called (HubSpot) by Ana, Tue 10 Mar, 10:42");
    const [pick] = await t.db.select().from(picks).where(eq(picks.nudgeId, nudge.nudgeId));
    expect(pick?.status).toBe("done");
    expect(slack.fake.callsOf("chat.postMessage")).toHaveLength(0);
  });
});
