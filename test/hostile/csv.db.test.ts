/**
 * Hostile CSV files: broken quoting, BOMs, 100,000-character fields, formula cells, control
 * characters, random bytes. The import answers with `line N: column: problem` (or a file-level
 * problem) and never throws; a rejected file writes nothing.
 */
import fc from "fast-check";
import { beforeEach, describe, expect, it } from "vitest";
import { formatRowError } from "../../src/domain/csv/row-errors.js";
import { countRows, importText, REPS } from "../app/import/import-helpers.js";
import { useTestDatabase } from "../support/database.js";

const HEADER = "external_id,name,owner_email,annual_revenue,customer_since,contact_phone";
const RUNS = { numRuns: 40, seed: 9 };

describe("hostile CSV files", () => {
  const t = useTestDatabase();

  beforeEach(async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
  });

  async function importsSafely(text: string): Promise<void> {
    const before = await countRows(t.db, "accounts");
    const result = await importText(t.db, t.workspaceId, "accounts", text);
    for (const message of result.errors.map(formatRowError)) {
      expect(message).not.toMatch(/\n\s+at |SELECT|INSERT|params/);
      expect(message.length).toBeLessThan(2_000);
    }
    if (result.outcome === "rejected") expect(await countRows(t.db, "accounts")).toBe(before);
  }

  it("random text after a valid header (quotes, BOMs, control characters, unicode) never throws", async () => {
    const cell = fc.oneof(
      fc.string({ unit: "binary", maxLength: 30 }),
      fc.constantFrom(
        '"',
        '""',
        '"a"b',
        "\uFEFF",
        "\u0000",
        '=HYPERLINK("x")',
        "+1",
        "-1",
        "@SUM(A1)",
        "1e308",
        "0000-01-01",
      ),
    );
    const row = fc.array(cell, { minLength: 1, maxLength: 8 }).map((cells) => cells.join(","));
    const file = fc
      .array(row, { minLength: 1, maxLength: 5 })
      .map((rows) => `${HEADER}\n${rows.join("\n")}\n`);
    await fc.assert(fc.asyncProperty(file, importsSafely), RUNS);
  });

  it("a BOM before the header is read as no part of it", async () => {
    const result = await importText(
      t.db,
      t.workspaceId,
      "accounts",
      `\uFEFF${HEADER}\nA1,Acme,ana@acme.test,1000,,\n`,
    );
    expect(result.outcome).toBe("written");
    expect(await countRows(t.db, "accounts")).toBe(1);
  });

  it("a quote left open to the end of the file is a file-level problem, nothing written", async () => {
    const result = await importText(
      t.db,
      t.workspaceId,
      "accounts",
      `${HEADER}\nA1,"Acme,ana@acme.test,1000,,\n`,
    );
    expect(result.outcome).toBe("rejected");
    expect(await countRows(t.db, "accounts")).toBe(0);
  });

  it("a 100,000-character field is refused with its length, not stored", async () => {
    const huge = "x".repeat(100_000);
    const result = await importText(
      t.db,
      t.workspaceId,
      "accounts",
      `${HEADER}\nA1,${huge},ana@acme.test,1000,,\n`,
    );
    expect(result.outcome).toBe("rejected");
    expect(result.errors.map(formatRowError).join("\n")).toMatch(/line 2: name: is 100000 characters long/);
    expect(await countRows(t.db, "accounts")).toBe(0);
  });

  it("a formula cell is imported as the text it shows, not refused", async () => {
    const result = await importText(
      t.db,
      t.workspaceId,
      "accounts",
      `${HEADER}\nA1,"=HYPERLINK(""http://evil"")",ana@acme.test,1000,,+1 555 0100\n`,
    );
    expect(result.outcome).toBe("written");
  });
});
