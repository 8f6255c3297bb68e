import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { createAccount, createRep } from "../support/builders.js";
import { runCliCaptured as run } from "../support/run-cli.js";

describe("retention tick explains what it did not send", { timeout: 60_000 }, () => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-tick-notes-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("an afternoon tick says the morning was missed because of the 12:00 cut-off, and how to replay it", async () => {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const ws = await ensureDefaultWorkspace(database.db);
    const ana = await createRep(database.db, ws.id, { name: "Ana", email: "ana@acme.test" });
    await createAccount(database.db, ws.id, { ownerRepId: ana.id, name: "Globex" });
    await database.close();

    const afternoon = await run("tick", "--now", "2026-03-09T14:30:00Z");
    expect(afternoon.out).toContain("sent 0, empty 0, missed 1, paused 0, failed 0, retried 0\n");
    expect(afternoon.out).toContain("missed 1: past the cut-off (12:00 local) before the nudge went out");
    expect(afternoon.out).toContain("retention tick --now 2026-03-09T09:05:00+01:00");

    // The next working morning is not affected.
    const morning = await run("tick", "--now", "2026-03-10T09:05:00Z");
    expect(morning.out).toContain("sent 1,");
    expect(morning.out).not.toContain("missed 1:");
  });
});
