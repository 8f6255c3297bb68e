import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../../src/storage/database.js";
import { nudges } from "../../../src/storage/schema.js";
import { ensureDefaultWorkspace } from "../../../src/storage/workspaces.js";
import { createAccount, createPromise, createRep } from "../../support/builders.js";
import { runCliCaptured } from "../../support/run-cli.js";

describe("retention plan", () => {
  let dataDir = "";
  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-plan-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
    const database = await openDatabase({ dataDir });
    await database.migrate();
    const { id } = await ensureDefaultWorkspace(database.db);
    const ana = await createRep(database.db, id, { email: "ana@example.test", name: "Ana Lima" });
    await createRep(database.db, id, { email: "bo@example.test", name: "Bo Berg" });
    await createAccount(database.db, id, {
      ownerRepId: ana.id,
      externalId: "ACME",
      name: "Acme",
      annualRevenue: 900_000,
      lastContactAt: new Date("2026-01-01T10:00:00Z"),
      lastChannel: "call",
    });
    const tiny = await createAccount(database.db, id, {
      ownerRepId: ana.id,
      externalId: "TINY",
      name: "Tiny",
      annualRevenue: 1_000,
      lastContactAt: new Date("2026-03-09T10:00:00Z"),
    });
    await createPromise(database.db, id, {
      accountId: tiny.id,
      repId: ana.id,
      dueAt: new Date("2026-03-10T15:00:00Z"),
      what: "send the figures",
    });
    await database.close();
  });
  afterAll(() => {
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const run = runCliCaptured;

  it("--json prints the date and, per rep, the picks in the order the rep sees them", async () => {
    const { code, out } = await run("plan", "--date", "2026-03-10", "--json");
    expect(code).toBe(0);
    const printed = JSON.parse(out);
    expect(Object.keys(printed)).toEqual(["date", "reps"]);
    expect(printed.date).toBe("2026-03-10");
    expect(printed.reps.map((r: { email: string }) => r.email)).toEqual([
      "ana@example.test",
      "bo@example.test",
    ]);
    const [ana, bo] = printed.reps;
    expect(ana.picks.map((p: Record<string, string>) => Object.keys(p))).toEqual([
      ["external_id", "account", "kind", "reason", "opener"],
      ["external_id", "account", "kind", "reason", "opener"],
    ]);
    expect(ana.picks.map((p: Record<string, string>) => [p.external_id, p.kind])).toEqual([
      ["TINY", "promise"],
      ["ACME", "review"],
    ]);
    expect(ana.picks[1].reason).toContain("68 days since last call (every 7)");
    expect(ana.picks[0].opener).toBe(
      'Start with what you promised: "send the figures"; your last contact was on 9 Mar.',
    );
    expect(ana.picks[1].opener).toBe(
      "Suggest a meeting to review how things are going; your last contact was on 1 Jan.",
    );
    expect(bo.picks).toEqual([]);
  });

  it("prints a readable table per rep, and --rep narrows it to one", async () => {
    const { code, out } = await run("plan", "--date", "2026-03-10", "--rep", "ANA@example.test");
    expect(code).toBe(0);
    expect(out).toContain("Ana Lima <ana@example.test>");
    expect(out).toMatch(/1\s+Tiny\s+promise\s+Promise due today 15:00: "send the figures"/);
    expect(out).toMatch(/2\s+Acme\s+review\s+Top 50% by revenue/);
    expect(out).not.toContain("Bo Berg");
  });

  it("writes nothing", async () => {
    await run("plan", "--date", "2026-03-10");
    const database = await openDatabase({ dataDir });
    try {
      expect(await database.db.select().from(nudges)).toEqual([]);
    } finally {
      await database.close();
    }
  });

  it.each([
    [["--date", "2026-13-40"], "--date 2026-13-40: not a calendar date"],
    [["--date", "tomorrow"], "write it as YYYY-MM-DD"],
    [["--rep", "nobody@example.test"], "--rep nobody@example.test: no rep with that email"],
  ])("%j is a usage error (exit 2) with a clear message", async (args, message) => {
    const { code, err } = await run("plan", ...args);
    expect(code).toBe(2);
    expect(err).toContain(message);
  });
});
