import pino from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { AppContext } from "../../../src/app/ports.js";
import { createSlackAdapter } from "../../../src/channels/slack/index.js";
import { loadConfig } from "../../../src/config.js";
import { getWorkspace } from "../../../src/storage/workspaces.js";
import { useTestDatabase } from "../../support/database.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";

describe("the Slack adapter's configuration", () => {
  const t = useTestDatabase();
  let fake: FakeSlackApi;
  let ctx: AppContext;

  beforeEach(async () => {
    fake = await startFakeSlackApi({ teamId: "T0ACME", teamName: "Acme Sales" });
    ctx = { db: t.db, clock: () => new Date(), logger: pino({ level: "silent" }), channels: [] };
  });

  afterEach(async () => {
    await fake.close();
  });

  const base = () => ({ SLACK_SIGNING_SECRET: "s", SLACK_API_URL: fake.apiUrl });

  it("without Slack variables there is no Slack adapter", async () => {
    expect(await createSlackAdapter(loadConfig({}), ctx)).toBeUndefined();
  });

  it("with a bot token, the first start binds the default workspace to the team auth.test names", async () => {
    const adapter = await createSlackAdapter(loadConfig({ ...base(), SLACK_BOT_TOKEN: "xoxb-1" }), ctx);
    expect(adapter!.routes.map((r) => `${r.method} ${r.path}`)).toEqual(["POST /slack/events"]);
    await adapter!.start?.();
    expect(await getWorkspace(t.db, t.workspaceId)).toMatchObject({
      platform: "slack",
      externalId: "T0ACME",
      name: "Acme Sales",
    });
  });

  it("a bot token Slack refuses stops the start with a reason that names the variable", async () => {
    fake.failNext("auth.test", { error: "invalid_auth" });
    const adapter = await createSlackAdapter(loadConfig({ ...base(), SLACK_BOT_TOKEN: "xoxb-bad" }), ctx);
    await expect(adapter!.start?.()).rejects.toThrow(/SLACK_BOT_TOKEN.*invalid_auth/);
    expect((await getWorkspace(t.db, t.workspaceId))!.platform).toBe("none");
  });

  it("with OAuth variables, the install routes are served beside the events route", async () => {
    const adapter = await createSlackAdapter(
      loadConfig({ ...base(), SLACK_CLIENT_ID: "1.2", SLACK_CLIENT_SECRET: "c", SLACK_STATE_SECRET: "st" }),
      ctx,
    );
    expect(adapter!.routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      "POST /slack/events",
      "GET /slack/install",
      "GET /slack/oauth_redirect",
    ]);
  });

  it("with an app token (Socket Mode), no HTTP route is served", async () => {
    const adapter = await createSlackAdapter(
      loadConfig({ ...base(), SLACK_BOT_TOKEN: "xoxb-1", SLACK_APP_TOKEN: "xapp-1" }),
      ctx,
    );
    expect(adapter!.routes).toEqual([]);
  });

  it("Socket Mode together with OAuth is refused with what to unset", async () => {
    await expect(
      createSlackAdapter(
        loadConfig({
          ...base(),
          SLACK_APP_TOKEN: "xapp-1",
          SLACK_CLIENT_ID: "1.2",
          SLACK_CLIENT_SECRET: "c",
          SLACK_STATE_SECRET: "st",
        }),
        ctx,
      ),
    ).rejects.toThrow(/SLACK_APP_TOKEN/);
  });
});
