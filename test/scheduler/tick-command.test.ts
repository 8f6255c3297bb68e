import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { reps } from "../../src/storage/schema.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { createAccount, createRep } from "../support/builders.js";
import { runCliCaptured } from "../support/run-cli.js";

describe("retention tick", () => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-tick-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = runCliCaptured;

  it("a --now that is not an ISO time is a usage error (exit 2) that shows the expected form", async () => {
    const { code, err } = await run("tick", "--now", "tomorrow at nine");
    expect(code).toBe(2);
    expect(err).toContain("--now tomorrow at nine: not an ISO 8601 time");
    expect(err).toContain("2026-03-09T14:05Z");
  });

  it("sends the nudges that are due to the log channel, once, and prints a summary", async () => {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const ws = await ensureDefaultWorkspace(database.db);
    const ana = await createRep(database.db, ws.id, {
      name: "Ana",
      email: "ana@acme.test",
      timezone: "Europe/Berlin",
    });
    await createAccount(database.db, ws.id, { ownerRepId: ana.id, name: "Globex" });
    await createRep(database.db, ws.id, { name: "Bo", timezone: "America/New_York" }); // 03:00 there: not yet
    await database.close();

    // Globex was never contacted: the planner picks it.
    const first = await run("tick", "--now", "2026-03-09T08:05:00Z");
    expect(first.code).toBe(0);
    expect(first.out).toContain("Nudge for Ana <ana@acme.test>, 2026-03-09:");
    expect(first.out).toContain("1. Globex");
    expect(first.out).toContain("sent 1, empty 0, missed 0, paused 0, failed 0, retried 0");

    const second = await run("tick", "--now", "2026-03-09T08:06:00Z");
    expect(second.code).toBe(0);
    expect(second.out.trim()).toBe("sent 0, empty 0, missed 0, paused 0, failed 0, retried 0");
  });

  it("prints the weekly digest of a manager on the digest day, once, and marks yesterday's open picks ignored", async () => {
    const database = await openDatabase({ dataDir });
    const ws = await ensureDefaultWorkspace(database.db);
    const mia = await createRep(database.db, ws.id, {
      name: "Mia",
      email: "mia@acme.test",
      role: "manager",
      timezone: "Europe/Berlin",
    });
    await database.db.update(reps).set({ managerId: mia.id }).where(eq(reps.email, "ana@acme.test"));
    await database.close();

    // Monday 09:07 in Berlin: Mia's digest day, past her nudge hour.
    const monday = await run("tick", "--now", "2026-03-09T08:07:00Z");
    expect(monday.code).toBe(0);
    expect(monday.out).toContain("To Mia <mia@acme.test>:\nWeekly digest: your team, week of 9 Mar 2026\n");
    expect(monday.out).toContain("Globex");
    expect(monday.out).toContain("digests sent 1, failed 0; picks marked ignored 0");
    // Tuesday: Ana left Monday's Globex pick open, so it is ignored; no second digest this week.
    const tuesday = await run("tick", "--now", "2026-03-10T07:00:00Z");
    expect(tuesday.out).not.toContain("Weekly digest");
    expect(tuesday.out).toContain("digests sent 0, failed 0; picks marked ignored 1");
  });
});
