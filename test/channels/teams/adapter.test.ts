import pino from "pino";
import { describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/app/ports.js";
import { createTeamsAdapter } from "../../../src/channels/teams/index.js";
import { isLoopback } from "../../../src/channels/teams/messages-route.js";
import { loadConfig } from "../../../src/config.js";
import type { Db } from "../../../src/storage/database.js";

// The factory does not touch the database when it decides whether Teams is on.
const ctx: AppContext = {
  db: {} as Db,
  clock: () => new Date(),
  logger: pino({ level: "silent" }),
  channels: [],
};

describe("whether the Teams side is on", () => {
  it("is off with neither MICROSOFT_APP_ID nor TEAMS_LOCAL", async () => {
    expect(await createTeamsAdapter(loadConfig({}), ctx)).toBeUndefined();
  });

  it("is on with MICROSOFT_APP_ID, serving POST /api/messages", async () => {
    const adapter = await createTeamsAdapter(
      loadConfig({ MICROSOFT_APP_ID: "2f0e9a4c-6d1b-4c1e-9a51-7f3c2b8d9e10", MICROSOFT_APP_PASSWORD: "s" }),
      ctx,
    );
    expect(adapter?.channel.platform).toBe("teams");
    expect(adapter?.routes.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /api/messages"]);
  });

  it("is on with TEAMS_LOCAL=on and no app id", async () => {
    expect(await createTeamsAdapter(loadConfig({ TEAMS_LOCAL: "on" }), ctx)).toBeDefined();
  });

  it("rejects a TEAMS_LOCAL value it does not know, naming the variable", () => {
    expect(() => loadConfig({ TEAMS_LOCAL: "maybe" })).toThrow(/TEAMS_LOCAL/);
  });
});

describe("loopback callers", () => {
  it.each([
    ["127.0.0.1", true],
    ["::1", true],
    ["::ffff:127.0.0.1", true],
    ["10.0.0.7", false],
    ["::ffff:192.168.1.2", false],
    [undefined, false],
  ])("%s is loopback: %s", (address, expected) => {
    expect(isLoopback(address)).toBe(expected);
  });
});
