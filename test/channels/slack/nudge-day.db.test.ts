import { asc, eq, sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { queryRows } from "../../../src/storage/database.js";
import { checkins, nudges, reps } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { elementsOf, type SlackHarness, startSlackHarness, visibleText } from "./slack-harness.js";

/** Waits until `probe` returns a value (vi.waitFor polls it, bounded: 5 s). */
function eventually<T>(probe: () => T | undefined): Promise<T> {
  return vi.waitFor(
    () => {
      const value = probe();
      if (value === undefined) throw new Error("the expected state never came");
      return value;
    },
    { timeout: 5_000, interval: 20 },
  );
}

// A Tuesday, just after the default 09:00 nudge hour in the default (UTC) zone.
const MORNING = new Date("2026-03-10T09:05:00Z");

describe("a rep's day with the Slack nudge", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, MORNING);
  });

  afterEach(async () => {
    await slack.close();
  });

  async function bookOfThree() {
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", email: "ana@example.test" });
    slack.fake.addUser({ id: "UANA", email: "Ana@Example.test" });
    for (const [name, revenue] of [
      ["Acme", 900_000],
      ["Globex", 500_000],
      ["Initech", 300_000],
    ] as const) {
      await createAccount(t.db, t.workspaceId, {
        ownerRepId: ana.id,
        name,
        annualRevenue: revenue,
        contactName: `${name} buyer`,
      });
    }
    return ana;
  }

  it("the morning run DMs the nudge; three clicks log three contacts and update the message in place", async () => {
    const ana = await bookOfThree();

    const summary = await runMorning(slack.ctx, MORNING);
    expect(summary.sent).toBe(1);
    const [posted] = await slack.fake.waitFor("chat.postMessage");
    // Found by email once, then remembered.
    expect(slack.fake.callsOf("users.lookupByEmail")).toHaveLength(1);
    const [rep] = await t.db.select().from(reps).where(eq(reps.id, ana.id));
    expect(rep!.slackUserId).toBe("UANA");
    expect(posted!.body.channel).toBe("UANA");
    const text = visibleText(posted!.body);
    expect(text).toContain("Your customers for Tuesday 10 March 2026");
    for (const name of ["Acme", "Globex", "Initech"]) expect(text).toContain(name);
    expect(text).toContain("Acme buyer");

    const [nudge] = await t.db.select().from(nudges);
    expect(nudge!.status).toBe("sent");
    const ref = nudge!.messageRef!;
    const buttons = elementsOf(posted!.body.blocks);
    const called = buttons.filter((b) => b.action_id === "pick_call").map((b) => b.value!);
    const emailed = buttons.filter((b) => b.action_id === "pick_email").map((b) => b.value!);
    const met = buttons.filter((b) => b.action_id === "pick_meet").map((b) => b.value!);
    expect(called).toHaveLength(3);

    const message = { channel: ref.channel!, ts: ref.ts! };
    const clicks = [
      { actionId: "pick_call", value: called[0]! },
      { actionId: "pick_email", value: emailed[1]! },
      { actionId: "pick_meet", value: met[2]! },
    ];
    for (const click of clicks) {
      const res = await slack.action("UANA", { ...click, message, responseUrl: slack.fake.responseUrl() });
      expect(res.status).toBe(200);
    }
    // Renders of one nudge never race: the last one sent shows every click.
    await slack.fake.waitFor("chat.update");
    const last = await eventually(() => {
      const updates = slack.fake.callsOf("chat.update");
      const latest = updates[updates.length - 1]!;
      return visibleText(latest.body).includes("All done for today") ? latest : undefined;
    });
    expect(last.body).toMatchObject({ channel: ref.channel, ts: ref.ts });
    const shown = visibleText(last.body);
    expect(shown).toContain("Called by Ana");
    expect(shown).toContain("Emailed by Ana");
    expect(shown).toContain("Met by Ana");
    expect(shown).toContain("All done for today");
    expect(elementsOf(last.body.blocks).map((e) => e.action_id)).toEqual([
      "pick_undo",
      "pick_undo",
      "pick_undo",
    ]);

    // Clicks are acknowledged at once and worked concurrently, so they may be logged in any order.
    const logged = await t.db.select().from(checkins).orderBy(asc(checkins.channel));
    expect(logged.map((c) => [c.channel, c.source, c.repId])).toEqual([
      ["call", "nudge", ana.id],
      ["email", "nudge", ana.id],
      ["meeting", "nudge", ana.id],
    ]);
  });

  it("when Slack answers 429 during the morning run, the same pass waits the Retry-After and sends the nudge once", async () => {
    await bookOfThree();
    slack.fake.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 1 });

    const started = performance.now();
    const first = await runMorning(slack.ctx, MORNING);
    expect(first).toMatchObject({ sent: 1, retried: 0, failed: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    const [sent] = await t.db.select().from(nudges);
    expect(sent!.status).toBe("sent");
    expect(slack.fake.callsOf("chat.postMessage")).toHaveLength(2);
  });

  it("a Retry-After longer than a pass waits leaves the nudge to a later pass, not lost", async () => {
    await bookOfThree();
    slack.fake.failNext("chat.postMessage", { status: 429, retryAfterSeconds: 30 });

    const first = await runMorning(slack.ctx, MORNING, { maxRateLimitPauseMs: 5_000 });
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    const [waiting] = await t.db.select().from(nudges);
    expect(waiting!.status).toBe("claimed");
    expect(waiting!.lastError).toMatch(/429|rate/i);
    expect(waiting!.nextAttemptAt!.getTime()).toBeGreaterThanOrEqual(MORNING.getTime() + 30_000);

    const later = new Date(MORNING.getTime() + 31_000);
    slack.setNow(later);
    const second = await runMorning(slack.ctx, later);
    expect(second.sent).toBe(1);
    expect(slack.fake.callsOf("chat.postMessage")).toHaveLength(2);
  });

  it("when no Slack user has the rep's email, the nudge is recorded as failed with a reason to act on", async () => {
    await createRep(t.db, t.workspaceId, { email: "ghost@example.test" }).then((ghost) =>
      createAccount(t.db, t.workspaceId, { ownerRepId: ghost.id }),
    );
    const summary = await runMorning(slack.ctx, MORNING);
    expect(summary.failed).toBe(1);
    const [failed] = await t.db.select().from(nudges);
    expect(failed!.status).toBe("failed");
    expect(failed!.lastError).toContain("ghost@example.test");
    expect(slack.fake.callsOf("chat.postMessage")).toHaveLength(0);
  });

  it("when Slack answers 500, the nudge waits for a retry with backoff", async () => {
    await bookOfThree();
    slack.fake.failNext("chat.postMessage", { status: 500 }, 2);
    const summary = await runMorning(slack.ctx, MORNING);
    expect(summary.retried).toBe(1);
    const [rows] = await queryRows<{ status: string }>(t.db, sql`select status from nudges`);
    expect(rows!.status).toBe("claimed");
  });
});
