/**
 * The stored planner dates always equal what the pure planner derives from scratch
 * (domain/planner/planner-dates.ts), on random books and random sequences of writes: contacts,
 * outcomes, orders, reviews, cadences, statuses, owners, a rep's zone and planner settings, each
 * followed by the refresh its write path makes (storage/planner-dates.ts).
 */
import { readFileSync } from "node:fs";
import { eq, sql } from "drizzle-orm";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { dayText, plannerDates } from "../../src/domain/planner/planner-dates.js";
import type { CheckInOutcome, Tier } from "../../src/domain/planner/types.js";
import { resolveSettings, type WorkspaceSettings } from "../../src/domain/settings.js";
import { addDays } from "../../src/domain/time.js";
import { type DatesScope, refreshPlannerDates } from "../../src/storage/planner-dates.js";
import { accounts, reps, workspaces } from "../../src/storage/schema.js";
import { createRep, createWorkspace } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";

const t = useTestDatabase();
const DAY_MS = 86_400_000;
const NOW = new Date("2026-03-29T12:00:00Z");
const ZONES = ["UTC", "Europe/Lisbon", "America/New_York", "Asia/Kolkata", "Pacific/Auckland"];
const OUTCOMES: CheckInOutcome[] = ["connected", "no_answer", "at_risk", "issue_raised", "opportunity"];
const TIERS: Tier[] = ["A", "B", "C"];

const factsArb = fc.record({
  tier: fc.constantFrom(...TIERS),
  lost: fc.integer({ min: 0, max: 9 }).map((n) => n < 2),
  cadenceDays: fc.option(fc.integer({ min: 1, max: 30 }), { nil: null }),
  contactMsAgo: fc.option(fc.integer({ min: 0, max: 400 * DAY_MS }), { nil: null }),
  outcome: fc.option(fc.constantFrom(...OUTCOMES), { nil: null }),
  orderDaysAgo: fc.option(fc.integer({ min: 0, max: 120 }), { nil: null }),
  orderInterval: fc.option(fc.integer({ min: 0, max: 60 }), { nil: null }),
  reviewMsAgo: fc.option(fc.integer({ min: 0, max: 500 * DAY_MS }), { nil: null }),
});
const settingsArb = fc.record({
  timezone: fc.constantFrom(...ZONES),
  cadenceDays: fc.record({
    A: fc.integer({ min: 1, max: 14 }),
    B: fc.integer({ min: 1, max: 30 }),
    C: fc.integer({ min: 1, max: 90 }),
  }),
  riskGapFactor: fc.constantFrom(1.25, 1.5, 2, 3),
  reviewMonths: fc.integer({ min: 1, max: 12 }),
});
type Facts = typeof factsArb extends fc.Arbitrary<infer F> ? F : never;

const writeArb = fc.oneof(
  // A write to one account's facts (a contact, an undo, an order, a tier, a status, an import row).
  fc.record({ kind: fc.constant("account" as const), index: fc.nat(), facts: factsArb }),
  fc.record({ kind: fc.constant("owner" as const), index: fc.nat(), owner: fc.nat(2) }),
  fc.record({
    kind: fc.constant("zone" as const),
    rep: fc.nat(2),
    zone: fc.option(fc.constantFrom(...ZONES), { nil: null }),
  }),
  fc.record({ kind: fc.constant("settings" as const), settings: settingsArb }),
);

const caseArb = fc.record({
  settings: settingsArb,
  repZones: fc.array(fc.option(fc.constantFrom(...ZONES), { nil: null }), { minLength: 3, maxLength: 3 }),
  accounts: fc.array(fc.record({ owner: fc.nat(2), facts: factsArb }), { minLength: 1, maxLength: 25 }),
  writes: fc.array(writeArb, { maxLength: 8 }),
});

function columns(f: Facts) {
  const ago = (ms: number | null) => (ms === null ? null : new Date(NOW.getTime() - ms));
  return {
    tier: f.tier,
    status: f.lost ? ("lost" as const) : ("active" as const),
    cadenceDays: f.cadenceDays,
    lastContactAt: ago(f.contactMsAgo),
    lastOutcome: f.outcome,
    lastOrderAt: f.orderDaysAgo === null ? null : addDays("2026-03-29", -f.orderDaysAgo),
    avgOrderIntervalDays: f.orderInterval,
    lastReviewAt: ago(f.reviewMsAgo),
  };
}

async function expectDatesExact(workspaceId: number, settings: WorkspaceSettings) {
  const rows = await t.db
    .select({ account: accounts, repZone: reps.timezone })
    .from(accounts)
    .innerJoin(reps, eq(reps.id, accounts.ownerRepId))
    .where(eq(accounts.workspaceId, workspaceId));
  for (const { account: a, repZone } of rows) {
    const pure = plannerDates(
      { ...a, lastOutcome: a.lastOutcome as CheckInOutcome | null },
      repZone ?? settings.timezone,
      settings,
    );
    expect(
      { atRiskFrom: a.atRiskFrom, dueOn: a.dueOn, reviewDueOn: a.reviewDueOn, nextPickOn: a.nextPickOn },
      `account ${a.id}`,
    ).toEqual({
      atRiskFrom: dayText(pure.atRiskFrom),
      dueOn: dayText(pure.dueOn),
      reviewDueOn: dayText(pure.reviewDueOn),
      nextPickOn: dayText(pure.nextPickOn),
    });
  }
}

describe("stored planner dates", () => {
  it("equal the pure planner's derivation after every random sequence of writes", async () => {
    await fc.assert(
      fc.asyncProperty(caseArb, async (c) => {
        const plain = (v: unknown) => JSON.parse(JSON.stringify(v));
        const workspaceId = await createWorkspace(t.db, { settings: plain(c.settings) });
        let settings = resolveSettings(plain(c.settings));
        const repIds: number[] = [];
        for (const zone of c.repZones)
          repIds.push((await createRep(t.db, workspaceId, { timezone: zone })).id);
        // As an import: the accounts written, then every account written in the transaction.
        const ids = await t.db.transaction(async (tx) => {
          const inserted = await tx
            .insert(accounts)
            .values(
              c.accounts.map((a, i) => ({
                workspaceId,
                externalId: `X${i}`,
                name: `Account ${i}`,
                ownerRepId: repIds[a.owner]!,
                annualRevenue: 1000,
                ...columns(a.facts),
              })),
            )
            .returning({ id: accounts.id });
          await refreshPlannerDates(tx, workspaceId, settings, { writtenInTransaction: true });
          return inserted.map((r) => r.id);
        });
        await expectDatesExact(workspaceId, settings);
        for (const w of c.writes) {
          let scope: DatesScope;
          if (w.kind === "account") {
            const id = ids[w.index % ids.length]!;
            await t.db.update(accounts).set(columns(w.facts)).where(eq(accounts.id, id));
            scope = { accountIds: [id] };
          } else if (w.kind === "owner") {
            const id = ids[w.index % ids.length]!;
            await t.db.update(accounts).set({ ownerRepId: repIds[w.owner]! }).where(eq(accounts.id, id));
            scope = { accountIds: [id] };
          } else if (w.kind === "zone") {
            await t.db.update(reps).set({ timezone: w.zone }).where(eq(reps.id, repIds[w.rep]!));
            scope = { repIds: [repIds[w.rep]!] };
          } else {
            await t.db
              .update(workspaces)
              .set({ settings: plain(w.settings) })
              .where(eq(workspaces.id, workspaceId));
            settings = resolveSettings(plain(w.settings));
            scope = { all: true };
          }
          await refreshPlannerDates(t.db, workspaceId, settings, scope);
          await expectDatesExact(workspaceId, settings);
        }
      }),
      { numRuns: 40 },
    );
  }, 120_000);

  it("the migration's backfill stores the same dates, with each workspace's settings", async () => {
    const migration = readFileSync(
      new URL("../../migrations/0010_planner-dates.sql", import.meta.url),
      "utf8",
    );
    const backfill = migration.split("--> statement-breakpoint").at(-1)!;
    await fc.assert(
      fc.asyncProperty(caseArb, fc.boolean(), async (c, defaults) => {
        const stored = defaults ? {} : JSON.parse(JSON.stringify(c.settings));
        const workspaceId = await createWorkspace(t.db, { settings: stored });
        const settings = resolveSettings(stored);
        const repIds: number[] = [];
        for (const zone of c.repZones)
          repIds.push((await createRep(t.db, workspaceId, { timezone: zone })).id);
        await t.db.insert(accounts).values(
          c.accounts.map((a, i) => ({
            workspaceId,
            externalId: `X${i}`,
            name: `Account ${i}`,
            ownerRepId: repIds[a.owner]!,
            annualRevenue: 1000,
            ...columns(a.facts),
          })),
        );
        await t.db.execute(sql.raw(backfill));
        await expectDatesExact(workspaceId, settings);
      }),
      { numRuns: 25 },
    );
  }, 120_000);
});
