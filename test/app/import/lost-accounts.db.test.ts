import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { planReps } from "../../../src/app/planning/plan-reps.js";
import { queryRows } from "../../../src/storage/database.js";
import { useTestDatabase } from "../../support/database.js";
import { importText, messages } from "./import-helpers.js";

const REPS = `email,name,role,manager_email
mia@acme.test,Mia,manager,
ana@acme.test,Ana,rep,mia@acme.test
ben@acme.test,Ben,rep,
`;

describe("accounts that arrive as lost", () => {
  const t = useTestDatabase();

  const departures = () =>
    queryRows<{
      external_id: string;
      reason: string;
      lost_on: string;
      tenure_days: number;
      interviewer: string;
    }>(
      t.db,
      sql`select a.external_id, d.reason, d.lost_on::text as lost_on, d.tenure_days, r.name as interviewer
          from departures d join accounts a on a.id = d.account_id join reps r on r.id = d.exit_interview_rep_id
          order by a.external_id`,
    );

  it("an account imported as lost gets its departed entry with reason and tenure, and an exit interview by its owner's manager", async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
    const result = await importText(
      t.db,
      t.workspaceId,
      "accounts",
      `external_id,name,owner_email,annual_revenue,status,customer_since,lost_on,lost_reason
A1,Acme,ana@acme.test,900000,lost,2020-11-01,2026-10-01,moved to a cheaper supplier
B1,Bolt,ben@acme.test,50000,lost,,,
`,
    );
    expect(messages(result)).toEqual([]);
    expect(await departures()).toEqual([
      {
        external_id: "A1",
        reason: "moved to a cheaper supplier",
        lost_on: "2026-10-01",
        tenure_days: 2160,
        interviewer: "Mia",
      },
      // Ben has no manager: another rep of the workspace asks.
      {
        external_id: "B1",
        reason: "imported as lost",
        lost_on: "2026-11-23",
        tenure_days: null,
        interviewer: "Mia",
      },
    ]);
    const { plans } = await planReps(t.db, {
      workspaceId: t.workspaceId,
      date: "2026-11-24",
      now: new Date("2026-11-24T08:00:00Z"),
    });
    const mia = plans.find((p) => p.picks.some((pick) => pick.kind === "exit_interview"));
    expect(
      mia?.picks
        .filter((p) => p.kind === "exit_interview")
        .map((p) => p.externalId)
        .sort(),
    ).toEqual(["A1", "B1"]);
  });

  it("importing the same lost accounts again opens no second departure", async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
    const file = `external_id,name,owner_email,annual_revenue,status,lost_on,lost_reason
A1,Acme,ana@acme.test,900000,lost,2026-10-01,price
`;
    await importText(t.db, t.workspaceId, "accounts", file);
    await importText(t.db, t.workspaceId, "accounts", file);
    expect(await departures()).toHaveLength(1);
  });

  it("refuses lost_on or lost_reason on an active account, and a lost_on in the future", async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
    const result = await importText(
      t.db,
      t.workspaceId,
      "accounts",
      `external_id,name,owner_email,annual_revenue,status,lost_on,lost_reason
A1,Acme,ana@acme.test,900000,active,2026-10-01,
A2,Bolt,ana@acme.test,900000,lost,2027-10-01,price
`,
    );
    expect(messages(result)).toEqual([
      expect.stringMatching(/line 2: lost_on: .*only for an account whose status is lost/),
      expect.stringMatching(/line 3: lost_on: .*future/),
    ]);
  });
});
