import pino from "pino";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { CrmSyncReport } from "../../src/app/connectors/run-crm-sync.js";
import { createHubSpotConnector } from "../../src/connectors/hubspot/hubspot-connector.js";
import { startCrmSync, type Timers } from "../../src/scheduler/crm-sync.js";
import { createRep } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { type FakeHubSpot, startFakeHubSpot } from "../support/fake-hubspot.js";

const t = useTestDatabase();
/** A pass against the fake takes a few hundred ms, more on a loaded machine. */
const WAIT = { timeout: 15_000 };
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  while (closers.length > 0) await closers.pop()?.();
});

/** Timers the test fires by hand: what is due, and after how long it was asked for. */
function manualTimers() {
  const pending: { fn: () => void; ms: number; handle: number }[] = [];
  let next = 0;
  const timers: Timers = {
    set: (fn, ms) => {
      next += 1;
      pending.push({ fn, ms, handle: next });
      return next;
    },
    clear: (handle) => {
      const i = pending.findIndex((p) => p.handle === handle);
      if (i >= 0) pending.splice(i, 1);
    },
  };
  const fire = () => {
    const due = pending.shift();
    if (!due) throw new Error("nothing scheduled");
    due.fn();
    return due.ms;
  };
  return { timers, pending, fire };
}

describe("the service syncs HubSpot on its own schedule", () => {
  it("runs a pass shortly after start, then one every interval after the previous pass ended; stop ends it", async () => {
    const fake: FakeHubSpot = await startFakeHubSpot();
    closers.push(() => fake.close());
    await createRep(t.db, t.workspaceId, { email: "ana@example.com" });
    fake.addOwner({ id: "1", email: "ana@example.com" });
    fake.putObject("companies", "10", { name: "Globex", hubspot_owner_id: "1" });
    const now = new Date("2026-03-10T11:00:00Z");
    const ctx = { db: t.db, clock: () => now, logger: pino({ level: "silent" }), channels: [] };
    const connector = createHubSpotConnector({
      accessToken: fake.token,
      basePath: fake.url,
      clock: () => now,
    });
    const reports: CrmSyncReport[] = [];
    const { timers, pending, fire } = manualTimers();

    const sync = startCrmSync(ctx, {
      workspaceId: t.workspaceId,
      connector,
      intervalMs: 600_000,
      firstPassDelayMs: 5_000,
      timers,
      onPass: ({ report }) => {
        if (report) reports.push(report);
      },
    });

    expect(fire()).toBe(5_000);
    expect(pending).toHaveLength(0); // no second pass is scheduled while one runs
    await vi.waitFor(() => expect(reports).toHaveLength(1), WAIT);
    expect(reports[0]?.accounts.inserted).toBe(1);
    await vi.waitFor(() => expect(pending).toHaveLength(1), WAIT);
    expect(fire()).toBe(600_000);
    await vi.waitFor(() => expect(reports).toHaveLength(2), WAIT);
    expect(reports[1]?.accounts).toEqual({ inserted: 0, updated: 0, unchanged: 1 });
    await vi.waitFor(() => expect(pending).toHaveLength(1), WAIT);
    await sync.stop();
    expect(pending).toHaveLength(0);
  });

  it("a failed pass is logged and the next interval tries again", async () => {
    const fake: FakeHubSpot = await startFakeHubSpot();
    closers.push(() => fake.close());
    fake.failWhen(() => ({ status: 500 }));
    const ctx = { db: t.db, clock: () => new Date(), logger: pino({ level: "silent" }), channels: [] };
    const connector = createHubSpotConnector({
      accessToken: fake.token,
      basePath: fake.url,
      retry: { maxRetries: 1, sleep: async () => {} },
    });
    const errors: unknown[] = [];
    const { timers, pending, fire } = manualTimers();
    const sync = startCrmSync(ctx, {
      workspaceId: t.workspaceId,
      connector,
      intervalMs: 60_000,
      timers,
      onPass: ({ error }) => {
        if (error) errors.push(error);
      },
    });
    fire();
    await vi.waitFor(() => expect(errors).toHaveLength(1), WAIT);
    await vi.waitFor(() => expect(pending.map((p) => p.ms)).toEqual([60_000]), WAIT);
    await sync.stop();
  });
});
