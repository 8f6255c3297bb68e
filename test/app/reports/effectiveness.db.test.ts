import { beforeEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../../src/app/actors.js";
import { runCommandText } from "../../../src/app/commands/execute.js";
import { exportEffectiveness } from "../../../src/app/export/export-effectiveness.js";
import type { Actor } from "../../../src/app/ports.js";
import type { Reply } from "../../../src/app/replies.js";
import { loadReps } from "../../../src/app/reports/book-scope.js";
import { effectivenessReport } from "../../../src/app/reports/effectiveness-report.js";
import { formatDetail } from "../../../src/cli/commands/report.js";
import { resolveSettings } from "../../../src/domain/settings.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { testContext } from "../commands/support.js";

type Kind = "promise" | "due" | "risk" | "review" | "exit_interview" | "win_back";
type Status = "open" | "done" | "snoozed" | "skipped";

// Monday 15 June 2026; the report covers the four weeks from 18 May.
const NOW = "2026-06-15T08:00:00Z";

describe("which nudges work: report --detail and the export", () => {
  const t = useTestDatabase();
  let mia: Actor;
  let ana: Actor;

  /** A nudge of `repId` on `localDate` (sent unless said) with one pick per [account, kind, status]. */
  async function nudge(
    repId: number,
    localDate: string,
    list: [number, Kind, Status][],
    status: "sent" | "failed" = "sent",
  ) {
    const [row] = await t.db
      .insert(nudges)
      .values({ workspaceId: t.workspaceId, repId, localDate, status })
      .returning({ id: nudges.id });
    await t.db.insert(picks).values(
      list.map(([accountId, kind, pickStatus], position) => ({
        workspaceId: t.workspaceId,
        nudgeId: row!.id,
        accountId,
        position,
        kind,
        reason: "r",
        status: pickStatus,
      })),
    );
  }

  beforeEach(async () => {
    const m = await createRep(t.db, t.workspaceId, {
      name: "Mia",
      email: "mia@example.com",
      role: "manager",
    });
    const a = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.com",
      managerId: m.id,
    });
    const b = await createRep(t.db, t.workspaceId, { name: "Bo", email: "=bo@example.com", managerId: m.id });
    mia = (await actorForRep(t.db, t.workspaceId, m.id))!;
    ana = (await actorForRep(t.db, t.workspaceId, a.id))!;
    const acme = (await createAccount(t.db, t.workspaceId, { ownerRepId: a.id, name: "Acme" })).id;
    // Globex ordered again on 10 June, within 60 days of both risk picks.
    const globex = (
      await createAccount(t.db, t.workspaceId, {
        ownerRepId: a.id,
        name: "Globex",
        lastOrderAt: "2026-06-10",
      })
    ).id;
    const initech = (await createAccount(t.db, t.workspaceId, { ownerRepId: b.id, name: "Initech" })).id;
    await nudge(a.id, "2026-06-01", [
      [acme, "due", "done"],
      [globex, "risk", "open"],
    ]);
    await nudge(a.id, "2026-06-02", [
      [acme, "review", "snoozed"],
      [globex, "risk", "done"],
    ]);
    // Today's pick is delivered but its day is not over: not ignored yet.
    await nudge(a.id, "2026-06-15", [[acme, "due", "open"]]);
    // Bo ignores his due picks; one was skipped ("not mine"), which is not ignored either.
    for (const day of ["2026-06-03", "2026-06-04", "2026-06-05", "2026-06-08", "2026-06-09"]) {
      await nudge(b.id, day, [[initech, "due", "open"]]);
    }
    await nudge(b.id, "2026-06-10", [[initech, "due", "skipped"]]);
    // Not counted: a nudge that failed to send, and one older than four weeks.
    await nudge(b.id, "2026-06-11", [[initech, "due", "open"]], "failed");
    await nudge(b.id, "2026-05-04", [[initech, "due", "open"]]);
  });

  it("counts delivered, acted on, ignored and reordered per kind and rep, and flags the noisy kind", async () => {
    const settings = resolveSettings({});
    const reps = await loadReps(t.db, t.workspaceId, settings);
    const report = await effectivenessReport(t.db, t.workspaceId, settings, new Date(NOW), reps);
    expect(report.since).toBe("2026-05-18");
    expect(report.rows.map((r) => [r.kind, r.rep, r.delivered, r.actedOn, r.ignored, r.reordered])).toEqual([
      ["due", "All", 8, 1, 5, null],
      ["due", "Ana", 2, 1, 0, null],
      ["due", "Bo", 6, 0, 5, null],
      ["review", "All", 1, 1, 0, null],
      ["review", "Ana", 1, 1, 0, null],
      ["risk", "All", 2, 1, 1, 2],
      ["risk", "Ana", 2, 1, 1, 2],
    ]);
    // Due picks: 5 of 8 ignored (62%) for the team is under 80%; Bo alone (5 of 6, 83%) is flagged.
    expect(report.rows.filter((r) => r.noisySettings.length > 0).map((r) => r.rep)).toEqual(["Bo"]);
    expect(report.noisy).toEqual([]);
  });

  it("/retention report --detail shows the table to managers, for a rep when named, and refuses reps", async () => {
    const env = testContext(t, NOW);
    const reply = (await runCommandText(env.ctx, mia, "report --detail")) as Extract<
      Reply,
      { kind: "table" }
    >;
    expect(reply.kind).toBe("table");
    expect(reply.columns).toEqual(["Kind", "Rep", "Delivered", "Acted on", "Ignored", "Reordered"]);
    expect(reply.rows[2]).toEqual(["due ⚠", "Bo", "6", "0 (0%)", "5 (83%)", "–"]);
    expect(reply.rows[5]).toEqual(["risk", "All", "2", "1 (50%)", "1 (50%)", "2 (100%)"]);
    const bos = (await runCommandText(env.ctx, mia, "report =bo@example.com —detail")) as Extract<
      Reply,
      { kind: "table" }
    >;
    expect(bos.rows.map((r) => r[1])).toEqual(["All", "Bo"]);
    expect(bos.footer).toContain(
      "*Too noisy:* due picks were ignored 83% of the time over four weeks (5 of 6); raise `cadence_a` or `cadence_b` or `cadence_c` to make them rarer.",
    );
    expect(await runCommandText(env.ctx, ana, "report --detail")).toMatchObject({ code: "FORBIDDEN" });
  });

  it("exports the same figures as CSV with formula-looking cells neutralised, and prints them in the CLI", async () => {
    const { text, rows } = await exportEffectiveness(t.db, t.workspaceId, {
      format: "csv",
      now: new Date(NOW),
    });
    expect(rows).toBe(7);
    const lines = text.trim().split("\n");
    expect(lines[0]).toBe(
      "since,until,kind,rep_email,rep_name,delivered,acted_on,ignored,reordered,too_noisy_settings",
    );
    expect(lines[1]).toBe("2026-05-18,2026-06-15,due,,,8,1,5,,");
    expect(lines[3]).toBe(
      "2026-05-18,2026-06-15,due,'=bo@example.com,Bo,6,0,5,,cadence_a cadence_b cadence_c",
    );
    const settings = resolveSettings({});
    const report = await effectivenessReport(
      t.db,
      t.workspaceId,
      settings,
      new Date(NOW),
      await loadReps(t.db, t.workspaceId, settings),
    );
    expect(formatDetail(report)).toContain(
      "due     =bo@example.com  6          0 (0%)    5 (83%)  -          raise cadence_a or cadence_b or cadence_c",
    );
    // A wider window from --since takes in the old nudge too.
    const wide = await exportEffectiveness(t.db, t.workspaceId, {
      format: "json",
      now: new Date(NOW),
      since: "2026-05-01",
    });
    expect(JSON.parse(wide.text)[0]).toMatchObject({
      kind: "due",
      rep_email: null,
      delivered: 9,
      ignored: 6,
    });
  });
});
