import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "../../src/storage/database.js";
import { listHolidays } from "../../src/storage/holidays.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { createAccount } from "../support/builders.js";
import { runCliCaptured as run } from "../support/run-cli.js";

const fixture = (name: string) =>
  path.join(fileURLToPath(new URL("../fixtures/holidays", import.meta.url)), name);

describe("retention holidays and working weeks", { timeout: 90_000 }, () => {
  let dataDir = "";
  beforeAll(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), "retention-holidays-"));
    vi.stubEnv("DATA_DIR", dataDir);
    vi.stubEnv("DATABASE_URL", "");
    vi.stubEnv("LOG_LEVEL", "silent");
    // Recurring events expand from the current year: pin it so the test does not age.
    vi.useFakeTimers({ now: new Date("2026-06-01T12:00:00Z"), toFake: ["Date"] });
  });
  afterAll(() => {
    vi.useRealTimers();
    vi.unstubAllEnvs();
    rmSync(dataDir, { recursive: true, force: true });
  });

  async function withDb<T>(
    fn: (db: Awaited<ReturnType<typeof openDatabase>>["db"], ws: number) => Promise<T>,
  ) {
    const database = await openDatabase({ dataDir });
    try {
      return await fn(database.db, (await ensureDefaultWorkspace(database.db)).id);
    } finally {
      await database.close();
    }
  }
  const stored = () => withDb((db, ws) => listHolidays(db, ws));

  it("with no holidays, the list says how to add them", async () => {
    const { code, out } = await run("holidays");
    expect(code).toBe(0);
    expect(out).toContain(
      "No holidays from 2026-06-01 on. Add them with `retention holidays import holidays.csv`",
    );
  });

  it("a file with bad lines is rejected whole, by line, exit 1, and nothing is written", async () => {
    const { code, err } = await run("holidays", "import", fixture("bad-holidays.csv"));
    expect(code).toBe(1);
    expect(err).toContain('line 3: date: "2026-13-01" is not a date; write YYYY-MM-DD');
    expect(err).toContain("line 4: date: 2026-12-25 appears again (first on line 2)");
    expect(err).toContain("rejected, nothing written");
    expect(await stored()).toEqual([]);
  });

  it("a missing file is a usage error (exit 2)", async () => {
    const { code, err } = await run("holidays", "import", path.join(dataDir, "nope.csv"));
    expect(code).toBe(2);
    expect(err).toContain("no such file");
  });

  it("an iCalendar file: a yearly holiday is expanded, a weekend one kept, a three-day one split into days", async () => {
    const first = await run("holidays", "import", fixture("holidays.ics"));
    expect(first.err).toBe("");
    expect(first.out).toBe(
      "6 holiday(s) read (recurring events expanded over 2026-2027): inserted 6, updated 0, unchanged 0\n",
    );
    expect(await stored()).toEqual([
      { on: "2026-01-01", name: "New Year's Day" },
      { on: "2026-10-03", name: "German Unity Day" },
      { on: "2026-12-24", name: "Christmas" },
      { on: "2026-12-25", name: "Christmas" },
      { on: "2026-12-26", name: "Christmas" },
      { on: "2027-01-01", name: "New Year's Day" },
    ]);
    const list = await run("holidays");
    expect(list.out).toContain("2026-10-03  Sat  German Unity Day\n");
    expect(list.out).not.toContain("2026-01-01");
    expect((await run("holidays", "--all")).out).toContain("2026-01-01  Thu  New Year's Day\n");
  });

  it("importing again changes nothing; a CSV with other names for the same days renames them", async () => {
    expect((await run("holidays", "import", fixture("holidays.ics"))).out).toContain(
      "inserted 0, updated 0, unchanged 6",
    );
    const csv = await run("holidays", "import", fixture("holidays.csv"));
    expect(csv.out).toBe(
      "2 holiday(s) read (recurring events expanded over 2026-2027): inserted 0, updated 2, unchanged 0\n",
    );
    expect((await stored()).find((h) => h.on === "2026-12-26")?.name).toBe("Boxing Day");
  });

  it("remove takes one day out; a day without a holiday or a bad date is refused", async () => {
    expect(await run("holidays", "remove", "2026-12-24")).toMatchObject({
      code: 0,
      out: "removed 2026-12-24 Christmas; nudges go out that day again if it is a working day\n",
    });
    const none = await run("holidays", "remove", "2026-12-24");
    expect(none.code).toBe(1);
    expect(none.err).toContain("[NOT_FOUND]: there is no holiday on 2026-12-24");
    const bad = await run("holidays", "remove", "24.12.2026");
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('"24.12.2026" is not a date; write YYYY-MM-DD');
    expect((await stored()).length).toBe(5);
  });

  it("a Sunday-Thursday rep from the reps CSV is nudged on Sunday, not on Friday, and not on a Sunday holiday", async () => {
    const reps = path.join(dataDir, "reps.csv");
    writeFileSync(reps, " EMAIL ,Name,timezone,Working_Days\nomar@acme.test,Omar,Asia/Dubai,Sun-Thu\n");
    expect((await run("import", "reps", reps)).out).toBe("inserted 1, updated 0, unchanged 0, rejected 0\n");
    await withDb(async (db, ws) => {
      const [omar] = await db.query.reps.findMany();
      await createAccount(db, ws, { ownerRepId: omar!.id, name: "Globex" });
    });
    // 09:05 in Dubai (UTC+4): Friday 2026-06-05 is off, Sunday 2026-06-07 is a working day.
    const friday = await run("tick", "--now", "2026-06-05T05:05:00Z");
    expect(friday.out).not.toContain("Nudge for Omar");
    const sunday = await run("tick", "--now", "2026-06-07T05:05:00Z");
    expect(sunday.out).toContain("Nudge for Omar <omar@acme.test>, 2026-06-07:");

    const holiday = path.join(dataDir, "h.csv");
    writeFileSync(holiday, "date,name\n2026-06-14,Company day\n");
    expect((await run("holidays", "import", holiday)).code).toBe(0);
    const sundayOff = await run("tick", "--now", "2026-06-14T05:05:00Z");
    expect(sundayOff.out).not.toContain("Nudge for Omar");
  });

  it("a bad working week in the reps CSV is rejected with an example", async () => {
    const reps = path.join(dataDir, "bad-reps.csv");
    writeFileSync(reps, "email,name,working_days\nzoe@acme.test,Zoe,weekdays\n");
    const { code, err } = await run("import", "reps", reps);
    expect(code).toBe(1);
    expect(err).toContain("line 2: working_days: `weekdays` is not a working week; write it like Mon-Fri");
  });
});
