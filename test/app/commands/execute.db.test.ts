import { eq } from "drizzle-orm";
import { beforeEach, describe, expect, it } from "vitest";
import { actorForRep } from "../../../src/app/actors.js";
import { runCommandText } from "../../../src/app/commands/execute.js";
import type { Actor } from "../../../src/app/ports.js";
import type { Reply } from "../../../src/app/replies.js";
import { plainText } from "../../../src/domain/rich-text.js";
import {
  accounts,
  checkins,
  departures,
  nudges,
  promises,
  reps,
  snoozes,
} from "../../../src/storage/schema.js";
import {
  createAccount,
  createCheckIn,
  createPromise,
  createRep,
  createWorkspace,
} from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createNudge, testContext } from "./support.js";

describe("/retention commands", () => {
  const t = useTestDatabase();
  let env: ReturnType<typeof testContext>;
  let ana: Actor;
  let bo: Actor;
  let mia: Actor;
  let acme: number;
  let acmeLabs: number;
  let globex: number;

  beforeEach(async () => {
    // Monday 15 June 2026, 10:00 in Berlin.
    env = testContext(t, "2026-06-15T08:00:00Z");
    const m = await createRep(t.db, t.workspaceId, {
      name: "Mia",
      email: "mia@example.com",
      role: "manager",
    });
    const a = await createRep(t.db, t.workspaceId, {
      name: "Ana",
      email: "ana@example.com",
      managerId: m.id,
      timezone: "Europe/Berlin",
      slackUserId: "UANA01",
    });
    const b = await createRep(t.db, t.workspaceId, { name: "Bo", email: "bo@example.com", managerId: m.id });
    ana = (await actorForRep(t.db, t.workspaceId, a.id))!;
    bo = (await actorForRep(t.db, t.workspaceId, b.id))!;
    mia = (await actorForRep(t.db, t.workspaceId, m.id))!;
    acme = (
      await createAccount(t.db, t.workspaceId, { ownerRepId: a.id, name: "Acme", annualRevenue: 900_000 })
    ).id;
    acmeLabs = (
      await createAccount(t.db, t.workspaceId, { ownerRepId: b.id, name: "Acme Labs", annualRevenue: 50_000 })
    ).id;
    globex = (
      await createAccount(t.db, t.workspaceId, {
        ownerRepId: a.id,
        name: "Globex",
        annualRevenue: 40_000,
        customerSince: "2023-06-15",
      })
    ).id;
  });

  // Replies as the CLI reads them: the rich-text marks removed, commands as `/retention …`.
  const run = async (actor: Actor, text: string) =>
    JSON.parse(plainText(JSON.stringify(await runCommandText(env.ctx, actor, text)))) as Reply;
  const text = (reply: Reply) => JSON.stringify(reply);

  it("help lists every command with an example", async () => {
    const reply = await run(ana, "help");
    expect(reply.kind).toBe("info");
    for (const word of [
      "today",
      "log",
      "snooze",
      "promise",
      "account",
      "lost",
      "won",
      "report",
      "neglected",
      "departed",
      "digest",
      "assign",
      "pause",
      "settings",
    ]) {
      expect(text(reply)).toContain(`\`/retention ${word}`);
    }
  });

  it("text it does not understand gets a usage error with the usage line", async () => {
    expect(await run(ana, "snooze Globex")).toEqual({
      kind: "error",
      code: "USAGE",
      message: "End with a number of days or a date\nUsage: /retention snooze <account> <days|date>",
    });
  });

  it("log with a name prefix logs a contact from the command and restarts the cadence", async () => {
    const reply = await run(ana, "log glob call asked about Q3");
    expect(reply).toEqual({ kind: "info", lines: ["Logged a call with *Globex* at 10:00."] });
    expect(
      await t.db
        .select({ source: checkins.source, note: checkins.note, accountId: checkins.accountId })
        .from(checkins),
    ).toEqual([{ source: "command", note: "asked about Q3", accountId: globex }]);
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, globex));
    expect(row!.lastContactAt).toEqual(new Date("2026-06-15T08:00:00Z"));
  });

  it("a name that matches several accounts asks which, and each option re-runs the command with the account's id", async () => {
    const reply = await run(ana, "log acm email sent the deck");
    expect(reply).toMatchObject({
      kind: "choose",
      options: [{ label: "Acme · Ana" }, { label: "Acme Labs · Bo" }],
    });
    // "Acme" is an exact name, so "acme" alone is not ambiguous.
    expect((await run(ana, "account acme")).kind).toBe("info");
    const option = (reply as Extract<Reply, { kind: "choose" }>).options[1]!;
    expect(option.commandText).toBe(`log #${acmeLabs} email sent the deck`);
    await run(ana, option.commandText);
    expect(
      await t.db.select({ accountId: checkins.accountId, channel: checkins.channel }).from(checkins),
    ).toEqual([{ accountId: acmeLabs, channel: "email" }]);
  });

  it("a name that matches nothing says which text found nothing", async () => {
    expect(await run(ana, "account Initech")).toMatchObject({
      kind: "error",
      code: "NOT_FOUND",
      message: expect.stringContaining("No account matches `Initech`"),
    });
  });

  it("another workspace's account is invisible, by name and by id", async () => {
    const other = await createWorkspace(t.db);
    const stranger = await createRep(t.db, other);
    const hidden = await createAccount(t.db, other, { ownerRepId: stranger.id, name: "Initech" });
    expect(await run(ana, "account Initech")).toMatchObject({ code: "NOT_FOUND" });
    expect(await run(mia, `log #${hidden.id} call`)).toMatchObject({ code: "NOT_FOUND" });
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it("snooze leaves the rep's account out until the date; another rep's account is refused", async () => {
    expect(await run(ana, "snooze Globex 14")).toEqual({
      kind: "info",
      lines: ["*Globex* is snoozed: it is due again on Mon 29 Jun 2026."],
    });
    expect(await t.db.select({ until: snoozes.until }).from(snoozes)).toEqual([{ until: "2026-06-29" }]);
    expect(await run(ana, "snooze Acme Labs 7")).toMatchObject({ kind: "error", code: "FORBIDDEN" });
  });

  it("promise saves a follow-up due in the rep's zone", async () => {
    const reply = await run(ana, "promise Globex tue 4pm send the pricing sheet");
    expect(text(reply)).toContain("Due Tue 16 Jun 2026, 16:00");
    expect(
      await t.db.select({ what: promises.what, dueAt: promises.dueAt, repId: promises.repId }).from(promises),
    ).toEqual([
      { what: "send the pricing sheet", dueAt: new Date("2026-06-16T14:00:00Z"), repId: ana.repId },
    ]);
  });

  it("account shows value, tier, cadence, the last three contacts, open promises and risk", async () => {
    for (const day of ["2026-05-01", "2026-05-20", "2026-06-01", "2026-06-10"]) {
      await createCheckIn(t.db, t.workspaceId, {
        accountId: acme,
        repId: ana.repId,
        at: new Date(`${day}T09:00:00Z`),
        note: `note ${day}`,
      });
    }
    await createCheckIn(t.db, t.workspaceId, {
      accountId: acme,
      repId: ana.repId,
      at: new Date("2026-06-12T09:00:00Z"),
      outcome: "at_risk",
    });
    await createPromise(t.db, t.workspaceId, {
      accountId: acme,
      repId: ana.repId,
      dueAt: new Date("2026-06-14T09:00:00Z"),
      what: "send figures",
    });
    const reply = await run(bo, "account Acme");
    expect(reply).toMatchObject({ kind: "info", title: `Acme (#${acme})` });
    const lines = (reply as Extract<Reply, { kind: "info" }>).lines;
    expect(lines).toContain("Value: 900k revenue a year");
    expect(lines).toContain("Tier A (by revenue) · contact every 7 days");
    expect(lines).toContain("*At risk:* the last contact said it is at risk");
    expect(lines.filter((l) => l.startsWith("• ") && l.includes("call"))).toHaveLength(3);
    expect(lines.some((l) => l.includes("note 2026-05-01"))).toBe(false);
    expect(lines).toContain("• *overdue* since Sun 14 Jun 2026: send figures (Ana)");
  });

  it("lost moves the account to the departed folder with tenure, and the exit interview goes to the owner's manager", async () => {
    const reply = await run(ana, "lost Globex: moved to a cheaper supplier");
    expect(text(reply)).toContain("Mia will get an exit interview pick");
    const [row] = await t.db.select().from(departures);
    expect(row).toMatchObject({
      accountId: globex,
      reason: "moved to a cheaper supplier",
      lostOn: "2026-06-15",
      tenureDays: 1096,
      exitInterviewRepId: mia.repId,
    });
    expect((await t.db.select().from(accounts).where(eq(accounts.id, globex)))[0]!.status).toBe("lost");
    expect(await run(ana, "lost Globex again")).toMatchObject({ code: "ALREADY_LOST" });
  });

  it("when the owner has no manager, the exit interview goes to someone else than the owner", async () => {
    await t.db.update(reps).set({ managerId: null }).where(eq(reps.id, ana.repId));
    await run(ana, "lost Globex price");
    const [row] = await t.db.select().from(departures);
    expect(row!.exitInterviewRepId).not.toBeNull();
    expect(row!.exitInterviewRepId).not.toBe(ana.repId);
  });

  it("won brings a lost account back and records when", async () => {
    await run(ana, "lost Globex price");
    env.setNow("2026-09-01T08:00:00Z");
    expect(await run(ana, "won Globex")).toMatchObject({ kind: "info" });
    expect((await t.db.select().from(accounts).where(eq(accounts.id, globex)))[0]!.status).toBe("active");
    expect((await t.db.select().from(departures))[0]!.wonBackAt).toEqual(new Date("2026-09-01T08:00:00Z"));
    expect(await run(ana, "won Globex")).toMatchObject({ code: "NOT_LOST" });
  });

  it.each(["report", "neglected", "departed", "assign Globex @bo@example.com"])(
    "a rep asking `%s` is refused politely and nothing changes",
    async (command) => {
      const reply = await run(ana, command);
      expect(reply).toMatchObject({
        kind: "error",
        code: "FORBIDDEN",
        message: expect.stringContaining("is for managers"),
      });
      expect((await t.db.select().from(accounts).where(eq(accounts.id, globex)))[0]!.ownerRepId).toBe(
        ana.repId,
      );
    },
  );

  it("report shows each rep's coverage, check-ins and overdue promises", async () => {
    await run(ana, "log Acme call");
    await createPromise(t.db, t.workspaceId, {
      accountId: globex,
      repId: ana.repId,
      dueAt: new Date("2026-06-01T09:00:00Z"),
    });
    const reply = await run(mia, "report");
    expect(reply).toMatchObject({
      kind: "table",
      columns: ["Rep", "A within cadence", "B", "C", "Check-ins 7d", "30d", "Overdue promises"],
    });
    const rows = (reply as Extract<Reply, { kind: "table" }>).rows;
    expect(rows).toContainEqual(["Ana", "100% (1/1)", "–", "0% (0/1)", "1", "1", "1"]);
    const one = await run(mia, "report <@UANA01>");
    expect((one as Extract<Reply, { kind: "table" }>).rows).toHaveLength(1);
  });

  it("neglected lists overdue accounts by value with their owner, escalated A accounts marked", async () => {
    const reply = await run(mia, "neglected 2");
    expect(reply).toMatchObject({ kind: "table" });
    const rows = (reply as Extract<Reply, { kind: "table" }>).rows;
    expect(rows).toHaveLength(2);
    expect(rows[0]).toEqual([`Acme (#${acme}) ⚠`, "A", "900k", "never", "Ana"]);
  });

  it("departed lists reasons, tenure and win-back status", async () => {
    await run(ana, "lost Globex: price");
    const reply = await run(mia, "departed");
    expect((reply as Extract<Reply, { kind: "table" }>).rows).toEqual([
      ["Globex", "15 Jun 2026", "price", "3 years", "pending (Mia)", "not yet tried"],
    ]);
  });

  it("a manager assigns an account to another rep", async () => {
    expect(await run(mia, "assign Globex @bo@example.com")).toEqual({
      kind: "info",
      lines: ["*Globex* now belongs to Bo."],
    });
    expect((await t.db.select().from(accounts).where(eq(accounts.id, globex)))[0]!.ownerRepId).toBe(bo.repId);
  });

  it("a rep pauses themselves; pausing someone else is for managers, who may name a backup", async () => {
    expect(text(await run(ana, "pause @me 2026-07-03"))).toContain("You are paused until Friday 3 July 2026");
    expect((await t.db.select().from(reps).where(eq(reps.id, ana.repId)))[0]!.pausedUntil).toBe("2026-07-03");
    expect(await run(ana, "pause @bo@example.com 2026-07-03")).toMatchObject({ code: "FORBIDDEN" });
    await run(mia, "pause @bo@example.com in 10 days <@UANA01>");
    expect((await t.db.select().from(reps).where(eq(reps.id, bo.repId)))[0]).toMatchObject({
      pausedUntil: "2026-06-25",
      backupRepId: ana.repId,
    });
    await run(mia, "pause @bo@example.com off");
    expect((await t.db.select().from(reps).where(eq(reps.id, bo.repId)))[0]).toMatchObject({
      pausedUntil: null,
      backupRepId: null,
    });
  });

  it("settings change only the caller's own settings and show them", async () => {
    const reply = await run(ana, "settings handful 3 hour 8 tz America/New_York digest on");
    expect(reply).toMatchObject({ kind: "info", title: "Settings saved" });
    expect(text(reply)).toContain("Time zone: America/New_York");
    expect((await t.db.select().from(reps).where(eq(reps.id, ana.repId)))[0]).toMatchObject({
      handful: 3,
      nudgeHour: 8,
      timezone: "America/New_York",
      digest: true,
    });
    expect((await t.db.select().from(reps).where(eq(reps.id, bo.repId)))[0]!.handful).toBeNull();
  });

  it("today shows the picks of today's nudge with their state", async () => {
    await createNudge(t.db, t.workspaceId, {
      repId: ana.repId,
      localDate: "2026-06-15",
      accountIds: [acme, globex],
    });
    await run(ana, "log Acme call");
    const reply = await run(ana, "today");
    expect(reply).toMatchObject({
      kind: "picks",
      title: "Your picks for Monday 15 June",
      picks: [
        { accountName: "Acme", status: "done" },
        { accountName: "Globex", status: "open" },
      ],
    });
  });

  it("today before the nudge is sent says so and shows what the planner would pick, saving nothing", async () => {
    const reply = await run(ana, "today");
    expect(reply).toMatchObject({ kind: "info", title: "Today, Monday 15 June" });
    const lines = (reply as Extract<Reply, { kind: "info" }>).lines;
    expect(lines[0]).toContain("has not been sent yet");
    expect(lines.some((l) => l.startsWith(`1. *Acme* (#${acme}):`))).toBe(true);
    expect(await t.db.select().from(nudges)).toHaveLength(0);
  });

  it("an account snoozed with the command is left out of the next plan", async () => {
    await run(ana, "snooze Acme 7");
    const lines = ((await run(ana, "today")) as Extract<Reply, { kind: "info" }>).lines;
    expect(lines.some((l) => l.includes("*Acme*"))).toBe(false);
    expect(lines.some((l) => l.includes("*Globex*"))).toBe(true);
  });
});
