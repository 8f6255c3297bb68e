/** Every write that moves values, statuses or the tier shares leaves the stored tiers exact. */
import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../../src/app/actors.js";
import { runCommandText } from "../../../src/app/commands/execute.js";
import { setWorkspaceSetting } from "../../../src/app/settings/workspace-settings.js";
import { accounts } from "../../../src/storage/schema.js";
import { useTestDatabase } from "../../support/database.js";
import { testContext } from "../commands/support.js";
import { importText, REPS } from "../import/import-helpers.js";

describe("stored tiers after writes", () => {
  const t = useTestDatabase();
  const tiers = async () =>
    (
      await t.db
        .select({ id: accounts.externalId, tier: accounts.tier })
        .from(accounts)
        .where(eq(accounts.workspaceId, t.workspaceId))
        .orderBy(asc(accounts.externalId))
    ).map((r) => `${r.id}:${r.tier}`);
  const csv = (values: number[]) =>
    [
      "external_id,name,owner_email,annual_revenue",
      ...values.map((v, i) => `X${i},Account ${i},ana@acme.test,${v}`),
    ].join("\n");

  beforeEach(async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
  });

  it("an account import stores the Pareto tiers, and a re-import with new values moves them", async () => {
    await importText(t.db, t.workspaceId, "accounts", csv([500, 300, 150, 50]));
    expect(await tiers()).toEqual(["X0:A", "X1:A", "X2:B", "X3:C"]);
    await importText(t.db, t.workspaceId, "accounts", csv([50, 300, 150, 500]));
    expect(await tiers()).toEqual(["X0:C", "X1:A", "X2:B", "X3:A"]);
  });

  it("a dry run leaves the stored tiers as they were", async () => {
    await importText(t.db, t.workspaceId, "accounts", csv([500, 300, 150, 50]));
    await importText(t.db, t.workspaceId, "accounts", csv([50, 300, 150, 500]), { dryRun: true });
    expect(await tiers()).toEqual(["X0:A", "X1:A", "X2:B", "X3:C"]);
  });

  it("a change of tier shares re-ranks the tiers", async () => {
    await importText(t.db, t.workspaceId, "accounts", csv([500, 300, 150, 50]));
    expect(await setWorkspaceSetting(t.db, t.workspaceId, "tier_share_a", "50%")).toMatchObject({ ok: true });
    expect(await tiers()).toEqual(["X0:A", "X1:B", "X2:C", "X3:C"]);
  });

  it("marking an account lost and won back re-ranks the others", async () => {
    await importText(t.db, t.workspaceId, "accounts", csv([500, 300, 150, 50]));
    const [ana] = await t.db.select().from(accounts).where(eq(accounts.externalId, "X0"));
    const actor = (await actorForRep(t.db, t.workspaceId, ana!.ownerRepId))!;
    const env = testContext(t, "2026-06-15T08:00:00Z");
    await runCommandText(env.ctx, actor, "lost Account 0: price");
    // Without the 500, the 300 makes 60% and the 150 crosses 80%: both A; the 50 is B.
    expect(await tiers()).toEqual(["X0:A", "X1:A", "X2:A", "X3:B"]);
    await runCommandText(env.ctx, actor, "won Account 0");
    expect(await tiers()).toEqual(["X0:A", "X1:A", "X2:B", "X3:C"]);
  });
});
