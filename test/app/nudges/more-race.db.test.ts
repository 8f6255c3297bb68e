import { asc, eq } from "drizzle-orm";
import { afterEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../../src/app/actors.js";
import { addMorePicks } from "../../../src/app/nudges/add-more-picks.js";
import { type Database, openDatabase } from "../../../src/storage/database.js";
import { picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { onPostgres, useTestDatabase } from "../../support/database.js";
import { createNudge, testContext } from "../commands/support.js";

describe("two More clicks at once", () => {
  const t = useTestDatabase();
  const extra: Database[] = [];
  afterEach(async () => {
    for (const database of extra.splice(0)) await database.close();
  });

  it("add one batch, on each database, and the later click is told the list is up to date", async () => {
    const rep = await createRep(t.db, t.workspaceId, { name: "Ana", handful: 2 });
    const ids: number[] = [];
    for (let i = 0; i < 8; i++) {
      const a = await createAccount(t.db, t.workspaceId, {
        ownerRepId: rep.id,
        annualRevenue: 100_000 - i * 1_000,
      });
      ids.push(a.id);
    }
    const { nudgeId } = await createNudge(t.db, t.workspaceId, {
      repId: rep.id,
      localDate: "2026-06-15",
      accountIds: ids.slice(0, 2),
    });
    const actor = (await actorForRep(t.db, t.workspaceId, rep.id))!;
    // On PostgreSQL the two clicks come through two connection pools, as from two replicas.
    const second = onPostgres ? await openDatabase({ url: t.url, poolSize: 2 }) : undefined;
    if (second) extra.push(second);
    const a = testContext(t, "2026-06-15T10:00:00Z");
    const b = testContext(t, "2026-06-15T10:00:00Z");
    const ctxB = second ? { ...b.ctx, db: second.db } : b.ctx;
    const results = await Promise.all([
      addMorePicks(a.ctx, actor, nudgeId, 2),
      addMorePicks(ctxB, actor, nudgeId, 2),
    ]);
    expect(results.map((r) => (r.ok ? r.added : -1)).sort()).toEqual([0, 2]);
    expect(
      results.some((r) => r.ok && r.message === "Those were added already: the list is up to date."),
    ).toBe(true);
    const rows = await t.db
      .select()
      .from(picks)
      .where(eq(picks.nudgeId, nudgeId))
      .orderBy(asc(picks.position));
    expect(rows.map((p) => p.position)).toEqual([0, 1, 2, 3]);
    // A click from the refreshed message (4 shown) adds the next batch.
    expect(await addMorePicks(a.ctx, actor, nudgeId, 4)).toMatchObject({ ok: true, added: 2 });
  });
});
