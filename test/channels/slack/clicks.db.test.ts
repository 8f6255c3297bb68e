import { asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../../src/storage/database.js";
import { checkins, picks, promises, snoozes } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { type SlackHarness, seedNudge, startSlackHarness, visibleText } from "./slack-harness.js";

const NOW = new Date("2026-03-10T09:30:00Z");

describe("clicks on a Slack nudge", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let ana: { id: number };
  let ben: { id: number };
  let anaNudge: Awaited<ReturnType<typeof seedNudge>>;
  let benNudge: Awaited<ReturnType<typeof seedNudge>>;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, NOW);
    const boss = await createRep(t.db, t.workspaceId, { name: "Mia", role: "manager", slackUserId: "UMIA" });
    ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA", managerId: boss.id });
    ben = await createRep(t.db, t.workspaceId, { name: "Ben", slackUserId: "UBEN" });
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Acme" });
    const globex = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Globex" });
    const initech = await createAccount(t.db, t.workspaceId, { ownerRepId: ben.id, name: "Initech" });
    anaNudge = await seedNudge(t.db, t.workspaceId, ana.id, [acme.id, globex.id]);
    benNudge = await seedNudge(t.db, t.workspaceId, ben.id, [initech.id]);
  });

  afterEach(async () => {
    await slack.close();
  });

  const countCheckIns = async () =>
    (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from checkins`))[0]!.n;
  const pickStatus = async (id: number) =>
    (await t.db.select().from(picks).where(eq(picks.id, id)))[0]!.status;

  it("when a rep clicks Called twice, one check-in is logged", async () => {
    const click = { actionId: "pick_call", value: String(anaNudge.pickIds[0]), message: anaNudge.message };
    const [a, b] = await Promise.all([
      slack.action("UANA", { ...click, responseUrl: slack.fake.responseUrl() }),
      slack.action("UANA", { ...click, responseUrl: slack.fake.responseUrl() }),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await slack.fake.waitFor("chat.update");
    await slack.settled();
    expect(await countCheckIns()).toBe(1);
    const updates = slack.fake.callsOf("chat.update");
    expect(visibleText(updates[updates.length - 1]!.body)).toContain("Called by Ana");
  });

  it("when Slack retries a click (X-Slack-Retry-Num), one check-in is logged", async () => {
    const click = {
      actionId: "pick_call",
      value: String(anaNudge.pickIds[0]),
      message: anaNudge.message,
      triggerId: "111.222.abc",
      actionTs: "1773135000.123456",
    };
    expect((await slack.action("UANA", click)).status).toBe(200);
    await slack.fake.waitFor("chat.update");
    expect((await slack.action("UANA", click, { retryNum: 1 })).status).toBe(200);
    expect((await slack.action("UANA", click, { retryNum: 2 })).status).toBe(200);
    await slack.settled();
    expect(await countCheckIns()).toBe(1);
    expect(slack.fake.callsOf("chat.update")).toHaveLength(1);
  });

  it("when Slack retries a click after a connection error, the click recorded first is the one worked: logged once, updated once", async () => {
    const click = {
      actionId: "pick_email",
      value: String(anaNudge.pickIds[1]),
      message: anaNudge.message,
      triggerId: "333.444.def",
      actionTs: "1773135100.000001",
    };
    await slack.action("UANA", click);
    await slack.fake.waitFor("chat.update");
    expect((await slack.action("UANA", click, { retryNum: 1, retryReason: "http_error" })).status).toBe(200);
    await slack.settled();
    expect(await countCheckIns()).toBe(1);
    expect(slack.fake.callsOf("chat.update")).toHaveLength(1);
  });

  it("when a click names another rep's pick, the clicker is told no and nothing changes", async () => {
    const responseUrl = slack.fake.responseUrl();
    const res = await slack.action("UANA", {
      actionId: "pick_call",
      value: String(benNudge.pickIds[0]),
      message: anaNudge.message,
      responseUrl,
    });
    expect(res.status).toBe(200);
    const [answer] = await slack.responsesTo(responseUrl);
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(visibleText(answer!)).toMatch(/someone else's nudge/);
    expect(await countCheckIns()).toBe(0);
    expect(await pickStatus(benNudge.pickIds[0]!)).toBe("open");
    expect(slack.fake.callsOf("chat.update")).toHaveLength(0);
  });

  it("when a click names a pick that does not exist or is not a number, the clicker is told and nothing changes", async () => {
    for (const value of ["999999", "1 or 1=1"]) {
      const responseUrl = slack.fake.responseUrl();
      await slack.action("UANA", { actionId: "pick_call", value, message: anaNudge.message, responseUrl });
      const [answer] = await slack.responsesTo(responseUrl);
      expect(visibleText(answer!)).toMatch(/:warning:/);
    }
    expect(await countCheckIns()).toBe(0);
  });

  it("when a Slack user who is no rep clicks, they are told an admin must import them", async () => {
    slack.fake.addUser({ id: "USTRANGER", email: "stranger@example.test" });
    const responseUrl = slack.fake.responseUrl();
    await slack.action("USTRANGER", {
      actionId: "pick_call",
      value: String(anaNudge.pickIds[0]),
      responseUrl,
    });
    const [answer] = await slack.responsesTo(responseUrl);
    expect(visibleText(answer!)).toContain("retention import");
    expect(await countCheckIns()).toBe(0);
  });

  it("Undo right after a click opens the pick again and removes the check-in", async () => {
    const pickId = String(anaNudge.pickIds[0]);
    await slack.action("UANA", { actionId: "pick_call", value: pickId, message: anaNudge.message });
    await slack.fake.waitFor("chat.update");
    await slack.action("UANA", { actionId: "pick_undo", value: pickId, message: anaNudge.message });
    const updates = await slack.fake.waitFor("chat.update", 2);
    expect(visibleText(updates[1]!.body)).not.toContain("Called by");
    expect(await countCheckIns()).toBe(0);
    expect(await pickStatus(anaNudge.pickIds[0]!)).toBe("open");
  });

  it("Snooze 1 week leaves the account out until a week later and shows it snoozed", async () => {
    await slack.action("UANA", {
      actionId: "pick_more",
      selectedValue: `snooze_week:${anaNudge.pickIds[1]}`,
      message: anaNudge.message,
    });
    const [update] = await slack.fake.waitFor("chat.update");
    expect(visibleText(update!.body)).toContain("Snoozed by Ana");
    const rows = await t.db.select().from(snoozes);
    expect(rows.map((s) => s.until)).toEqual(["2026-03-17"]);
  });

  it("Not my account marks the pick and tells the rep's manager in a DM", async () => {
    const responseUrl = slack.fake.responseUrl();
    await slack.action("UANA", {
      actionId: "pick_more",
      selectedValue: `not_mine:${anaNudge.pickIds[0]}`,
      message: anaNudge.message,
      responseUrl,
    });
    const [toManager] = await slack.fake.waitFor("chat.postMessage");
    expect(toManager!.body.channel).toBe("UMIA");
    expect(visibleText(toManager!.body)).toContain("Acme");
    const [answer] = await slack.responsesTo(responseUrl);
    expect(visibleText(answer!)).toContain("manager");
    expect(await pickStatus(anaNudge.pickIds[0]!)).toBe("skipped");
  });

  it("Add note opens a modal; an empty note is refused on the field; a note is logged with the contact", async () => {
    await slack.action("UANA", {
      actionId: "pick_more",
      selectedValue: `note:${anaNudge.pickIds[0]}`,
      message: anaNudge.message,
    });
    const [opened] = await slack.fake.waitFor("views.open");
    const view = opened!.body.view as { callback_id: string; private_metadata: string };
    expect(visibleText(opened!.body.view as Record<string, unknown>)).toContain("Acme");

    const empty = await slack.submitView("UANA", {
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { note: { note_input: { type: "plain_text_input", value: "   " } } },
    });
    expect(empty.json()).toEqual({ response_action: "errors", errors: { note: "Write a note first." } });
    expect(await countCheckIns()).toBe(0);

    const ok = await slack.submitView("UANA", {
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: { note: { note_input: { type: "plain_text_input", value: "Renewal in May" } } },
    });
    expect(ok.status).toBe(200);
    expect(ok.text).toBe("");
    await slack.fake.waitFor("chat.update");
    const [logged] = await t.db.select().from(checkins);
    expect(logged!.note).toBe("Renewal in May");
  });

  it("Promise follow-up opens a modal with a date-time picker; a past date is refused on the field", async () => {
    await slack.action("UANA", {
      actionId: "pick_more",
      selectedValue: `promise:${anaNudge.pickIds[0]}`,
      message: anaNudge.message,
    });
    const [opened] = await slack.fake.waitFor("views.open");
    const view = opened!.body.view as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(view.blocks)).toContain("datetimepicker");
    const submit = (seconds: number, what: string) =>
      slack.submitView("UANA", {
        callbackId: view.callback_id,
        privateMetadata: view.private_metadata,
        values: {
          due: { due_input: { type: "datetimepicker", selected_date_time: seconds } },
          what: { what_input: { type: "plain_text_input", value: what } },
        },
      });
    const past = await submit(Math.floor(NOW.getTime() / 1000) - 3600, "Send figures");
    expect(past.json()).toMatchObject({
      response_action: "errors",
      errors: { due: expect.stringMatching(/passed/) },
    });
    const blank = await submit(Math.floor(NOW.getTime() / 1000) + 86_400, "");
    expect(blank.json()).toMatchObject({
      response_action: "errors",
      errors: { what: "Say what you promised." },
    });
    expect(await t.db.select().from(promises)).toEqual([]);

    const due = Math.floor(NOW.getTime() / 1000) + 2 * 86_400;
    expect((await submit(due, "Send the Q3 figures")).status).toBe(200);
    const saved = await t.db.select().from(promises).orderBy(asc(promises.id));
    expect(saved.map((p) => [p.what, p.dueAt.getTime() / 1000, p.repId])).toEqual([
      ["Send the Q3 figures", due, ana.id],
    ]);
  });

  it("a forged modal submission for another rep's pick is refused on the field", async () => {
    const res = await slack.submitView("UANA", {
      callbackId: "pick_note_modal",
      privateMetadata: JSON.stringify({ pickId: benNudge.pickIds[0] }),
      values: { note: { note_input: { type: "plain_text_input", value: "mine now" } } },
    });
    expect(res.json()).toMatchObject({
      response_action: "errors",
      errors: { note: expect.stringMatching(/someone else/) },
    });
    expect(await countCheckIns()).toBe(0);
  });

  it("opening the App Home shows today's picks, open promises and coverage", async () => {
    expect((await slack.homeOpened("UANA")).status).toBe(200);
    const [published] = await slack.fake.waitFor("views.publish");
    expect(published!.body.user_id).toBe("UANA");
    const text = visibleText(published!.body.view as Record<string, unknown>);
    expect(text).toContain("Acme");
    expect(text).toContain("Open promises");
    expect(text).toContain("coverage");
  });

  it("a click on the App Home logs the contact and publishes the home again, showing it done", async () => {
    await slack.action("UANA", { actionId: "pick_email", value: String(anaNudge.pickIds[0]) });
    const [published] = await slack.fake.waitFor("views.publish");
    expect(visibleText(published!.body.view as Record<string, unknown>)).toContain("Emailed by Ana");
    // The nudge message in the DM is updated too, through the reference saved when it was sent.
    const [update] = await slack.fake.waitFor("chat.update");
    expect(update!.body).toMatchObject(anaNudge.message);
    expect(await countCheckIns()).toBe(1);
  });

  it("a Slack user who is no rep sees on App Home how to get set up", async () => {
    slack.fake.addUser({ id: "UNEW", email: "new@example.test" });
    await slack.homeOpened("UNEW");
    const [published] = await slack.fake.waitFor("views.publish");
    expect(visibleText(published!.body.view as Record<string, unknown>)).toContain("retention import");
  });
});
