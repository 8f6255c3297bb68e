import net from "node:net";
import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { listenHost, loadConfig } from "../../src/config.js";
import { ServiceMetrics } from "../../src/http/metrics.js";
import { createHttpServer, type HttpServer, type Route } from "../../src/http/server.js";

/** Sends raw bytes and returns the raw answer (the server closes or answers one request). */
function raw(port: number, request: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, "127.0.0.1", () => socket.write(request));
    let answer = "";
    socket.setEncoding("utf8");
    socket.on("data", (chunk) => {
      answer += chunk;
      if (/\r\n\r\n/.test(answer)) {
        const length = /content-length: (\d+)/i.exec(answer)?.[1];
        const body = answer.split("\r\n\r\n")[1] ?? "";
        if (length === undefined || Buffer.byteLength(body) >= Number(length)) socket.end();
      }
    });
    socket.on("end", () => resolve(answer));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

describe("the HTTP server answers every request with a code and never dies of one", () => {
  let server: HttpServer;
  let port: number;
  const metrics = new ServiceMetrics();
  const echo: Route = { method: "GET", path: "/echo", handle: (_req, res) => void res.end("ok") };
  const broken: Route = {
    method: "POST",
    path: "/broken",
    handle: () => {
      throw new Error("SELECT secret FROM vault");
    },
  };

  beforeEach(async () => {
    server = createHttpServer([echo, broken, metrics.route()], pino({ level: "silent" }), {
      observe: (...args) => metrics.observeRequest(...args),
    });
    port = await server.listen(0, "127.0.0.1");
  });
  afterEach(async () => {
    await server.close();
  });

  it.each(["//a:b/", "http://a:99999/", "http://[/"])(
    "a request target of %s answers 400 BAD_REQUEST_TARGET and the next request is served",
    async (target) => {
      const answer = await raw(port, `GET ${target} HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n`);
      expect(answer).toMatch(/^HTTP\/1.1 400/);
      expect(answer).toContain("BAD_REQUEST_TARGET");
      expect((await fetch(`http://127.0.0.1:${port}/echo`)).status).toBe(200);
    },
  );

  it("a declared body over 1 MB is refused with 413 before it is read", async () => {
    const answer = await raw(
      port,
      "POST /broken HTTP/1.1\r\nhost: x\r\ncontent-length: 50000000\r\nconnection: close\r\n\r\n",
    );
    expect(answer).toMatch(/^HTTP\/1.1 413/);
    expect(answer).toContain("BODY_TOO_LARGE");
  });

  it("a route that throws answers 500 INTERNAL without the error's text", async () => {
    const res = await fetch(`http://127.0.0.1:${port}/broken`, { method: "POST", body: "x" });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(JSON.parse(text)).toEqual({ error: "internal error", code: "INTERNAL" });
    expect(text).not.toContain("SELECT");
  });

  it("a malformed request line answers 400", async () => {
    const answer = await raw(port, "GARBAGE\r\n\r\n");
    expect(answer).toMatch(/^HTTP\/1.1 400/);
  });

  it("GET /metrics serves Prometheus text with request latency by route", async () => {
    await fetch(`http://127.0.0.1:${port}/echo`);
    const res = await fetch(`http://127.0.0.1:${port}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/plain");
    const text = await res.text();
    expect(text).toMatch(
      /retention_http_request_duration_seconds_count\{route="\/echo",method="GET",status="200"\} [1-9]\d*/,
    );
    expect(text).toContain("retention_oldest_unworked_click_seconds 0");
  });
});

describe("metrics count passes, clicks and the click backlog", () => {
  it("a pass's outcomes are added up, planned included, and the oldest unworked click is reported", async () => {
    const metrics = new ServiceMetrics();
    metrics.recordPass({ sent: 3, empty: 1, missed: 2, paused: 0, failed: 1, retried: 1 });
    metrics.recordClick("slack", "ok");
    metrics.recordClick("teams", "FORBIDDEN");
    metrics.watchClickBacklog({ oldestAgeMs: () => 2_500 });
    metrics.watchPool(() => ({ total: 4, idle: 3, waiting: 0 }));
    const text = await metrics.registry.metrics();
    expect(text).toContain('retention_nudges_total{outcome="planned"} 6');
    expect(text).toContain('retention_nudges_total{outcome="sent"} 3');
    expect(text).toContain('retention_nudges_total{outcome="failed"} 1');
    expect(text).toContain('retention_nudges_total{outcome="missed"} 2');
    expect(text).toContain('retention_clicks_total{platform="teams",outcome="forbidden"} 1');
    expect(text).toContain("retention_oldest_unworked_click_seconds 2.5");
    expect(text).toContain('retention_db_pool_connections{state="idle"} 3');
  });
});

describe("HOST", () => {
  it("defaults to loopback without a chat platform, and to all interfaces with Slack or Teams", () => {
    expect(listenHost(loadConfig({}))).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ TEAMS_LOCAL: "on" }))).toBe("127.0.0.1");
    expect(listenHost(loadConfig({ SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" }))).toBe("0.0.0.0");
    expect(listenHost(loadConfig({ MICROSOFT_APP_ID: "id", MICROSOFT_APP_PASSWORD: "p" }))).toBe("0.0.0.0");
    expect(
      listenHost(loadConfig({ HOST: "10.0.0.5", SLACK_SIGNING_SECRET: "s", SLACK_BOT_TOKEN: "xoxb-1" })),
    ).toBe("10.0.0.5");
  });

  it("refuses a HOST that is no address", () => {
    expect(() => loadConfig({ HOST: "a b/c" })).toThrow(/HOST/);
  });
});
