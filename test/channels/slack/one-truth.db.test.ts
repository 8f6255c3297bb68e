import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { refreshExpiredUndos } from "../../../src/app/nudges/refresh-nudges.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { elementsOf, type SlackHarness, startSlackHarness, visibleText } from "./slack-harness.js";

// A Tuesday, just after the default 09:00 nudge hour in the default (UTC) zone.
const MORNING = new Date("2026-03-10T09:05:00Z");

describe("every copy of a Slack nudge shows the pick as it is now", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, MORNING);
  });
  afterEach(async () => {
    await slack.close();
  });

  async function morningWithHorizon() {
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", email: "ana@example.test" });
    slack.fake.addUser({ id: "UANA", email: "ana@example.test" });
    await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Horizon", annualRevenue: 900_000 });
    expect((await runMorning(slack.ctx, MORNING)).sent).toBe(1);
    const [posted] = await slack.fake.waitFor("chat.postMessage");
    const [nudge] = await t.db.select().from(nudges);
    const ref = nudge?.messageRef ?? {};
    return { posted, message: { channel: ref.channel ?? "", ts: ref.ts ?? "" } };
  }

  it("a typed `/retention log Horizon call` updates the morning message: done, no buttons", async () => {
    const { message } = await morningWithHorizon();
    const { res } = await slack.command("UANA", "log Horizon call");
    expect(res.status).toBe(200);
    const [update] = await slack.fake.waitFor("chat.update");
    expect(update?.body).toMatchObject(message);
    const shown = visibleText(update?.body ?? {});
    expect(shown).toContain("All done for today");
    expect(shown).not.toContain("1 to contact today");
    expect(elementsOf(update?.body.blocks).map((e) => e.action_id)).toEqual(["pick_undo"]);
  });

  it("a typed `/retention snooze Horizon 14` snoozes today's pick and updates the message: Snoozed, Undo only", async () => {
    const { message } = await morningWithHorizon();
    await slack.command("UANA", "snooze Horizon 14");
    const [update] = await slack.fake.waitFor("chat.update");
    expect(update?.body).toMatchObject(message);
    const shown = visibleText(update?.body ?? {});
    expect(shown).toContain("All done for today");
    expect(shown).toMatch(/Snoozed by Ana/);
    expect(elementsOf(update?.body.blocks).map((e) => e.action_id)).toEqual(["pick_undo"]);
    const [pick] = await t.db.select().from(picks);
    expect(pick?.status).toBe("snoozed");
  });

  it("a typed `lost` sets today's pick aside (no buttons), and `won` the same day offers it again", async () => {
    const { message } = await morningWithHorizon();
    await slack.command("UANA", "lost Horizon price");
    const [lost] = await slack.fake.waitFor("chat.update");
    expect(lost?.body).toMatchObject(message);
    expect(visibleText(lost?.body ?? {})).toMatch(/Marked lost by Ana/);
    expect(elementsOf(lost?.body.blocks).map((e) => e.action_id)).toEqual([]);

    await slack.command("UANA", "won Horizon");
    await vi.waitFor(() => expect(slack.fake.callsOf("chat.update").length).toBe(2));
    const won = slack.fake.callsOf("chat.update")[1];
    expect(visibleText(won?.body ?? {})).toContain("1 customer to contact today");
    expect(elementsOf(won?.body.blocks).map((e) => e.action_id)).toContain("pick_call");
  });

  it("Called on a stale copy of a snoozed pick keeps the snooze and redraws the copy as it is now", async () => {
    const { posted, message } = await morningWithHorizon();
    const buttons = elementsOf(posted?.body.blocks);
    const value = (id: string) => buttons.find((b) => b.action_id === id)?.value ?? "";
    // The first click snoozes from the overflow menu; the copy in hand still shows Called.
    const pickId = Number(value("pick_call"));
    await slack.action("UANA", { actionId: "pick_more", selectedValue: `snooze_week:${pickId}`, message });
    await slack.settled();
    const [pick] = await t.db.select().from(picks);
    expect(pick?.status).toBe("snoozed");

    const before = slack.fake.callsOf("chat.update").length;
    const responseUrl = slack.fake.responseUrl();
    await slack.action("UANA", { actionId: "pick_call", value: value("pick_call"), message, responseUrl });
    await slack.settled();
    const [after] = await t.db
      .select()
      .from(picks)
      .where(eq(picks.id, pick?.id ?? -1));
    expect(after?.status).toBe("snoozed");
    const updates = slack.fake.callsOf("chat.update");
    expect(updates.length).toBeGreaterThan(before);
    const shown = visibleText(updates[updates.length - 1]?.body ?? {});
    expect(shown).toMatch(/Snoozed/i);
    const [told] = await slack.responsesTo(responseUrl);
    expect(visibleText(told ?? {})).toContain("ALREADY_DONE");
  });

  it("Called on a stale `/retention today` answer (ephemeral) is refused and replaces it with the current picks", async () => {
    const { posted, message } = await morningWithHorizon();
    const call = elementsOf(posted?.body.blocks).find((b) => b.action_id === "pick_call")?.value ?? "";
    // The ephemeral answer sits in the same DM, with a timestamp of its own.
    const answerMessage = { channel: message.channel, ts: "1773133600.000200" };
    await slack.command("UANA", "snooze Horizon 14");
    await slack.fake.waitFor("chat.update");

    const responseUrl = slack.fake.responseUrl();
    await slack.action("UANA", {
      actionId: "pick_call",
      value: call,
      message: answerMessage,
      ephemeral: true,
      responseUrl,
    });
    await slack.settled();

    const [answer] = await slack.responsesTo(responseUrl);
    expect(answer).toMatchObject({ response_type: "ephemeral", replace_original: true });
    const shown = visibleText(answer ?? {});
    expect(shown).toContain("Snoozed by Ana");
    expect(shown).toContain("ALREADY_DONE");
    expect(elementsOf((answer as { blocks?: unknown[] }).blocks).map((e) => e.action_id)).not.toContain(
      "pick_call",
    );
  });

  it("Undo disappears from the message when its five minutes are up", async () => {
    const { posted, message } = await morningWithHorizon();
    const call = elementsOf(posted?.body.blocks).find((b) => b.action_id === "pick_call")?.value ?? "";
    await slack.action("UANA", { actionId: "pick_call", value: call, message });
    await slack.settled();
    const clicked = slack.fake.callsOf("chat.update");
    expect(elementsOf(clicked[clicked.length - 1]?.body.blocks).map((e) => e.action_id)).toEqual([
      "pick_undo",
    ]);

    // The minute tick before the five minutes were up, and the one after.
    const lastTick = new Date(MORNING.getTime() + 4.5 * 60_000);
    slack.setNow(new Date(lastTick.getTime() + 60_000));
    expect(await refreshExpiredUndos(slack.ctx, lastTick)).toBe(1);
    const updates = slack.fake.callsOf("chat.update");
    const latest = updates[updates.length - 1];
    expect(latest?.body).toMatchObject(message);
    expect(elementsOf(latest?.body.blocks).map((e) => e.action_id)).toEqual([]);
    expect(visibleText(latest?.body ?? {})).toContain("Called by Ana");
  });
});
