import { PassThrough } from "node:stream";
import { sql } from "drizzle-orm";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportData } from "../../src/app/export/export-data.js";
import type { AppContext } from "../../src/app/ports.js";
import { activitiesRoutes } from "../../src/http/activities-route.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { queryRows } from "../../src/storage/database.js";
import { createAccount, createPromise, createRep } from "../support/builders.js";
import { useTestDatabase } from "../support/database.js";

const TOKEN = "test-token-0123456789";
const NOW = new Date("2026-03-10T15:00:00Z");

describe("POST /api/activities", () => {
  const t = useTestDatabase();
  let http: HttpServer;
  let base: string;

  beforeEach(async () => {
    const ctx: AppContext = { db: t.db, clock: () => NOW, logger: pino({ level: "silent" }), channels: [] };
    http = createHttpServer(activitiesRoutes(ctx, TOKEN), pino({ level: "silent" }));
    base = `http://127.0.0.1:${await http.listen(0, "127.0.0.1")}/api/activities`;
  });
  afterEach(async () => {
    await http.close();
  });

  const post = (body: unknown, token: string | null = TOKEN) =>
    fetch(base, {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(token === null ? {} : { authorization: `Bearer ${token}` }),
      },
      body: typeof body === "string" ? body : JSON.stringify(body),
    });

  async function seed() {
    const ana = await createRep(t.db, t.workspaceId, { email: "ana@example.com", name: "Ana" });
    const acme = await createAccount(t.db, t.workspaceId, {
      externalId: "ACME",
      name: "Acme",
      ownerRepId: ana.id,
      lastContactAt: new Date("2026-01-01T10:00:00Z"),
    });
    return { ana, acme };
  }

  const call = (id: string, extra: Record<string, unknown> = {}) => ({
    source: "hubspot",
    external_id: id,
    account_external_id: "ACME",
    rep_email: "ana@example.com",
    kind: "call",
    at: "2026-03-10T10:42:00+01:00",
    ...extra,
  });

  const count = async (table: string) =>
    (await queryRows<{ n: number }>(t.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]?.n;

  it("when the token is missing or wrong, answers 401 and writes nothing", async () => {
    await seed();
    const missing = await post(call("c1"), null);
    expect(missing.status).toBe(401);
    expect(await missing.json()).toMatchObject({ code: "UNAUTHORIZED" });
    expect((await post(call("c1"), "wrong-token-0123456789")).status).toBe(401);
    expect(await count("checkins")).toBe(0);
  });

  it("when no token is configured, the route does not exist", () => {
    expect(activitiesRoutes({} as AppContext, undefined)).toEqual([]);
  });

  it("a call restarts the account's cadence, keeps the rep's promise due that day, and is shown as from the api", async () => {
    const { ana, acme } = await seed();
    await createPromise(t.db, t.workspaceId, {
      accountId: acme.id,
      repId: ana.id,
      what: "send the price list",
      dueAt: new Date("2026-03-10T16:00:00Z"),
    });
    const res = await post(call("c1", { summary: "talked renewal" }));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ inserted: 1, already_known: 0 });
    const [account] = await queryRows<{ last_contact_at: Date; last_channel: string; last_note: string }>(
      t.db,
      sql`select last_contact_at, last_channel, last_note from accounts where id = ${acme.id}`,
    );
    expect(new Date(account!.last_contact_at).toISOString()).toBe("2026-03-10T09:42:00.000Z");
    expect(account).toMatchObject({ last_channel: "call", last_note: "talked renewal" });
    const [checkin] = await queryRows(t.db, sql`select source, origin, rep_id from checkins`);
    expect(checkin).toEqual({ source: "api", origin: "hubspot", rep_id: ana.id });
    const [promise] = await queryRows(t.db, sql`select status from promises`);
    expect(promise).toEqual({ status: "kept" });
  });

  it("a contact from the api is exported with its source and origin, and imports back as is", async () => {
    await seed();
    await post(call("c1"));
    const chunks: string[] = [];
    const out = new PassThrough();
    out.on("data", (c: Buffer) => chunks.push(c.toString()));
    await exportData(t.db, t.workspaceId, "checkins", { format: "json" }, out);
    expect(JSON.parse(chunks.join(""))).toEqual([
      expect.objectContaining({
        account_external_id: "ACME",
        channel: "call",
        source: "api",
        origin: "hubspot",
      }),
    ]);
  });

  it("a replayed batch is counted once", async () => {
    await seed();
    const batch = { activities: [call("c1"), call("c2", { kind: "email" })] };
    expect(await (await post(batch)).json()).toEqual({ inserted: 2, already_known: 0 });
    expect(await (await post(batch)).json()).toEqual({ inserted: 0, already_known: 2 });
    expect(await count("checkins")).toBe(2);
    expect(await count("activities")).toBe(2);
  });

  it("a meeting counts as the relationship review; an order moves the last order and is no contact", async () => {
    const { acme } = await seed();
    const res = await post({
      activities: [
        call("m1", { kind: "meeting", at: "2026-03-09T09:00:00Z" }),
        call("o1", { kind: "order", at: "2026-03-08T23:30:00-05:00", rep_email: undefined }),
      ],
    });
    expect(res.status).toBe(200);
    const [account] = await queryRows<{ last_review_at: Date; last_order_at: string }>(
      t.db,
      sql`select last_review_at, last_order_at::text from accounts where id = ${acme.id}`,
    );
    expect(new Date(account!.last_review_at).toISOString()).toBe("2026-03-09T09:00:00.000Z");
    expect(account!.last_order_at).toBe("2026-03-08");
    expect(await count("checkins")).toBe(1);
  });

  it("a call with a lost account by someone else than its owner is its exit interview; the owner's is a win-back try", async () => {
    const { ana, acme } = await seed();
    const bo = await createRep(t.db, t.workspaceId, { email: "bo@example.com", name: "Bo" });
    await t.db.execute(sql`update accounts set status = 'lost' where id = ${acme.id}`);
    await t.db.execute(
      sql`insert into departures (workspace_id, account_id, reason, lost_on, exit_interview_rep_id)
          values (${t.workspaceId}, ${acme.id}, 'price', '2026-03-01', ${bo.id})`,
    );

    const res = await post({
      activities: [
        call("x1", { rep_email: "bo@example.com", summary: "went for a cheaper offer" }),
        call("x2", { at: "2026-03-10T11:00:00+01:00" }),
      ],
    });

    expect(res.status).toBe(200);
    const [departure] = await queryRows<{
      exit_interview_at: Date;
      exit_interview_note: string;
      last_win_back_at: Date;
    }>(
      t.db,
      sql`select exit_interview_at, exit_interview_note, last_win_back_at from departures where account_id = ${acme.id}`,
    );
    expect(new Date(departure!.exit_interview_at).toISOString()).toBe("2026-03-10T09:42:00.000Z");
    expect(departure!.exit_interview_note).toBe("went for a cheaper offer");
    expect(new Date(departure!.last_win_back_at).toISOString()).toBe("2026-03-10T10:00:00.000Z");
    expect(ana.id).not.toBe(bo.id);
  });

  it("a batch with a bad item answers 400 naming each problem by index and field, and writes nothing", async () => {
    await seed();
    const res = await post({
      activities: [
        call("c1"),
        call("c2", { kind: "fax" }),
        call("c3", { at: "2026-03-10" }),
        call("c4", { account_external_id: "NOPE" }),
        call("c5", { at: "2026-03-10T15:30:00Z" }),
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { code: string; problems: { index: number; field: string }[] };
    expect(body.code).toBe("INVALID");
    expect(body.problems.map((p) => [p.index, p.field])).toEqual([
      [1, "kind"],
      [2, "at"],
      [4, "at"],
    ]);
    expect(await count("checkins")).toBe(0);
    expect(await count("activities")).toBe(0);
  });

  it("an activity for an unknown account or rep is refused with its reason, and nothing is written", async () => {
    await seed();
    const res = await post({
      activities: [
        call("c1"),
        call("c2", { account_external_id: "NOPE" }),
        call("c3", { rep_email: "x@y.io" }),
      ],
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { problems: { index: number; field: string; reason: string }[] };
    expect(body.problems).toEqual([
      { index: 1, field: "account_external_id", reason: expect.stringContaining("NOPE") },
      { index: 2, field: "rep_email", reason: expect.stringContaining("x@y.io") },
    ]);
    expect(await count("activities")).toBe(0);
  });

  it("refuses a body that is no JSON, an empty batch, and more than 1,000 activities", async () => {
    await seed();
    expect((await post("{not json")).status).toBe(400);
    expect((await post({ activities: [] })).status).toBe(400);
    const many = Array.from({ length: 1001 }, (_, i) => call(`c${i}`));
    expect((await post({ activities: many })).status).toBe(400);
    expect((await post([call("c1")])).status).toBe(400);
    expect(await count("activities")).toBe(0);
  });
});
