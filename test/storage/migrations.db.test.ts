import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { queryRows } from "../../src/storage/database.js";
import { ensureDefaultWorkspace, listWorkspaces } from "../../src/storage/workspaces.js";
import { useTestDatabase } from "../support/database.js";

describe("migrations", () => {
  const t = useTestDatabase();

  it("create every table the product needs", async () => {
    const tables = await queryRows<{ tablename: string }>(
      t.db,
      sql`select tablename from pg_tables where schemaname = 'public' order by tablename`,
    );
    expect(tables.map((r) => r.tablename)).toEqual(
      expect.arrayContaining([
        "accounts",
        "checkins",
        "departures",
        "handled_requests",
        "holidays",
        "nudges",
        "picks",
        "promises",
        "reps",
        "slack_installations",
        "snoozes",
        "teams_conversations",
        "workspaces",
      ]),
    );
  });

  it("applying them twice changes nothing", async () => {
    await t.database.migrate();
    await t.database.migrate();
    expect(await listWorkspaces(t.db)).toHaveLength(1);
  });

  it("a fresh database has exactly one default workspace", async () => {
    await ensureDefaultWorkspace(t.db);
    const all = await listWorkspaces(t.db);
    expect(all).toHaveLength(1);
    expect(all[0]!.settings.handful).toBe(5);
    expect(all[0]!.settings.workingDays).toEqual([1, 2, 3, 4, 5]);
  });

  it("a rep can have only one nudge per local date", async () => {
    const ws = t.workspaceId;
    await t.db.execute(sql`insert into reps (workspace_id, email, name) values (${ws}, 'a@x.io', 'A')`);
    const insert = () =>
      t.db.execute(
        sql`insert into nudges (workspace_id, rep_id, local_date, status) values (${ws}, 1, '2026-11-23', 'claimed')`,
      );
    await insert();
    await expect(insert()).rejects.toThrow();
  });
});
