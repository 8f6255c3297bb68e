import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { loadNudgeView } from "../../../src/app/nudges/nudge-view.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { checkins, nudges, picks, promises, reps } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser, type TeamsTestUser } from "../../support/teams-activities.js";
import { cardSchemaErrors } from "./card-schema.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
/** Tuesday 3 March 2026, 09:05 in UTC: the reps' nudge hour has come. */
const MORNING = new Date("2026-03-03T09:05:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, MORNING);
});
afterEach(async () => {
  await h.close();
});

/** A rep with three accounts due, who installed the app and got this morning's nudge. */
async function repWithNudge(n: number, name: string) {
  const user = buildTeamsUser(n, name);
  const rep = await createRep(t.db, t.workspaceId, { name, timezone: "UTC", teamsUserId: user.aadObjectId });
  for (const revenue of [900_000, 500_000, 100_000]) {
    await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id, annualRevenue: revenue });
  }
  await h.post(h.activitiesFor(user).installationAdd());
  return { user, rep };
}

function lastCard(): Record<string, unknown> {
  const cards = h.connector.sentCards();
  return cards[cards.length - 1]!;
}

/** The Action.Execute buttons of a card, with their data. */
function buttons(card: unknown): { title: string; data: Record<string, unknown> }[] {
  const out: { title: string; data: Record<string, unknown> }[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === "object") {
      const o = node as CardElement;
      if (o.type === "Action.Execute")
        out.push({ title: String(o.title), data: o.data as Record<string, unknown> });
      for (const [k, v] of Object.entries(o)) if (k !== "fallback") visit(v);
    }
  };
  visit(card);
  return out;
}

function button(card: unknown, title: string, nth = 0) {
  const found = buttons(card).filter((b) => b.title === title)[nth];
  if (!found) throw new Error(`no "${title}" button`);
  return found;
}

async function click(user: TeamsTestUser, data: Record<string, unknown>, id?: string) {
  const activity = h.activitiesFor(user).invoke(data, id ? { id } : {});
  return { activity, ...(await h.post(activity)) };
}

describe("the morning nudge in Teams", () => {
  it("goes out as an Adaptive Card to the rep's stored conversation, and is remembered for updates", async () => {
    const { user, rep } = await repWithNudge(1, "Ana");

    const summary = await runMorning(h.ctx, MORNING);

    expect(summary.sent).toBe(1);
    const send = h.connector.sent.at(-1)!;
    expect(send.conversationId).toBe(`a:personal-${user.id}`);
    const card = readCards(send.activity)[0]!;
    expect(cardSchemaErrors(card)).toBe("");
    expect(JSON.stringify(card)).toContain("Your customers for Tuesday 3 March");
    expect(buttons(card).filter((b) => b.title === "Called")).toHaveLength(3);
    const [row] = await t.db.select().from(nudges).where(eq(nudges.repId, rep.id));
    expect(row?.messageRef).toEqual({
      platform: "teams",
      conversationId: send.conversationId,
      activityId: send.id,
    });
  });

  it("when the rep clicks Called, the check-in is logged and the invoke answers with the updated card", async () => {
    const { user, rep } = await repWithNudge(2, "Bo");
    await runMorning(h.ctx, MORNING);
    const called = button(lastCard(), "Called");

    const res = await click(user, called.data);

    expect(res.status).toBe(200);
    const body = res.body as { statusCode: number; type: string; value: Record<string, unknown> };
    expect(body.statusCode).toBe(200);
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(cardSchemaErrors(body.value)).toBe("");
    expect(JSON.stringify(body.value)).toContain("Called by Bo");
    expect(buttons(body.value).filter((b) => b.title === "Called")).toHaveLength(2);
    const logged = await t.db.select().from(checkins).where(eq(checkins.repId, rep.id));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ channel: "call", source: "nudge", pickId: called.data.pickId });
  });

  it("when Teams delivers the same click twice, one check-in is logged", async () => {
    const { user, rep } = await repWithNudge(3, "Cy");
    await runMorning(h.ctx, MORNING);
    const emailed = button(lastCard(), "Emailed");

    const first = await click(user, emailed.data, "f:same-activity");
    const second = await click(user, emailed.data, "f:same-activity");

    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    expect(await t.db.select().from(checkins).where(eq(checkins.repId, rep.id))).toHaveLength(1);
  });

  it("a click on another rep's pick is refused with a message, and nothing changes", async () => {
    const { rep: owner } = await repWithNudge(4, "Dee");
    const { user: intruder } = await repWithNudge(5, "Eve");
    await runMorning(h.ctx, MORNING);
    const [ownersPick] = await t.db
      .select({ id: picks.id })
      .from(picks)
      .innerJoin(nudges, eq(nudges.id, picks.nudgeId))
      .where(eq(nudges.repId, owner.id));
    const sentBefore = h.connector.sent.length;

    const res = await click(intruder, { rb: "retention.pick", pickId: ownersPick!.id, action: "call" });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: "application/vnd.microsoft.activity.message" });
    expect(JSON.stringify(res.body)).toContain("someone else's");
    expect(h.connector.sent).toHaveLength(sentBefore + 1);
    expect(JSON.stringify(lastCard())).toContain("someone else's");
    expect(await t.db.select().from(checkins)).toHaveLength(0);
    const [pick] = await t.db.select().from(picks).where(eq(picks.id, ownersPick!.id));
    expect(pick?.status).toBe("open");
  });

  it("a button this app does not know is answered 400 and changes nothing", async () => {
    const { user } = await repWithNudge(6, "Fay");
    await runMorning(h.ctx, MORNING);

    const res = await click(user, { rb: "retention.pick", pickId: "drop table", action: "call" });

    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ type: "application/vnd.microsoft.activity.message" });
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it("a promise from the card's form is saved with its date and time in the rep's zone", async () => {
    const { user, rep } = await repWithNudge(7, "Gil");
    await runMorning(h.ctx, MORNING);
    const save = button(lastCard(), "Save promise");
    const pickId = save.data.pickId as number;

    const res = await click(user, {
      ...save.data,
      [`what-${pickId}`]: "Send the revised quote",
      [`date-${pickId}`]: "2026-03-05",
      [`time-${pickId}`]: "16:30",
    });

    expect(res.status).toBe(200);
    const [saved] = await t.db.select().from(promises).where(eq(promises.repId, rep.id));
    expect(saved).toMatchObject({ what: "Send the revised quote", dueAt: new Date("2026-03-05T16:30:00Z") });
  });

  it("a note with no text is refused with a message saying what to do", async () => {
    const { user } = await repWithNudge(8, "Hal");
    await runMorning(h.ctx, MORNING);

    const res = await click(user, button(lastCard(), "Save note").data);

    expect(JSON.stringify(res.body)).toContain("Write a note");
    expect(await t.db.select().from(checkins)).toHaveLength(0);
  });

  it("on a client that only knows Action.Submit, the click arrives as a message and the card is updated", async () => {
    const { user, rep } = await repWithNudge(9, "Ivy");
    await runMorning(h.ctx, MORNING);
    const nudgeActivityId = h.connector.sent.at(-1)!.id;
    const met = button(lastCard(), "Met");

    const res = await h.post(h.activitiesFor(user).submit(met.data, nudgeActivityId));

    expect(res.status).toBe(200);
    const update = h.connector.updated.at(-1)!;
    expect(update.activityId).toBe(nudgeActivityId);
    expect(JSON.stringify(readCards(update.activity)[0])).toContain("Met by Ivy");
    expect(await t.db.select().from(checkins).where(eq(checkins.repId, rep.id))).toHaveLength(1);
  });
});

describe("Teams throttling during the morning run", () => {
  it("a 429 pauses Teams for its Retry-After and the same pass sends the nudge, once", async () => {
    const { rep } = await repWithNudge(10, "Jo");
    h.connector.failNext({ status: 429, headers: { "retry-after": "1" } });
    const posts = () =>
      h.connector.requests.filter((r) => r.startsWith("POST ") && r.includes("/activities")).length;
    const sendsBefore = posts();

    const started = performance.now();
    const first = await runMorning(h.ctx, MORNING);

    expect(first).toMatchObject({ sent: 1, retried: 0 });
    expect(performance.now() - started).toBeGreaterThanOrEqual(950);
    // botbuilder's own retry policy is off: the 429, then our one send after the pause.
    expect(posts()).toBe(sendsBefore + 2);
    const [sent] = await t.db.select().from(nudges).where(eq(nudges.repId, rep.id));
    expect(sent?.status).toBe("sent");
  });

  it("a Retry-After longer than a pass waits leaves the nudge to a later pass, not lost", async () => {
    const { rep } = await repWithNudge(11, "Kim");
    h.connector.failNext({ status: 429, headers: { "retry-after": "7" } });

    const first = await runMorning(h.ctx, MORNING, { maxRateLimitPauseMs: 1_000 });
    expect(first).toMatchObject({ sent: 0, retried: 1 });
    const [pending] = await t.db.select().from(nudges).where(eq(nudges.repId, rep.id));
    expect(pending?.lastError).toContain("429");
    expect(pending!.nextAttemptAt!.getTime() - MORNING.getTime()).toBeGreaterThanOrEqual(7_000);

    const later = new Date(pending!.nextAttemptAt!.getTime() + 1_000);
    h.setNow(later);
    expect((await runMorning(h.ctx, later)).sent).toBe(1);
  });

  it("a rep who never installed the app is recorded as failed, not retried", async () => {
    const rep = await createRep(t.db, t.workspaceId, { timezone: "UTC", teamsUserId: "aad-never-installed" });
    await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id });

    const summary = await runMorning(h.ctx, MORNING);

    expect(summary.failed).toBe(1);
    const [row] = await t.db.select().from(nudges).where(eq(nudges.repId, rep.id));
    expect(row?.status).toBe("failed");
  });
});

describe("the Teams channel beyond the morning send", () => {
  it("Not my account tells the rep's manager in Teams", async () => {
    const bossUser = buildTeamsUser(20, "Boss");
    const boss = await createRep(t.db, t.workspaceId, {
      name: "Boss",
      role: "manager",
      timezone: "UTC",
      teamsUserId: bossUser.aadObjectId,
    });
    await h.post(h.activitiesFor(bossUser).installationAdd());
    const { user, rep } = await repWithNudge(21, "Kai");
    await t.db.update(reps).set({ managerId: boss.id }).where(eq(reps.id, rep.id));
    await runMorning(h.ctx, MORNING);

    const res = await click(user, button(lastCard(), "Not my account").data);

    expect(JSON.stringify(res.body)).toContain("Not my account");
    const toBoss = h.connector.sent.filter((s) => s.conversationId === `a:personal-${bossUser.id}`).at(-1);
    expect(JSON.stringify(toBoss?.activity)).toContain("Kai");
    expect(cardSchemaErrors(readCards(toBoss!.activity)[0])).toBe("");
  });

  it("updateNudge replaces the sent card in place", async () => {
    const { rep } = await repWithNudge(22, "Lu");
    await runMorning(h.ctx, MORNING);
    const [row] = await t.db.select().from(nudges).where(eq(nudges.repId, rep.id));
    const view = await loadNudgeView(t.db, row!.id, MORNING);

    await h.channel.updateNudge(row!.messageRef!, view!);

    expect(h.connector.updated.at(-1)).toMatchObject({ activityId: row!.messageRef!.activityId });
  });
});
