import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { createRep } from "../support/builders.js";
import { type FakeHubSpot, startFakeHubSpot } from "../support/fake-hubspot.js";
import { runCliCaptured as run } from "../support/run-cli.js";

describe("retention sync hubspot", { timeout: 60_000 }, () => {
  let dataDir = "";
  let fake: FakeHubSpot;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-sync-"));
    fake = await startFakeHubSpot();
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("without HUBSPOT_ACCESS_TOKEN, says how to turn it on (exit 2)", async () => {
    vi.stubEnv("HUBSPOT_ACCESS_TOKEN", "");
    const result = await run("sync", "hubspot");
    expect(result.code).toBe(2);
    expect(result.err).toContain("HUBSPOT_ACCESS_TOKEN is not set");
  });

  it("runs one pass and prints what it did, naming the owners that are not reps; --full counts nothing twice", async () => {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const ws = await ensureDefaultWorkspace(database.db);
    await createRep(database.db, ws.id, { name: "Ana", email: "ana@acme.test" });
    await database.close();
    fake.addOwner({ id: "1", email: "ana@acme.test", firstName: "Ana" });
    fake.addOwner({ id: "2", email: "ops@acme.test", firstName: "Ops" });
    fake.putObject("companies", "10", { name: "Globex", annualrevenue: "120000", hubspot_owner_id: "1" });
    fake.putObject("calls", "20", { hs_timestamp: "2026-03-02T10:00:00Z", hubspot_owner_id: "1" });
    fake.associate("calls", "20", "companies", "10");
    vi.stubEnv("HUBSPOT_ACCESS_TOKEN", fake.token);
    vi.stubEnv("HUBSPOT_API_URL", fake.url);

    const first = await run("sync", "hubspot");
    expect(first.code).toBe(0);
    expect(first.out).toContain("owners: 2 read, 1 matched to reps by email");
    expect(first.out).toContain("accounts: 1 new, 0 updated, 0 unchanged");
    expect(first.out).toContain("contacts: 1 new, 0 already counted");
    expect(first.out).toContain("ops@acme.test (Ops, owner 2)");

    const full = await run("sync", "hubspot", "--full");
    expect(full.out).toContain("hubspot sync (full)");
    expect(full.out).toContain("contacts: 0 new, 1 already counted");
  });

  it("a refused token stops the pass with the reason (exit 1)", async () => {
    vi.stubEnv("HUBSPOT_ACCESS_TOKEN", "pat-wrong");
    vi.stubEnv("HUBSPOT_API_URL", fake.url);
    const result = await run("sync", "hubspot");
    expect(result.code).toBe(1);
    expect(result.err).toContain("HubSpot refused the token (401)");
  });
});
