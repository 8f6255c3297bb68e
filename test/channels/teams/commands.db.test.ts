import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { accounts, checkins, departures, promises, reps, snoozes } from "../../../src/storage/schema.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { readCards } from "../../support/fake-bot-connector.js";
import { buildTeamsUser, type TeamsTestUser } from "../../support/teams-activities.js";
import { cardSchemaErrors } from "./card-schema.js";
import { startTeamsHarness, type TeamsHarness } from "./teams-harness.js";

const t = useTestDatabase();
const NOW = new Date("2026-03-03T10:00:00Z");
let h: TeamsHarness;

beforeEach(async () => {
  h = await startTeamsHarness(t.db, NOW);
});
afterEach(async () => {
  await h.close();
});

interface Person {
  user: TeamsTestUser;
  repId: number;
}

let userCount = 0;
async function person(name: string, role: "rep" | "manager" = "rep", managerId?: number): Promise<Person> {
  const user = buildTeamsUser(++userCount, name);
  const rep = await createRep(t.db, t.workspaceId, {
    name,
    role,
    timezone: "UTC",
    teamsUserId: user.aadObjectId,
    email: `${name.toLowerCase()}@example.test`,
    ...(managerId ? { managerId } : {}),
  });
  await h.post(h.activitiesFor(user).installationAdd());
  return { user, repId: rep.id };
}

/** Sends `text` as `who` and returns the text of the card the bot answered with. */
async function say(who: Person, text: string): Promise<string> {
  const before = h.connector.sent.length;
  const res = await h.post(h.activitiesFor(who.user).message(text));
  expect(res.status).toBe(200);
  const replies = h.connector.sent.slice(before);
  expect(replies).toHaveLength(1);
  const card = readCards(replies[0]!.activity)[0]!;
  expect(cardSchemaErrors(card)).toBe("");
  return JSON.stringify(card);
}

describe("commands as messages to the bot", () => {
  it("help lists the commands, with or without the word retention", async () => {
    const ana = await person("Ana");
    for (const text of ["help", "retention help", "/retention help"]) {
      const card = await say(ana, text);
      expect(card).toContain("today");
      expect(card).toContain("log");
    }
  });

  it("today shows my picks with the nudge's buttons; a click logs it and updates the morning message too", async () => {
    const bo = await person("Bo");
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: bo.repId,
      name: "Acme GmbH",
      annualRevenue: 500_000,
    });
    await runMorning(h.ctx, NOW);
    const nudgeActivityId = h.connector.sent.at(-1)!.id;

    const card = await say(bo, "today");
    const todayActivityId = h.connector.sent.at(-1)!.id;

    expect(card).toContain("Acme GmbH");
    const data = /"title":"Called","verb":"retention.pick","data":(\{[^}]*\})/.exec(card);
    expect(data).not.toBeNull();
    const res = await h.post(
      h.activitiesFor(bo.user).invoke(JSON.parse(data![1]!) as Record<string, unknown>, {
        replyToId: todayActivityId,
      }),
    );
    expect(JSON.stringify(res.body)).toContain("Called by Bo");
    expect(await t.db.select().from(checkins).where(eq(checkins.repId, bo.repId))).toHaveLength(1);
    const update = h.connector.updated.at(-1);
    expect(update?.activityId).toBe(nudgeActivityId);
    expect(JSON.stringify(update?.activity)).toContain("Called by Bo");
  });

  it("log records a contact now", async () => {
    const cy = await person("Cy");
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: cy.repId, name: "Acme GmbH" });

    const card = await say(cy, "log acme email sent the price list");

    expect(card).toContain("Acme GmbH");
    const [logged] = await t.db.select().from(checkins).where(eq(checkins.accountId, acme.id));
    expect(logged).toMatchObject({ channel: "email", source: "command", note: "sent the price list" });
  });

  it("snooze leaves an account out until the date", async () => {
    const dee = await person("Dee");
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: dee.repId, name: "Acme GmbH" });

    await say(dee, "snooze acme 2026-04-01");

    const [snooze] = await t.db.select().from(snoozes).where(eq(snoozes.accountId, acme.id));
    expect(snooze?.until).toBe("2026-04-01");
  });

  it("promise saves a follow-up commitment", async () => {
    const eve = await person("Eve");
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: eve.repId, name: "Acme GmbH" });

    await say(eve, "promise acme 2026-03-10 send the contract");

    const [saved] = await t.db.select().from(promises).where(eq(promises.accountId, acme.id));
    expect(saved?.what).toBe("send the contract");
  });

  it("account shows the account's value and tier", async () => {
    const fay = await person("Fay");
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: fay.repId,
      name: "Acme GmbH",
      annualRevenue: 750_000,
    });

    const card = await say(fay, "account acme");

    expect(card).toContain("Acme GmbH");
    expect(card).toMatch(/750/);
  });

  it("an ambiguous account name asks which, with buttons that re-run the command", async () => {
    const gil = await person("Gil");
    await createAccount(t.db, t.workspaceId, { ownerRepId: gil.repId, name: "Acme North" });
    await createAccount(t.db, t.workspaceId, { ownerRepId: gil.repId, name: "Acme South" });

    const card = await say(gil, "account acme");

    const data = /"verb":"retention.command","data":(\{[^}]*\})/.exec(card);
    expect(data).not.toBeNull();
    const res = await h.post(
      h.activitiesFor(gil.user).invoke(JSON.parse(data![1]!) as Record<string, unknown>),
    );
    const body = res.body as { type: string; value: unknown };
    expect(body.type).toBe("application/vnd.microsoft.card.adaptive");
    expect(JSON.stringify(body.value)).toContain("Acme North");
    expect(cardSchemaErrors(body.value)).toBe("");
  });

  it("lost moves an account to the departed folder, and won brings it back", async () => {
    const hal = await person("Hal");
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: hal.repId, name: "Acme GmbH" });

    await say(hal, "lost acme went with a cheaper supplier");
    const [gone] = await t.db.select().from(accounts).where(eq(accounts.id, acme.id));
    expect(gone?.status).toBe("lost");
    expect(await t.db.select().from(departures)).toHaveLength(1);

    await say(hal, "won acme");
    const [back] = await t.db.select().from(accounts).where(eq(accounts.id, acme.id));
    expect(back?.status).toBe("active");
  });

  it("report, neglected and departed answer a manager with tables", async () => {
    const boss = await person("Boss", "manager");
    const ivy = await person("Ivy", "rep", boss.repId);
    await createAccount(t.db, t.workspaceId, {
      ownerRepId: ivy.repId,
      name: "Acme GmbH",
      annualRevenue: 900_000,
    });

    expect(await say(boss, "report")).toContain("Ivy");
    expect(await say(boss, "neglected 5")).toContain("Acme GmbH");
    await say(boss, "departed");
  });

  it("a manager's command from a rep is refused with a clear message", async () => {
    const jo = await person("Jo");
    const card = await say(jo, "report");
    expect(card).toContain("That did not work");
    expect(card).toContain("for managers");
  });

  it("assign changes an account's owner", async () => {
    const boss = await person("Chief", "manager");
    const kim = await person("Kim", "rep", boss.repId);
    const lee = await person("Lee", "rep", boss.repId);
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: kim.repId, name: "Acme GmbH" });

    await say(boss, "assign acme lee@example.test");

    const [row] = await t.db.select().from(accounts).where(eq(accounts.id, acme.id));
    expect(row?.ownerRepId).toBe(lee.repId);
  });

  it("pause and settings change my own nudges", async () => {
    const max = await person("Max");

    await say(max, "pause me 2026-03-20");
    await say(max, "settings handful 3 hour 8");

    const [row] = await t.db.select().from(reps).where(eq(reps.id, max.repId));
    expect(row).toMatchObject({ pausedUntil: "2026-03-20", handful: 3, nudgeHour: 8 });
  });

  it("words the bot does not understand get a usage line", async () => {
    const ned = await person("Ned");
    const card = await say(ned, "fly me to the moon");
    expect(card).toContain("That did not work");
    expect(card.toLowerCase()).toContain("help");
  });

  it("a message Teams delivers twice runs once", async () => {
    const ola = await person("Ola");
    await createAccount(t.db, t.workspaceId, { ownerRepId: ola.repId, name: "Acme GmbH" });
    const message = h.activitiesFor(ola.user).message("log acme call");

    await h.post(message);
    await h.post(message);

    expect(await t.db.select().from(checkins).where(eq(checkins.repId, ola.repId))).toHaveLength(1);
  });

  it("a user nobody imported is told to ask an admin to import them", async () => {
    const stranger = buildTeamsUser(999, "Stranger");
    h.connector.members.set(stranger.id, { ...stranger, email: "stranger@example.test" });
    const a = h.activitiesFor(stranger);
    await h.post(a.installationAdd());
    const before = h.connector.sent.length;

    await h.post(a.message("today"));

    const card = JSON.stringify(readCards(h.connector.sent[before]!.activity)[0]);
    expect(card).toContain("ask an admin to import you");
  });
});
