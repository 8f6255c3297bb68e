import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { createAccount, createRep } from "../support/builders.js";
import { type FakeSlackApi, startFakeSlackApi } from "../support/fake-slack-api.js";
import { runCliCaptured } from "../support/run-cli.js";

describe("retention tick's exit codes", () => {
  let dataDir = "";
  let fake: FakeSlackApi;
  beforeAll(async () => {
    fake = await startFakeSlackApi({ teamId: "T0TEAM" });
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-tick-exit-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
    vi.stubEnv("SLACK_SIGNING_SECRET", "secret");
    vi.stubEnv("SLACK_BOT_TOKEN", "xoxb-test");
    vi.stubEnv("SLACK_API_URL", fake.apiUrl);
  });
  afterAll(async () => {
    vi.unstubAllEnvs();
    await fake.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it.each(["+099999-01-01T00:00:00Z", "1900-01-01T00:00:00Z"])(
    "--now %s is a usage error (exit 2) with a `--now:` sentence and no stack trace",
    async (now) => {
      const { code, err } = await runCliCaptured("tick", "--now", now);
      expect(code).toBe(2);
      expect(err).toContain(`--now ${now}: the year must be between`);
      expect(err).not.toMatch(/\n\s+at /);
    },
  );

  it("exits 1 when a nudge ended failed, naming the rep and the reason", async () => {
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const ws = await ensureDefaultWorkspace(database.db);
    const ana = await createRep(database.db, ws.id, {
      name: "Ana",
      email: "ana@acme.test",
      timezone: "Europe/Berlin",
      slackUserId: "UANA",
    });
    await createAccount(database.db, ws.id, { ownerRepId: ana.id, name: "Globex" });
    await database.close();
    fake.failNext("chat.postMessage", { error: "account_inactive" }, 10);

    const { code, out, err } = await runCliCaptured("tick", "--now", "2026-03-09T08:05:00Z");
    expect(out).toContain("failed 1");
    expect(err).toContain("failed: Ana <ana@acme.test> 2026-03-09:");
    expect(err).toContain("account_inactive");
    expect(code).toBe(1);
  });

  it("every command's --help documents its exit codes", async () => {
    for (const command of ["migrate", "import", "export", "plan", "tick", "report", "demo"]) {
      const { out } = await runCliCaptured(command, "--help");
      expect(out, command).toMatch(/Exit codes:\n\s+0 .*\n\s+1 .*\n\s+2 /);
    }
  });
});
