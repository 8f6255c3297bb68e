import { readFileSync } from "node:fs";
import { asc } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { reps } from "../../../src/storage/schema.js";
import { useTestDatabase } from "../../support/database.js";
import { countRows, importText, messages, summary } from "./import-helpers.js";

const fixture = readFileSync(new URL("../../fixtures/csv/reps.csv", import.meta.url), "utf8");

describe("importing reps", () => {
  const t = useTestDatabase();
  const run = (text: string, options = {}) => importText(t.db, t.workspaceId, "reps", text, options);

  it("when a rep's manager comes later in the file, the manager is still linked", async () => {
    const result = await run(fixture);
    expect(summary(result)).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const rows = await t.db.select().from(reps).orderBy(asc(reps.email));
    const max = rows.find((r) => r.email === "max@acme.test")!;
    expect(rows.map((r) => [r.email, r.managerId, r.role, r.timezone])).toEqual([
      ["ana@acme.test", max.id, "rep", "Europe/Berlin"],
      ["ben@acme.test", max.id, "rep", null],
      ["max@acme.test", null, "manager", "Europe/Berlin"],
    ]);
  });

  it("when the same file is imported twice, every rep is unchanged", async () => {
    await run(fixture);
    expect(summary(await run(fixture))).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it("when only a rep's manager changes, that rep counts as updated", async () => {
    await run(fixture);
    const moved = fixture.replace(
      "ben@acme.test,Ben Okafor,,rep,max@acme.test",
      "ben@acme.test,Ben Okafor,,rep,",
    );
    expect(summary(await run(moved))).toEqual({ inserted: 0, updated: 1, unchanged: 2, rejected: 0 });
  });

  it("when emails differ only in case, they are the same rep", async () => {
    await run(fixture);
    const shouted = fixture.replace("ana@acme.test", "ANA@Acme.test");
    expect(summary(await run(shouted))).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
  });

  it.each([
    [
      "an unknown time zone",
      "zed@acme.test,Zed,Mars/Olympus,,,,,",
      'line 5: timezone: "Mars/Olympus" is not a known IANA time zone; use a name like Europe/Berlin or America/New_York',
    ],
    [
      "an unknown manager",
      "zed@acme.test,Zed,,,boss@acme.test,,,",
      "line 5: manager_email: no rep has the email boss@acme.test; add the manager to this file or fix the email",
    ],
    [
      "a handful out of range",
      "zed@acme.test,Zed,,,,,21,",
      "line 5: handful: 21 is out of range; use 1 to 20",
    ],
    ["a bad nudge hour", "zed@acme.test,Zed,,,,,,24", "line 5: nudge_hour: 24 is out of range; use 0 to 23"],
    ["a bad role", "zed@acme.test,Zed,,boss,,,,", 'line 5: role: "boss" is not one of rep, manager, admin'],
    ["a bad email", "zed-at-acme,Zed,,,,,,", 'line 5: email: "zed-at-acme" is not an email address'],
    [
      "a duplicate email",
      "ana@acme.test,Ana again,,,,,,",
      "line 5: email: ana@acme.test appears again (first on line 2)",
    ],
    [
      "a Slack id given twice",
      "zed@acme.test,Zed,,,,U001,,",
      "line 5: slack_user_id: U001 is already given to line 2",
    ],
    [
      "themself as manager",
      "zed@acme.test,Zed,,,zed@acme.test,,,",
      "line 5: manager_email: a rep cannot be their own manager",
    ],
  ])("when a row has %s, the file is rejected and no rep is written", async (_, row, message) => {
    const result = await run(`${fixture}${row}\n`);
    expect(result.outcome).toBe("rejected");
    expect(messages(result)).toEqual([message]);
    expect(await countRows(t.db, "reps")).toBe(0);
  });
});
