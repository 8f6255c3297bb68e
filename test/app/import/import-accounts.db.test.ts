import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { accounts, departures } from "../../../src/storage/schema.js";
import { useTestDatabase } from "../../support/database.js";
import { countRows, importText, messages, REPS, summary } from "./import-helpers.js";

const fixture = readFileSync(new URL("../../fixtures/csv/accounts.csv", import.meta.url), "utf8");
const HEADER = "external_id,name,owner_email,annual_revenue";

describe("importing accounts", () => {
  const t = useTestDatabase();
  const run = (text: string, options = {}) => importText(t.db, t.workspaceId, "accounts", text, options);

  beforeEach(async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
  });

  it("when a valid file is imported, every account is stored with its owner and values", async () => {
    const result = await run(fixture);
    expect(result.outcome).toBe("written");
    expect(summary(result)).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const [initech] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-2"));
    expect(initech).toMatchObject({
      name: "Initech, Ltd",
      grossProfit: -2500.5,
      tierOverride: "C",
      cadenceDays: 45,
      customerSince: "2022-01-10",
    });
    const [evil] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-3"));
    expect(evil).toMatchObject({ name: "=Evil Corp", contactName: "@Mallory", contactPhone: "-1 555 0199" });
  });

  it("when the same file is imported twice, the second import reports every row unchanged", async () => {
    await run(fixture);
    const again = await run(fixture);
    expect(summary(again)).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it("when one value changes, only that account is updated", async () => {
    await run(fixture);
    const result = await run(fixture.replace("900000", "950000"));
    expect(summary(result)).toEqual({ inserted: 0, updated: 1, unchanged: 2, rejected: 0 });
  });

  it("when a required column is missing, the header is rejected and nothing is written", async () => {
    const result = await run("external_id,name,owner_email\nA1,Acme,ana@acme.test\n");
    expect(result.outcome).toBe("rejected");
    expect(messages(result)).toEqual([
      "line 1: annual_revenue: required column is missing from the header row",
    ]);
    expect(await countRows(t.db, "accounts")).toBe(0);
  });

  it("when the header has an unknown column, it is named and nothing is written", async () => {
    const result = await run(`${HEADER},revenue_eur\nA1,Acme,ana@acme.test,10,10\n`);
    expect(messages(result)).toEqual([
      expect.stringMatching(
        /^line 1: revenue_eur: unknown column; the columns of an accounts file are: external_id,/,
      ),
    ]);
    expect(await countRows(t.db, "accounts")).toBe(0);
  });

  it("when a spreadsheet saved the file with semicolons, the header error says how to fix it", async () => {
    const result = await run("external_id;name;owner_email;annual_revenue\nA1;Acme;ana@acme.test;10\n");
    expect(messages(result)[0]).toBe(
      "line 1: external_id;name;owner_email;annual_revenue: the columns seem separated by semicolons or tabs; save the file as comma-separated CSV",
    );
  });

  it.each([
    [
      "a bad number",
      "A2,Beta,ana@acme.test,12k,,",
      'line 3: annual_revenue: "12k" is not a number; write digits with a dot for decimals, e.g. 1250.50',
    ],
    [
      "a bad date",
      "A2,Beta,ana@acme.test,10,2026-02-30,",
      'line 3: customer_since: "2026-02-30" is not a date; write YYYY-MM-DD, e.g. 2026-03-31',
    ],
    [
      "an unknown owner",
      "A2,Beta,zoe@acme.test,10,,",
      "line 3: owner_email: no rep has the email zoe@acme.test; import reps first or fix the email",
    ],
    [
      "a duplicate external_id",
      "A1,Acme again,ana@acme.test,10,,",
      "line 3: external_id: A1 appears again (first on line 2)",
    ],
    ["a bad enum value", "A2,Beta,ana@acme.test,10,,gold", 'line 3: tier: "gold" is not one of A, B, C'],
    ["a missing required value", "A2,,ana@acme.test,10,,", "line 3: name: is required; fill it in"],
    [
      "a row with too few cells",
      "A2,Beta",
      "line 3: row: has 2 cells but the header has 6 columns; check the commas and quotes",
    ],
  ])(
    "when a row has %s, the file is rejected with the line and column, and nothing is written",
    async (_, row, message) => {
      const text = `${HEADER},customer_since,tier\nA1,Acme,ana@acme.test,10,,\n${row}\n`;
      const result = await run(text);
      expect(result.outcome).toBe("rejected");
      expect(messages(result)).toEqual([message]);
      expect(result.rejected).toBe(1);
      expect(await countRows(t.db, "accounts")).toBe(0);
    },
  );

  it("when --skip-invalid is given, the valid rows are imported and the invalid ones reported", async () => {
    const text = `${HEADER}\nA1,Acme,ana@acme.test,10\nA2,Beta,nobody@acme.test,20\nA3,Gamma,ben@acme.test,-5\n`;
    const result = await run(text, { skipInvalid: true });
    expect(result.outcome).toBe("written");
    expect(summary(result)).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 2 });
    expect(messages(result)).toEqual([
      "line 3: owner_email: no rep has the email nobody@acme.test; import reps first or fix the email",
      "line 4: annual_revenue: -5 is below 0",
    ]);
    const stored = await t.db.select({ externalId: accounts.externalId }).from(accounts);
    expect(stored).toEqual([{ externalId: "A1" }]);
  });

  it("when it is a dry run, the counts say what would change and nothing is written", async () => {
    const result = await run(fixture, { dryRun: true });
    expect(result.outcome).toBe("dry-run");
    expect(summary(result)).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    expect(await countRows(t.db, "accounts")).toBe(0);
    expect(await countRows(t.db, "departures")).toBe(0);
  });

  it("when an account is imported as lost, it gets one open departure however often it is imported", async () => {
    await run(fixture);
    await run(fixture);
    const folder = await t.db.select().from(departures);
    expect(folder).toHaveLength(1);
    expect(folder[0]).toMatchObject({ reason: "imported as lost", lostOn: "2026-11-23", tenureDays: 2366 });
  });

  it("when a file lacks an optional column, the stored values of that column are kept", async () => {
    await run(fixture);
    const result = await run(`${HEADER}\nACME-1,Globex Corporation,ana@acme.test,900000\n`);
    expect(summary(result)).toEqual({ inserted: 0, updated: 0, unchanged: 1, rejected: 0 });
    const [globex] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-1"));
    expect(globex).toMatchObject({ grossProfit: 120000, contactName: "Hank Scorpio" });
  });

  it("when a file carries an older last contact than the account has, the last contact does not move back", async () => {
    await run(fixture);
    const result = await run(fixture.replace("2026-10-01T15:00:00Z", "2026-01-01T00:00:00Z"));
    expect(result.unchanged).toBe(3);
    const [globex] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-1"));
    expect(globex?.lastContactAt).toEqual(new Date("2026-10-01T15:00:00Z"));
  });

  it("when a last contact is in the future, the row is rejected and the date is echoed as typed", async () => {
    const result = await run(`${HEADER},last_contact_at\nA1,Acme,ana@acme.test,10,2027-01-01\n`);
    expect(messages(result)).toEqual(['line 2: last_contact_at: "2027-01-01" is in the future']);
  });
});
