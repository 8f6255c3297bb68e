import { readFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { eq, sql } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { type ExportOptions, exportData } from "../../../src/app/export/export-data.js";
import type { ExportKind } from "../../../src/domain/csv/columns.js";
import { accounts, checkins } from "../../../src/storage/schema.js";
import { ensureDefaultWorkspace } from "../../../src/storage/workspaces.js";
import { truncateAll, useTestDatabase } from "../../support/database.js";
import { importText, REPS, summary } from "../import/import-helpers.js";

const fixture = (name: string) =>
  readFileSync(new URL(`../../fixtures/csv/${name}.csv`, import.meta.url), "utf8");

describe("exporting data", () => {
  const t = useTestDatabase();

  async function exportText(
    kind: ExportKind,
    options: ExportOptions = { format: "csv" },
    workspaceId = t.workspaceId,
  ) {
    const out = new PassThrough();
    const chunks: string[] = [];
    out.on("data", (c: Buffer) => chunks.push(c.toString("utf8")));
    await exportData(t.db, workspaceId, kind, options, out);
    return chunks.join("");
  }

  async function loadFixtures(workspaceId = t.workspaceId) {
    await importText(t.db, workspaceId, "reps", REPS);
    await importText(t.db, workspaceId, "accounts", fixture("accounts"));
    await importText(t.db, workspaceId, "checkins", fixture("checkins"));
  }

  beforeEach(() => loadFixtures());

  it("when accounts are exported as CSV, cells a spreadsheet would run as a formula are neutralised", async () => {
    const csv = await exportText("accounts");
    const lines = csv.trimEnd().split("\n");
    expect(lines[0]).toBe(
      "external_id,name,owner_email,annual_revenue,gross_profit,tier,status,cadence_days,customer_since,last_contact_at,last_order_at,avg_order_interval_days,contact_name,contact_email,contact_phone,lost_on,lost_reason",
    );
    expect(lines[2]).toBe(
      'ACME-2,"Initech, Ltd",ben@acme.test,50000,-2500.5,C,active,45,2022-01-10,2026-11-05T09:30:00.000Z,,,Bill Lumbergh,,,,',
    );
    // Imported as lost without lost_on: lost on the day of the import.
    expect(lines[3]).toMatch(
      /^ACME-3,'=Evil Corp,ana@acme.test,12000,,,lost,,2020-06-01,,,,'@Mallory,,'-1 555 0199,\d{4}-\d\d-\d\d,imported as lost$/,
    );
  });

  it("when a note starts with a plus, a tab or a carriage return, the exported cell is neutralised", async () => {
    const [initech] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-2"));
    await t.db.insert(checkins).values(
      ["\tcmd", "\rx", "-2+3"].map((note, i) => ({
        workspaceId: t.workspaceId,
        accountId: initech!.id,
        repId: initech!.ownerRepId,
        at: new Date(Date.UTC(2026, 10, 6 + i)),
        channel: "call" as const,
        source: "command" as const,
        note,
      })),
    );
    const csv = await exportText("checkins");
    expect(csv).toContain(",'+20% volume next year,import");
    expect(csv).toContain(",'\tcmd,command");
    expect(csv).toContain(',"\'\rx",command');
    expect(csv).toContain(",'-2+3,command");
  });

  it("when check-ins are exported as JSON, each is an object keyed by the CSV columns, with its source", async () => {
    const rows = JSON.parse(await exportText("checkins", { format: "json" }));
    expect(rows).toHaveLength(3);
    expect(rows[1]).toEqual({
      external_id: "CI-2",
      account_external_id: "ACME-2",
      rep_email: "ben@acme.test",
      at: "2026-11-05T09:30:00.000Z",
      channel: "email",
      outcome: "no_answer",
      note: null,
      source: "import",
      origin: null,
    });
  });

  it("when the departed folder is exported, it lists lost accounts with reason, date and tenure", async () => {
    const rows = JSON.parse(await exportText("departed", { format: "json" }));
    expect(rows).toEqual([
      {
        external_id: "ACME-3",
        name: "=Evil Corp",
        owner_email: "ana@acme.test",
        reason: "imported as lost",
        lost_on: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        tenure_days: expect.any(Number),
        exit_interview_at: null,
        last_win_back_at: null,
        won_back_at: null,
      },
    ]);
  });

  it("when --since is given, only check-ins from that date on are exported", async () => {
    const rows = JSON.parse(await exportText("checkins", { format: "json", since: "2026-11-05" }));
    expect(rows.map((r: { at: string }) => r.at)).toEqual([
      "2026-11-05T09:30:00.000Z",
      "2026-11-10T14:00:00.000Z",
    ]);
  });

  it("when nothing matches, CSV is just the header and JSON an empty array", async () => {
    expect(await exportText("departed", { format: "csv", since: "2100-01-01" })).toBe(
      "external_id,name,owner_email,reason,lost_on,tenure_days,exit_interview_at,last_win_back_at,won_back_at\n",
    );
    expect(JSON.parse(await exportText("departed", { format: "json", since: "2100-01-01" }))).toEqual([]);
  });

  it("when an export is imported back into the same workspace, every row is unchanged", async () => {
    const accountsCsv = await exportText("accounts");
    const checkinsCsv = await exportText("checkins");
    expect(summary(await importText(t.db, t.workspaceId, "accounts", accountsCsv))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });
    expect(summary(await importText(t.db, t.workspaceId, "checkins", checkinsCsv))).toEqual({
      inserted: 0,
      updated: 0,
      unchanged: 3,
      rejected: 0,
    });
  });

  it("when a check-in logged by the bot (microsecond time, no external id) is exported and imported back, it is not duplicated", async () => {
    const [initech] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-2"));
    await t.db.insert(checkins).values({
      workspaceId: t.workspaceId,
      accountId: initech!.id,
      repId: initech!.ownerRepId,
      at: sql`'2026-11-20 10:00:00.123456+00'::timestamptz`,
      channel: "call",
      source: "command",
    });
    const result = await importText(t.db, t.workspaceId, "checkins", await exportText("checkins"));
    expect(summary(result)).toEqual({ inserted: 0, updated: 0, unchanged: 4, rejected: 0 });
  });

  it("when an export is imported into an empty database, exporting again gives the same files", async () => {
    const before = { accounts: await exportText("accounts"), checkins: await exportText("checkins") };
    await truncateAll(t.db);
    const fresh = (await ensureDefaultWorkspace(t.db)).id;
    await importText(t.db, fresh, "reps", REPS);
    expect((await importText(t.db, fresh, "accounts", before.accounts)).outcome).toBe("written");
    expect((await importText(t.db, fresh, "checkins", before.checkins)).outcome).toBe("written");
    expect(await exportText("accounts", { format: "csv" }, fresh)).toBe(before.accounts);
    expect(await exportText("checkins", { format: "csv" }, fresh)).toBe(before.checkins);
  });

  it("when there are more rows than a page holds, every row is exported once", async () => {
    const header = "external_id,name,owner_email,annual_revenue";
    const rows = Array.from({ length: 2345 }, (_, i) => `P${i},Company ${i},ben@acme.test,${i}`);
    await importText(t.db, t.workspaceId, "accounts", `${header}\n${rows.join("\n")}\n`);
    const exported = JSON.parse(await exportText("accounts", { format: "json" }));
    expect(exported).toHaveLength(2348);
    expect(new Set(exported.map((r: { external_id: string }) => r.external_id)).size).toBe(2348);
  });
});
