import { beforeEach, describe, expect, it } from "vitest";
import { useTestDatabase } from "../../support/database.js";
import { countRows, importText, messages, REPS } from "./import-helpers.js";

const HEADER = "external_id,name,owner_email,annual_revenue,customer_since,last_order_at";

describe("an import refuses impossible values as `line N: column: problem`, writing nothing", () => {
  const t = useTestDatabase();
  const run = (row: string) => importText(t.db, t.workspaceId, "accounts", `${HEADER}\n${row}\n`);

  beforeEach(async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
  });

  it.each([
    [
      "a year-0 date",
      "A1,Acme,ana@acme.test,1000,0000-01-01,",
      /customer_since: "0000-01-01" is not a date between 1900/,
    ],
    ["a NUL in a name", "A1,Ac\u0000me,ana@acme.test,1000,,", /name: holds a control character/],
    ["revenue 1e308", "A1,Acme,ana@acme.test,1e308,,", /annual_revenue: 1e308 is not a plausible amount/],
    [
      "a customer since next year",
      "A1,Acme,ana@acme.test,1000,2027-06-01,",
      /customer_since: 2027-06-01 is in the future/,
    ],
    [
      "a last order in the future",
      "A1,Acme,ana@acme.test,1000,,2026-12-24",
      /last_order_at: 2026-12-24 is in the future/,
    ],
  ])("%s", async (_name, row, problem) => {
    const result = await run(row);
    expect(result.outcome).toBe("rejected");
    expect(messages(result).join("\n")).toMatch(/^line 2: /);
    expect(messages(result).join("\n")).toMatch(problem);
    expect(await countRows(t.db, "accounts")).toBe(0);
  });
});
