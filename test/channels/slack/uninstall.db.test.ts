import { afterEach, describe, expect, it, vi } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { slackInstallations } from "../../../src/storage/schema.js";
import { saveSlackInstallation } from "../../../src/storage/slack-workspaces.js";
import { getWorkspace } from "../../../src/storage/workspaces.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { postSigned } from "../../support/slack-requests.js";
import { SECRET, type SlackHarness, startSlackHarness, TEAM } from "./slack-harness.js";

const MORNING = new Date("2026-03-10T09:05:00Z");

function eventBody(event: Record<string, unknown>): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: TEAM,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: `Ev${Math.random().toString(36).slice(2)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
    event: { ...event, event_ts: `${Date.now() / 1000}` },
  });
}

describe("when the Slack app is removed from a workspace", () => {
  const t = useTestDatabase();
  let slack: SlackHarness | undefined;
  afterEach(async () => {
    await slack?.close();
    slack = undefined;
  });

  async function send(event: Record<string, unknown>) {
    if (!slack) throw new Error("start the harness first");
    const res = await postSigned(slack.eventsUrl, eventBody(event), "application/json", { secret: SECRET });
    expect(res.status).toBe(200);
  }

  async function disconnected() {
    return vi.waitFor(
      async () => {
        const ws = await getWorkspace(t.db, t.workspaceId);
        if (!ws?.disconnectedAt) throw new Error("not disconnected yet");
        return ws;
      },
      { timeout: 5_000, interval: 20 },
    );
  }

  it("app_uninstalled stops every send: the next morning sends nothing there and says why", async () => {
    slack = await startSlackHarness(t.db, MORNING);
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", email: "ana@example.test" });
    slack.fake.addUser({ id: "UANA", email: "ana@example.test" });
    await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Acme" });

    await send({ type: "app_uninstalled" });
    const ws = await disconnected();
    expect(ws.disconnectedReason).toBe("the Slack app was uninstalled");

    const summary = await runMorning(slack.ctx, MORNING);
    expect(summary.sent).toBe(0);
    expect(summary.disconnected).toEqual([
      expect.stringContaining(
        "nothing sent since 2026-03-10, the Slack app was uninstalled; install the app again",
      ),
    ]);
    expect(slack.fake.calls.filter((c) => c.method === "chat.postMessage")).toEqual([]);
  });

  it("tokens_revoked for the bot deletes the stored installation at once; revoked user tokens change nothing", async () => {
    slack = await startSlackHarness(t.db, MORNING, { oauth: true });
    await saveSlackInstallation(t.db, { teamId: TEAM, enterpriseId: "" }, "Acme Corp", {
      bot: { token: "xoxb-1" },
    });

    await send({ type: "tokens_revoked", tokens: { oauth: ["U1"] } });
    await slack.settled();
    expect(await t.db.select().from(slackInstallations)).toHaveLength(1);

    await send({ type: "tokens_revoked", tokens: { bot: ["B0BOT"] } });
    await disconnected();
    expect(await t.db.select().from(slackInstallations)).toEqual([]);

    // Installing again resumes sending.
    await saveSlackInstallation(t.db, { teamId: TEAM, enterpriseId: "" }, "Acme Corp", {
      bot: { token: "xoxb-2" },
    });
    expect((await getWorkspace(t.db, t.workspaceId))?.disconnectedAt).toBeNull();
  });
});
