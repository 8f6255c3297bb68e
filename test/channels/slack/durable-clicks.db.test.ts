import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimDueClicks, findClick, recordClick } from "../../../src/storage/click-inbox.js";
import { queryRows } from "../../../src/storage/database.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { buildBlockActionBody } from "../../support/slack-requests.js";
import { type SlackHarness, seedNudge, startSlackHarness, TEAM, visibleText } from "./slack-harness.js";

const NOW = new Date("2026-03-10T09:30:00Z");

describe("durable Slack clicks (decision record 0007)", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let nudge: Awaited<ReturnType<typeof seedNudge>>;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db, NOW);
    const ana = await createRep(t.db, t.workspaceId, { name: "Ana", slackUserId: "UANA" });
    const acme = await createAccount(t.db, t.workspaceId, { ownerRepId: ana.id, name: "Acme" });
    nudge = await seedNudge(t.db, t.workspaceId, ana.id, [acme.id]);
  });

  afterEach(async () => {
    await slack.close();
  });

  const countCheckIns = async () =>
    (await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from checkins`))[0]!.n;

  /** A click as Slack sends it, as the inbox stores it. */
  function storedClick(triggerId: string, where: "message" | "home" = "message") {
    const form = buildBlockActionBody(
      { teamId: TEAM, userId: "UANA" },
      {
        actionId: "pick_call",
        value: String(nudge.pickIds[0]),
        ...(where === "message" ? { message: nudge.message } : {}),
        triggerId,
        actionTs: "1773135000.000001",
      },
    );
    const body = JSON.parse(new URLSearchParams(form).get("payload") ?? "null");
    return {
      key: `slack:${triggerId}:1773135000.000001`,
      payload: { body, input: { pickId: nudge.pickIds[0], action: { type: "log", channel: "call" } } },
    };
  }

  it("an acknowledged click is in the inbox and marked worked once the nudge shows it", async () => {
    const res = await slack.action("UANA", {
      actionId: "pick_call",
      value: String(nudge.pickIds[0]),
      message: nudge.message,
      triggerId: "100.200.abc",
      actionTs: "1773135000.000001",
    });
    expect(res.status).toBe(200);
    await slack.settled();
    const row = await findClick(t.db, "slack:100.200.abc:1773135000.000001");
    expect(row?.doneAt).toEqual(NOW);
    expect(row?.attempts).toBe(1);
    expect(await countCheckIns()).toBe(1);
  });

  it("a click acknowledged by a worker that died before working it is finished by the next worker, once", async () => {
    const click = storedClick("300.400.dead");
    // The dead process recorded the click (and answered Slack 200), claimed it, then was killed.
    await recordClick(t.db, { ...click, platform: "slack", at: NOW });
    const [held] = await claimDueClicks(t.db, { platform: "slack", now: NOW, leaseMs: 30_000, limit: 1 });
    expect(held?.key).toBe(click.key);

    // While its lease runs, nobody else takes it.
    await slack.settled();
    expect(await countCheckIns()).toBe(0);

    // Once the lease is over, this process finishes it.
    slack.setNow(new Date(NOW.getTime() + 31_000));
    await slack.settled();
    expect(await countCheckIns()).toBe(1);
    const updates = slack.fake.callsOf("chat.update");
    expect(updates).toHaveLength(1);
    expect(visibleText(updates[0]!.body)).toContain("Called by Ana");
    expect((await findClick(t.db, click.key))?.doneAt).not.toBeNull();

    // A later sweep finds nothing more to do.
    slack.setNow(new Date(NOW.getTime() + 120_000));
    await slack.settled();
    expect(await countCheckIns()).toBe(1);
    expect(slack.fake.callsOf("chat.update")).toHaveLength(1);
  });

  it("a click whose work fails is tried again after a backoff and logged once", async () => {
    const click = storedClick("500.600.flaky", "home");
    await recordClick(t.db, { ...click, platform: "slack", at: NOW });
    slack.fake.failNext("chat.postMessage", { status: 500 });
    await slack.settled();
    // Logged, but the rep could not be told: the click waits for its retry.
    expect(await countCheckIns()).toBe(1);
    expect((await findClick(t.db, click.key))?.doneAt).toBeNull();

    slack.setNow(new Date(NOW.getTime() + 2_000));
    await slack.settled();
    const row = await findClick(t.db, click.key);
    expect(row?.doneAt).not.toBeNull();
    expect(row?.attempts).toBe(2);
    expect(await countCheckIns()).toBe(1);
  });

  it("the metrics gauge reads the age of the oldest click not yet worked from the inbox", async () => {
    const click = storedClick("700.800.old");
    await recordClick(t.db, { ...click, platform: "slack", at: new Date(NOW.getTime() - 45_000) });
    expect(await slackInboxAge(slack)).toBe(45_000);
    slack.setNow(new Date(NOW.getTime() + 1));
    await slack.settled();
    expect(await slackInboxAge(slack)).toBe(0);
  });
});

async function slackInboxAge(_slack: SlackHarness): Promise<number> {
  const { serviceMetrics } = await import("../../../src/http/metrics.js");
  const metric = await serviceMetrics.registry
    .getSingleMetric("retention_oldest_unworked_click_seconds")
    ?.get();
  return Math.round((metric?.values[0]?.value ?? -1) * 1000);
}
