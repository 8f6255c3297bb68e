import http from "node:http";
import type { AddressInfo } from "node:net";
import { webApi } from "@slack/bolt";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { webClientOptions } from "../../../src/channels/slack/web-client.js";

describe("the Slack Web API client", () => {
  let server: http.Server;
  let calls = 0;
  let apiUrl = "";

  beforeEach(async () => {
    calls = 0;
    // Answers chat.postMessage only after the client gave up: Slack posted it, we never heard.
    server = http.createServer((req, res) => {
      calls++;
      req.resume();
      setTimeout(() => res.end(JSON.stringify({ ok: true, ts: "1.0", channel: "D1" })), 400).unref();
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  });

  it("does not re-post a chat.postMessage that timed out (it may have been posted)", async () => {
    const client = new webApi.WebClient("xoxb-test", { ...webClientOptions({ apiUrl }), timeout: 100 });
    await expect(client.chat.postMessage({ channel: "U1", text: "nudge" })).rejects.toThrow();
    expect(calls).toBe(1);
  });
});
