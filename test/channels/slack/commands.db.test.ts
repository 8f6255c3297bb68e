import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Block } from "../../../src/channels/slack/blocks/block-builders.js";
import { findLimitViolations } from "../../../src/channels/slack/blocks/limits.js";
import { accounts, checkins, departures, promises, reps, snoozes } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { elementsOf, type SlackHarness, seedNudge, startSlackHarness, visibleText } from "./slack-harness.js";

const NOW = new Date("2026-03-10T09:30:00Z");

describe("/retention in Slack", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let ana: { id: number };
  let ben: { id: number };
  let globex: { id: number };
  let initech: { id: number };

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, NOW);
    const mia = await createRep(t.db, t.workspaceId, { name: "Mia", role: "manager", slackUserId: "UMIA" });
    ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA", managerId: mia.id });
    ben = await createRep(t.db, t.workspaceId, { name: "Ben", slackUserId: "UBEN", managerId: mia.id });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Acme GmbH",
      annualRevenue: 800_000,
    });
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Acme Inc",
      annualRevenue: 700_000,
    });
    globex = await createAccount(t.db, t.workspaceId, {
      ownerRepId: ana.id,
      name: "Globex",
      annualRevenue: 500_000,
    });
    initech = await createAccount(t.db, t.workspaceId, {
      ownerRepId: ben.id,
      name: "Initech",
      annualRevenue: 400_000,
    });
    await seedNudge(t.db, t.workspaceId, ana.id, [globex.id]);
  });

  afterEach(async () => {
    await slack.close();
  });

  /** Runs `/retention <text>` as `user` and returns the one answer only they see. */
  async function run(user: string, text: string): Promise<{ text: string; body: Record<string, unknown> }> {
    const { res, responseUrl } = await slack.command(user, text);
    expect(res.status).toBe(200);
    const [answer] = await slack.responsesTo(responseUrl);
    expect(answer!.response_type).toBe("ephemeral");
    expect(findLimitViolations((answer!.blocks ?? []) as Block[], "message")).toEqual([]);
    return { text: visibleText(answer!), body: answer! };
  }

  it("help lists the commands with examples", async () => {
    const { text } = await run("UANA", "help");
    for (const word of ["today", "log", "snooze", "promise", "report"]) expect(text).toContain(word);
  });

  it("an unknown word gets a usage line, not an error page", async () => {
    const { text } = await run("UANA", "frobnicate everything");
    expect(text).toContain(":warning:");
    expect(text).toContain("Usage");
  });

  it("a bad argument gets the usage of that command", async () => {
    const { text } = await run("UANA", "snooze Globex someday");
    expect(text).toContain("Usage: /retention snooze");
  });

  it("today shows my picks with the same buttons as the nudge", async () => {
    const { text, body } = await run("UANA", "today");
    expect(text).toContain("Globex");
    expect(elementsOf(body.blocks).map((e) => e.action_id)).toEqual([
      "pick_call",
      "pick_email",
      "pick_meet",
      "pick_more",
    ]);
  });

  it("a click on today's answer logs the contact, replaces the answer and updates the nudge in the DM", async () => {
    const { body } = await run("UANA", "today");
    const called = elementsOf(body.blocks).find((e) => e.action_id === "pick_call")!;
    const responseUrl = slack.fake.responseUrl();
    await slack.action("UANA", {
      actionId: "pick_call",
      value: called.value!,
      message: { channel: "C0GENERAL", ts: "1773135000.000900" },
      ephemeral: true,
      responseUrl,
    });
    const [answer] = await slack.responsesTo(responseUrl);
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: true });
    expect(visibleText(answer!)).toContain("Called by Ana");
    const [update] = await slack.fake.waitFor("chat.update");
    expect(update!.body.channel).toBe(`D${ana.id}`);
    expect(await t.db.select().from(checkins)).toHaveLength(1);
  });

  it("log records a contact from the command", async () => {
    await run("UANA", "log Globex call asked about the Q3 order");
    const [row] = await t.db.select().from(checkins);
    expect(row).toMatchObject({ accountId: globex.id, channel: "call", source: "command", repId: ana.id });
    expect(row!.note).toContain("Q3 order");
  });

  it("an ambiguous account asks which with buttons, and a button finishes the command as the clicker", async () => {
    const { text, body } = await run("UANA", "log acme email");
    expect(text).toContain("Acme GmbH");
    expect(text).toContain("Acme Inc");
    const choice = elementsOf(body.blocks).find((e) => e.value && /#\d+/.test(e.value));
    expect(choice).toBeDefined();
    const responseUrl = slack.fake.responseUrl();
    await slack.action("UANA", { actionId: choice!.action_id!, value: choice!.value!, responseUrl });
    const [answer] = await slack.responsesTo(responseUrl);
    expect(answer!.replace_original).toBe(true);
    const rows = await t.db.select().from(checkins);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.channel).toBe("email");
  });

  it("snooze leaves the account out until then", async () => {
    await run("UANA", "snooze Globex 14");
    const rows = await t.db.select().from(snoozes);
    expect(rows.map((s) => s.accountId)).toEqual([globex.id]);
  });

  it("promise records a follow-up commitment", async () => {
    await run("UANA", "promise Globex tue 4pm send the pricing sheet");
    const rows = await t.db.select().from(promises);
    expect(rows.map((p) => [p.accountId, p.what])).toEqual([[globex.id, "send the pricing sheet"]]);
  });

  it("account shows the account", async () => {
    const { text } = await run("UBEN", "account Globex");
    expect(text).toContain("Globex");
  });

  it("lost moves the account to the departed folder and won brings it back", async () => {
    await run("UANA", "lost Globex price");
    expect((await t.db.select().from(departures)).map((d) => d.reason)).toEqual(["price"]);
    expect((await t.db.select().from(accounts).where(eq(accounts.id, globex.id)))[0]!.status).toBe("lost");
    await run("UANA", "won Globex");
    expect((await t.db.select().from(accounts).where(eq(accounts.id, globex.id)))[0]!.status).toBe("active");
  });

  it.each(["report", "neglected", "departed", "assign Initech @ana"])(
    "a rep asking for the manager command `%s` is refused politely",
    async (command) => {
      const { text } = await run("UANA", command);
      expect(text).toContain("for managers");
    },
  );

  it("a manager gets the report, the neglected accounts and the departed folder", async () => {
    expect((await run("UMIA", "report")).text).toContain("Ana");
    expect((await run("UMIA", "neglected 5")).body.blocks).toBeDefined();
    expect((await run("UMIA", "departed")).body.blocks).toBeDefined();
  });

  it("a manager's report is one Slack table block: column names first, figures aligned right, names wrapped", async () => {
    const { body } = await run("UMIA", "report");
    const tables = (body.blocks as { type: string }[]).filter((b) => b.type === "table");
    expect(tables).toHaveLength(1);
    const table = tables[0] as unknown as {
      rows: { type: string; text: string }[][];
      column_settings: { align?: string; is_wrapped?: boolean }[];
    };
    expect(table.rows[0]![0]).toEqual({ type: "raw_text", text: "Rep" });
    const names = table.rows.slice(1).map((r) => r[0]!.text);
    expect(names).toEqual(expect.arrayContaining(["Ana", "Ben"]));
    expect(table.column_settings[0]).toEqual({ is_wrapped: true });
    expect(table.column_settings.some((c) => c.align === "right")).toBe(true);
  });

  it("with slack_table_blocks off, the report is aligned monospace text instead", async () => {
    await run("UMIA", "settings workspace slack_table_blocks off");
    const { body, text } = await run("UMIA", "report");
    expect((body.blocks as { type: string }[]).some((b) => b.type === "table")).toBe(false);
    expect(text).toMatch(/```Rep\s+/);
  });

  it("a manager assigns an account to a rep named by a Slack mention", async () => {
    await run("UMIA", "assign Initech <@UANA|ana>");
    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, initech.id));
    expect(row!.ownerRepId).toBe(ana.id);
  });

  it("a rep pauses themselves, but not someone else", async () => {
    await run("UANA", "pause @me 2026-08-14");
    expect((await t.db.select().from(reps).where(eq(reps.id, ana.id)))[0]!.pausedUntil).toBe("2026-08-14");
    const { text } = await run("UANA", "pause <@UBEN|ben> 2026-08-14");
    expect(text).toContain(":warning:");
    expect((await t.db.select().from(reps).where(eq(reps.id, ben.id)))[0]!.pausedUntil).toBeNull();
  });

  it("settings change my own handful", async () => {
    await run("UANA", "settings handful 3");
    expect((await t.db.select().from(reps).where(eq(reps.id, ana.id)))[0]!.handful).toBe(3);
  });

  it("a Slack user who is no rep is told politely that an admin must import them", async () => {
    slack.fake.addUser({ id: "UNEW", email: "new@example.test" });
    const { text } = await run("UNEW", "today");
    expect(text).toContain("retention import");
  });

  it("a Slack user whose email matches a rep is recognised and remembered", async () => {
    const cleo = await createRep(t.db, t.workspaceId, { name: "Cleo", email: "cleo@example.test" });
    slack.fake.addUser({ id: "UCLEO", email: "CLEO@example.test" });
    await run("UCLEO", "help");
    await run("UCLEO", "help");
    expect((await t.db.select().from(reps).where(eq(reps.id, cleo.id)))[0]!.slackUserId).toBe("UCLEO");
    expect(slack.fake.callsOf("users.info")).toHaveLength(1);
  });
});
