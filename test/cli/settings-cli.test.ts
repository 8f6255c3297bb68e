import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { ensureDefaultWorkspace, readStoredSettings } from "../../src/storage/workspaces.js";
import { createAccount, createRep } from "../support/builders.js";
import { runCliCaptured as run } from "../support/run-cli.js";

describe("retention settings", { timeout: 60_000 }, () => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-settings-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function stored() {
    const database = await openDatabase({ dataDir });
    try {
      return await readStoredSettings(database.db, (await ensureDefaultWorkspace(database.db)).id);
    } finally {
      await database.close();
    }
  }

  it("lists every setting with its value, default and meaning", async () => {
    const { code, out } = await run("settings");
    expect(code).toBe(0);
    expect(out).toMatch(/^setting\s+value\s+default\s+meaning/);
    expect(out).toMatch(/cadence_a\s+7\s+7\s+days between contacts for a tier A account/);
    expect(out).toMatch(/working_days\s+Mon-Fri\s+Mon-Fri/);
    expect(out).toContain("retention settings set <setting> <value>");
  });

  it("a bad value is explained, exits 1 and writes nothing", async () => {
    const bad = await run("settings", "set", "cadence_a", "fourteen");
    expect(bad.code).toBe(1);
    expect(bad.err).toBe(
      "retention: error [INVALID]: cadence_a `fourteen`: must be a whole number from 1 to 3650; nothing was changed\n",
    );
    const unknown = await run("settings", "set", "colour", "blue");
    expect(unknown.code).toBe(1);
    expect(unknown.err).toContain("there is no setting `colour`");
    expect(await stored()).toEqual({});
  });

  it("a missing value is a usage error (exit 2)", async () => {
    const { code, err } = await run("settings", "set", "cadence_a");
    expect(code).toBe(2);
    expect(err).toContain("missing required argument 'value'");
  });

  it("a changed cadence applies to the very next plan", async () => {
    const database = await openDatabase({ dataDir });
    const ws = await ensureDefaultWorkspace(database.db);
    const ana = await createRep(database.db, ws.id, { name: "Ana", email: "ana@acme.test" });
    await createAccount(database.db, ws.id, {
      ownerRepId: ana.id,
      name: "Globex",
      lastContactAt: new Date("2026-03-01T10:00:00Z"),
      lastReviewAt: new Date("2026-03-01T10:00:00Z"),
    });
    await database.close();
    const picks = async () => {
      const plan = await run("plan", "--date", "2026-03-11", "--json");
      return JSON.parse(plan.out).reps[0].picks.map((p: { account: string }) => p.account);
    };
    expect(await picks()).toEqual(["Globex"]); // 10 days since the call, every 7: due

    const set = await run("settings", "set", "cadence_a", "14");
    expect(set).toMatchObject({ code: 0, out: "cadence_a is now 14; the next plan and tick use it.\n" });
    expect(await picks()).toEqual([]); // every 14 now: not yet

    expect((await run("settings", "set", "cadence_a", "default")).code).toBe(0);
    expect(await stored()).toEqual({ cadenceDays: { A: 7, B: 30, C: 90 } });
  });
});
