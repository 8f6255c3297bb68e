import pg from "pg";
import { pino } from "pino";
import { afterEach, describe, expect, it } from "vitest";
import { healthRoute } from "../../src/http/health.js";
import { createHttpServer, type HttpServer } from "../../src/http/server.js";
import { onPostgres, openTestDatabase } from "../support/database.js";

describe("GET /healthz", () => {
  let http: HttpServer | undefined;
  afterEach(async () => {
    await http?.close();
  });

  it("answers 200 with status ok when the database answers, and 503 once it is gone", async () => {
    const opened = await openTestDatabase();
    http = createHttpServer([healthRoute(opened.database)], pino({ level: "silent" }));
    const port = await http.listen(0, "127.0.0.1");

    const up = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(up.status).toBe(200);
    expect(await up.json()).toEqual({ status: "ok" });

    await opened.drop();
    const down = await fetch(`http://127.0.0.1:${port}/healthz`);
    expect(down.status).toBe(503);
    expect(await down.json()).toMatchObject({ status: "unavailable" });
  });

  it.runIf(onPostgres)("recovers by itself when the server drops every connection", async () => {
    const opened = await openTestDatabase();
    http = createHttpServer([healthRoute(opened.database)], pino({ level: "silent" }));
    const port = await http.listen(0, "127.0.0.1");
    expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);

    const name = new URL(opened.url!).pathname.slice(1);
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1", [name]);
    await admin.end();

    // The pool notices the dead connections and opens new ones; no restart needed.
    const statuses: number[] = [];
    for (let i = 0; i < 3; i++) statuses.push((await fetch(`http://127.0.0.1:${port}/healthz`)).status);
    expect(statuses.at(-1)).toBe(200);
    await opened.drop();
  });

  it("answers 404 for an unknown path and 405 for a wrong method", async () => {
    http = createHttpServer([healthRoute({ ping: async () => true })], pino({ level: "silent" }));
    const port = await http.listen(0, "127.0.0.1");
    expect((await fetch(`http://127.0.0.1:${port}/nope`)).status).toBe(404);
    expect((await fetch(`http://127.0.0.1:${port}/healthz`, { method: "POST" })).status).toBe(405);
  });
});
