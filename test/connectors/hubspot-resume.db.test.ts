import { sql } from "drizzle-orm";
import fc from "fast-check";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCrmSync } from "../../src/app/connectors/run-crm-sync.js";
import { createHubSpotConnector } from "../../src/connectors/hubspot/hubspot-connector.js";
import { queryRows } from "../../src/storage/database.js";
import { createRep, createWorkspace } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";
import { type FakeHubSpot, startFakeHubSpot } from "../support/fake-hubspot.js";

const t = useTestDatabase();
const NOW = new Date("2026-03-10T11:00:00Z");
let fake: FakeHubSpot;
beforeAll(async () => {
  fake = await startFakeHubSpot();
});
afterAll(async () => {
  await fake.close();
});

describe("a HubSpot pass that dies anywhere, then resumes", () => {
  it("counts every call exactly once, whatever the page size and the request it died on", async () => {
    let world = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 12 }),
        fc.integer({ min: 1, max: 5 }),
        fc.integer({ min: 1, max: 8 }),
        async (calls, pageSize, dieOn) => {
          // Each run is a workspace of its own, with its own HubSpot ids.
          world += 1;
          const workspaceId = await createWorkspace(t.db);
          await createRep(t.db, workspaceId, { email: `ana${world}@example.com`, timezone: "UTC" });
          const owner = `${world}`;
          fake.addOwner({ id: owner, email: `ana${world}@example.com` });
          const company = String(1_000_000 + world);
          fake.putObject("companies", company, { name: `Company ${world}`, hubspot_owner_id: owner });
          for (let i = 0; i < calls; i++) {
            const id = String(world * 1000 + i);
            fake.putObject("calls", id, {
              hs_timestamp: new Date(Date.UTC(2026, 2, 2, 9, i)).toISOString(),
              hubspot_owner_id: owner,
              hs_lastmodifieddate: new Date(Date.UTC(2026, 2, 3, 9, world, i)).toISOString(),
            });
            fake.associate("calls", id, "companies", company);
          }
          const ctx = { db: t.db, clock: () => NOW, logger: pino({ level: "silent" }), channels: [] };
          const connector = () =>
            createHubSpotConnector({
              accessToken: fake.token,
              basePath: fake.url,
              pageSize,
              clock: () => NOW,
            });
          let seen = 0;
          fake.failWhen((req) => {
            if (!req.path.endsWith("/calls/search")) return undefined;
            seen += 1;
            return seen === dieOn ? { destroy: true } : undefined;
          });
          await runCrmSync(ctx, workspaceId, connector()).catch(() => undefined);
          fake.failWhen(undefined);
          await runCrmSync(ctx, workspaceId, connector());

          const [counted] = await queryRows<{ ledger: number; checkins: number }>(
            t.db,
            sql`select (select count(*) from activities where workspace_id = ${workspaceId})::int as ledger,
                       (select count(*) from checkins where workspace_id = ${workspaceId})::int as checkins`,
          );
          expect(counted).toEqual({ ledger: calls, checkins: calls });
        },
      ),
      { numRuns: 8 },
    );
  }, 120_000);
});
