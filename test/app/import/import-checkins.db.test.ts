import { readFileSync } from "node:fs";
import { asc, eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { accounts, checkins } from "../../../src/storage/schema.js";
import { useTestDatabase } from "../../support/database.js";
import { countRows, importText, messages, REPS, summary } from "./import-helpers.js";

const fixture = readFileSync(new URL("../../fixtures/csv/checkins.csv", import.meta.url), "utf8");
const accountsFile = readFileSync(new URL("../../fixtures/csv/accounts.csv", import.meta.url), "utf8");
const HEADER = "external_id,account_external_id,rep_email,at,channel,outcome,note";

describe("importing check-ins", () => {
  const t = useTestDatabase();
  const run = (text: string, options = {}) => importText(t.db, t.workspaceId, "checkins", text, options);

  beforeEach(async () => {
    await importText(t.db, t.workspaceId, "reps", REPS);
    await importText(t.db, t.workspaceId, "accounts", accountsFile);
  });

  it("when history is imported, every check-in is stored with source import and its note intact", async () => {
    const result = await run(fixture);
    expect(summary(result)).toEqual({ inserted: 3, updated: 0, unchanged: 0, rejected: 0 });
    const rows = await t.db.select().from(checkins).orderBy(asc(checkins.at));
    expect(rows.map((r) => [r.externalId, r.channel, r.source])).toEqual([
      ["CI-1", "call", "import"],
      ["CI-2", "email", "import"],
      [null, "meeting", "import"],
    ]);
    expect(rows[0]?.note).toBe("Asked for the Q1 figures;\nwill send Tuesday");
  });

  it("when the same history is imported twice, nothing is added, with or without external ids", async () => {
    await run(fixture);
    expect(summary(await run(fixture))).toEqual({ inserted: 0, updated: 0, unchanged: 3, rejected: 0 });
    expect(await countRows(t.db, "checkins")).toBe(3);
  });

  it("when a check-in is newer than the account's last contact, the account's last contact moves to it", async () => {
    await run(fixture);
    const [globex] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-1"));
    expect(globex).toMatchObject({
      lastContactAt: new Date("2026-11-10T14:00:00Z"),
      lastChannel: "meeting",
      lastOutcome: "opportunity",
      lastNote: "+20% volume next year",
    });
  });

  it("when imported history holds a meeting, it counts as the account's relationship review", async () => {
    await run(fixture);
    const [acme] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-1"));
    expect(acme?.lastReviewAt).toEqual(new Date("2026-11-10T14:00:00Z"));
    await run(`${HEADER}
,ACME-1,ana@acme.test,2025-01-01T10:00:00Z,video,,
`);
    const [again] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-1"));
    expect(again?.lastReviewAt).toEqual(new Date("2026-11-10T14:00:00Z"));
  });

  it("when a check-in is older than the account's last contact, the account keeps its last contact", async () => {
    await run(`${HEADER}\n,ACME-1,ana@acme.test,2025-01-01T10:00:00Z,call,at_risk,\n`);
    const [globex] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-1"));
    expect(globex?.lastContactAt).toEqual(new Date("2026-10-01T15:00:00Z"));
    expect(globex?.lastOutcome).toBeNull();
  });

  it.each([
    [
      "an unknown account",
      "X,NOPE-9,ana@acme.test,2026-11-01T10:00:00Z,call,,",
      "line 3: account_external_id: no account has the external_id NOPE-9; import accounts first or fix the id",
    ],
    [
      "an unknown rep",
      "X,ACME-1,zoe@acme.test,2026-11-01T10:00:00Z,call,,",
      "line 3: rep_email: no rep has the email zoe@acme.test; import reps first or fix the email",
    ],
    [
      "a bad time",
      "X,ACME-1,ana@acme.test,yesterday,call,,",
      'line 3: at: "yesterday" is not an ISO 8601 date or time; write e.g. 2026-03-31T14:30:00Z or 2026-03-31',
    ],
    [
      "a time in the future",
      "X,ACME-1,ana@acme.test,2027-01-01T00:00:00Z,call,,",
      'line 3: at: "2027-01-01T00:00:00Z" is in the future',
    ],
    [
      "a bad channel",
      "X,ACME-1,ana@acme.test,2026-11-01T10:00:00Z,fax,,",
      'line 3: channel: "fax" is not one of call, email, meeting, video, message, other',
    ],
    [
      "an over-long note",
      `X,ACME-1,ana@acme.test,2026-11-01T10:00:00Z,call,,${"n".repeat(2001)}`,
      "line 3: note: is 2001 characters long; at most 2000 are allowed, shorten it",
    ],
    [
      "a duplicate external_id",
      "K,ACME-1,ana@acme.test,2026-11-01T10:00:00Z,call,,",
      "line 3: external_id: K appears again (first on line 2)",
    ],
  ])("when a row has %s, the file is rejected and no check-in is written", async (_, row, message) => {
    const result = await run(`${HEADER}\nK,ACME-2,ben@acme.test,2026-11-01T09:00:00Z,call,,\n${row}\n`);
    expect(result.outcome).toBe("rejected");
    expect(messages(result)).toEqual([message]);
    expect(await countRows(t.db, "checkins")).toBe(0);
    const [initech] = await t.db.select().from(accounts).where(eq(accounts.externalId, "ACME-2"));
    expect(initech?.lastContactAt).toBeNull();
  });

  it("when the same check-in without an external id appears twice in a file, the second is reported", async () => {
    const row = ",ACME-1,ana@acme.test,2026-11-01T10:00:00Z,call,,";
    const result = await run(`${HEADER}\n${row}\n${row}\n`);
    expect(messages(result)).toEqual([
      "line 3: at: the same check-in (account, rep, time and channel) is on line 2; remove one",
    ]);
  });

  it("when a file's quoting is broken, nothing is written even with --skip-invalid", async () => {
    const result = await run(`${HEADER}\nK,ACME-2,ben@acme.test,2026-11-01T09:00:00Z,call,,"unclosed\n`, {
      skipInvalid: true,
    });
    expect(result.outcome).toBe("rejected");
    expect(messages(result)[0]).toMatch(/^line \d+: file: Quote Not Closed/);
    expect(await countRows(t.db, "checkins")).toBe(0);
  });

  it("when a file is empty, it is rejected for lacking a header row", async () => {
    const result = await run("");
    expect(messages(result)).toEqual([
      "line 1: file: the file is empty; a header row naming the columns is required",
    ]);
  });

  it("when a file has a byte-order mark, Windows line endings and blank lines, it imports", async () => {
    const text = `\uFEFF${HEADER}\r\nK,ACME-2,ben@acme.test,2026-11-01T09:00:00Z,call,,\r\n\r\n,,,,,,\r\n`;
    expect(summary(await run(text))).toEqual({ inserted: 1, updated: 0, unchanged: 0, rejected: 0 });
  });

  it("when a time has no offset, it is read in the workspace's time zone", async () => {
    await run(`${HEADER}\nK,ACME-2,ben@acme.test,2026-11-01T09:00:00,call,,\n`);
    const [row] = await t.db.select().from(checkins);
    expect(row?.at).toEqual(new Date("2026-11-01T09:00:00Z"));
  });
});
