import { beforeEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../../src/app/actors.js";
import { runCommandText } from "../../../src/app/commands/execute.js";
import type { Actor } from "../../../src/app/ports.js";
import { readStoredSettings } from "../../../src/storage/workspaces.js";
import { createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { testContext } from "../commands/support.js";

describe("/retention settings workspace", () => {
  const t = useTestDatabase();
  let env: ReturnType<typeof testContext>;
  let rep: Actor;
  let manager: Actor;

  beforeEach(async () => {
    env = testContext(t);
    const m = await createRep(t.db, t.workspaceId, {
      name: "Mia",
      email: "mia@example.com",
      role: "manager",
    });
    const a = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.com",
      managerId: m.id,
    });
    rep = (await actorForRep(t.db, t.workspaceId, a.id))!;
    manager = (await actorForRep(t.db, t.workspaceId, m.id))!;
  });

  it("a rep reads every workspace setting with its value, default and meaning", async () => {
    const reply = await runCommandText(env.ctx, rep, "settings workspace");
    expect(reply.kind).toBe("table");
    if (reply.kind !== "table") return;
    expect(reply.columns).toEqual(["setting", "value", "default", "meaning"]);
    expect(reply.rows).toContainEqual([
      "cadence_a",
      "7",
      "7",
      "days between contacts for a tier A account, unless the account has its own",
    ]);
    expect(reply.footer).toContain("Managers change these");
  });

  it("a rep who tries to change one is told it is for managers, and nothing is written", async () => {
    const reply = await runCommandText(env.ctx, rep, "settings workspace cadence_a 3");
    expect(reply).toMatchObject({ kind: "error", code: "FORBIDDEN" });
    expect(await readStoredSettings(t.db, t.workspaceId)).toEqual({});
  });

  it("a manager changes the working week and sees it saved", async () => {
    const reply = await runCommandText(env.ctx, manager, "settings workspace working_days Sun-Thu");
    expect(reply).toMatchObject({ kind: "table", title: "Saved: working_days is now Sun-Thu" });
    expect(await readStoredSettings(t.db, t.workspaceId)).toEqual({ workingDays: [7, 1, 2, 3, 4] });
  });

  it("a manager's bad value is explained and nothing is written", async () => {
    const reply = await runCommandText(env.ctx, manager, "settings workspace handful lots");
    expect(reply).toMatchObject({ kind: "error", code: "INVALID" });
    expect(JSON.stringify(reply)).toContain(
      "handful `lots`: must be a whole number from 1 to 20. Nothing was changed.",
    );
    expect(await readStoredSettings(t.db, t.workspaceId)).toEqual({});
  });

  it("a key without a value is a usage error naming what is missing", async () => {
    const reply = await runCommandText(env.ctx, manager, "settings workspace cadence_a");
    expect(reply).toMatchObject({ kind: "error", code: "USAGE" });
    expect(JSON.stringify(reply)).toContain("Give a value after `cadence_a`");
  });

  it("a rep's personal settings still work as before", async () => {
    const reply = await runCommandText(env.ctx, rep, "settings handful 3");
    expect(reply).toMatchObject({ kind: "info", title: "Settings saved" });
  });
});
