import { describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { refreshAfterImport } from "../../../src/app/nudges/refresh-nudges.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { importText } from "../import/import-helpers.js";
import { makeContext } from "../morning/helpers.js";

// A Tuesday, 09:05 in UTC: the reps' nudge hour has come.
const MORNING = new Date("2026-03-10T09:05:00Z");

describe("a check-in import redraws today's nudges of the accounts it changed", () => {
  const t = useTestDatabase();

  it("redraws the nudge showing an imported account, its pick done by the imported call, and no other", async () => {
    const ana = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.test",
      timezone: "UTC",
    });
    const bo = await createRep(t.db, t.workspaceId, {
      name: "Bo",
      email: "bo@example.test",
      timezone: "UTC",
    });
    await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Horizon", externalId: "H-1" });
    await createAccount(t.db, t.workspaceId, { ownerRepId: bo.id, name: "Globex", externalId: "G-1" });
    const channel = createRecordingChannel();
    const ctx = makeContext(t.db, [channel], MORNING);
    expect((await runMorning(ctx, MORNING)).sent).toBe(2);

    const startedAt = new Date();
    const result = await importText(
      t.db,
      t.workspaceId,
      "checkins",
      "account_external_id,rep_email,at,channel\nH-1,ana@example.test,2026-03-10T08:30:00Z,call\n",
    );
    expect(result.outcome).toBe("written");

    expect(await refreshAfterImport(ctx, t.workspaceId, startedAt)).toBe(1);
    expect(channel.updated).toHaveLength(1);
    const [redrawn] = channel.updated;
    expect(redrawn?.nudge.recipient.repId).toBe(ana.id);
    expect(redrawn?.nudge.picks[0]?.lastContact).toMatchObject({ channel: "call" });
    // No button offers a contact the import already recorded.
    expect(redrawn?.nudge.picks[0]).toMatchObject({
      status: "done",
      done: { byName: "Ana", label: "Called" },
    });
  });

  it("redraws nothing when the import changed no account shown today", async () => {
    const ana = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.test",
      timezone: "UTC",
    });
    await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Horizon", externalId: "H-1" });
    const channel = createRecordingChannel();
    const ctx = makeContext(t.db, [channel], MORNING);
    await runMorning(ctx, MORNING);
    expect(await refreshAfterImport(ctx, t.workspaceId, new Date())).toBe(0);
    expect(channel.updated).toHaveLength(0);
  });
});
