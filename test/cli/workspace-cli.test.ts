import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { accounts, reps, slackInstallations, workspaces } from "../../src/storage/schema.js";
import { saveSlackInstallation } from "../../src/storage/slack-workspaces.js";
import { createAccount, createRep } from "../support/builders.js";
import { runCliCaptured as run } from "../support/run-cli.js";

describe("retention workspace export and forget", { timeout: 60_000 }, () => {
  let dataDir = "";
  let id = 0;
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-workspace-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
    const database = await openDatabase({ dataDir });
    await database.migrate();
    id = await saveSlackInstallation(database.db, { teamId: "T1", enterpriseId: "" }, "Acme Corp", {
      bot: { token: "xoxb-secret" },
    });
    const ana = await createRep(database.db, id, { name: "Ana", email: "ana@acme.test" });
    await createAccount(database.db, id, {
      ownerRepId: ana.id,
      name: "Globex",
      contactEmail: "buyer@globex.test",
    });
    await database.close();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function rows() {
    const database = await openDatabase({ dataDir });
    try {
      const db = database.db;
      return {
        workspaces: (await db.select().from(workspaces)).length,
        reps: (await db.select().from(reps)).length,
        accounts: (await db.select().from(accounts)).length,
        installations: (await db.select().from(slackInstallations)).length,
      };
    } finally {
      await database.close();
    }
  }

  it("export prints the workspace's reps, accounts and contacts as JSON, without chat tokens", async () => {
    const { code, out } = await run("workspace", "export", String(id));
    expect(code).toBe(0);
    const data = JSON.parse(out);
    expect(data.workspace).toMatchObject({ id, name: "Acme Corp", platform: "slack", external_id: "T1" });
    expect(data.data.reps).toEqual([expect.objectContaining({ email: "ana@acme.test" })]);
    expect(data.data.accounts).toEqual([
      expect.objectContaining({ name: "Globex", contactEmail: "buyer@globex.test" }),
    ]);
    expect(out).not.toContain("xoxb-secret");
  });

  it("an unknown id is refused with the known ids (exit 2)", async () => {
    const { code, err } = await run("workspace", "export", "999");
    expect(code).toBe(2);
    expect(err).toContain(`--workspace 999: no such workspace (known: ${id})`);
  });

  it("forget without --yes says what it would erase and erases nothing", async () => {
    const { code, err } = await run("workspace", "forget", String(id));
    expect(code).toBe(2);
    expect(err).toContain(`this erases workspace ${id} (Acme Corp) for good: 1 reps, 1 accounts`);
    expect(err).toContain("1 slackInstallations");
    expect(err).toContain(`retention workspace export ${id}`);
    expect(await rows()).toEqual({ workspaces: 1, reps: 1, accounts: 1, installations: 1 });
  });

  it("forget --yes erases reps, accounts, contacts and installations", async () => {
    const { code, out } = await run("workspace", "forget", String(id), "--yes");
    expect(code).toBe(0);
    expect(out).toBe(
      `workspace ${id} (Acme Corp) erased: its reps, accounts, contacts, history and installations\n`,
    );
    expect(await rows()).toEqual({ workspaces: 0, reps: 0, accounts: 0, installations: 0 });
  });
});
