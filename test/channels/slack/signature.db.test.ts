import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { queryRows } from "../../../src/storage/database.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { postSigned } from "../../support/slack-requests.js";
import { type SlackHarness, startSlackHarness } from "./slack-harness.js";

describe("Slack request signatures", () => {
  const t = useTestDatabase();
  let slack: SlackHarness;
  let pickId: number;

  beforeEach(async () => {
    slack = await startSlackHarness(t.db);
    const rep = await createRep(t.db, t.workspaceId, { slackUserId: "UANA" });
    const account = await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id });
    const [nudge] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into nudges (workspace_id, rep_id, local_date, status) values (${t.workspaceId}, ${rep.id}, '2026-03-10', 'sent') returning id`,
    );
    const [pick] = await queryRows<{ id: number }>(
      t.db,
      sql`insert into picks (workspace_id, nudge_id, account_id, position, kind, reason)
          values (${t.workspaceId}, ${nudge!.id}, ${account.id}, 0, 'due', 'Due') returning id`,
    );
    pickId = pick!.id;
    slack.fake.reset();
  });

  afterEach(async () => {
    await slack.close();
  });

  async function nothingWritten() {
    // Once a wrongly accepted request's work would be done, nothing is written and Slack heard nothing.
    await slack.settled();
    const [counts] = await queryRows<{ checkins: number; handled: number }>(
      t.db,
      sql`select (select count(*)::int from checkins) as checkins, (select count(*)::int from handled_requests) as handled`,
    );
    expect(counts).toEqual({ checkins: 0, handled: 0 });
    const [pick] = await queryRows<{ status: string }>(
      t.db,
      sql`select status from picks where id = ${pickId}`,
    );
    expect(pick!.status).toBe("open");
    expect(slack.fake.calls).toEqual([]);
  }

  it("when a click is signed with the wrong secret, the answer is 401 and nothing is written", async () => {
    const res = await slack.action(
      "UANA",
      { actionId: "pick_call", value: String(pickId) },
      { secret: "not-the-secret" },
    );
    expect(res.status).toBe(401);
    await nothingWritten();
  });

  it("when a click is replayed more than five minutes later, the answer is 401 and nothing is written", async () => {
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const res = await slack.action(
      "UANA",
      { actionId: "pick_call", value: String(pickId) },
      { timestamp: sixMinutesAgo },
    );
    expect(res.status).toBe(401);
    await nothingWritten();
  });

  it("when the signature header is garbage or the body was altered after signing, the answer is 401", async () => {
    const garbage = await slack.action(
      "UANA",
      { actionId: "pick_call", value: String(pickId) },
      { signature: "v0=00" },
    );
    expect(garbage.status).toBe(401);
    const signedFor = await slack.command("UANA", "help");
    expect(signedFor.res.status).toBe(200);
    const tampered = await postSigned(
      slack.eventsUrl,
      "command=%2Fretention&text=report",
      "application/x-www-form-urlencoded",
      {
        secret: "someone-else",
      },
    );
    expect(tampered.status).toBe(401);
  });

  it("when a click is signed correctly and fresh, it is accepted at once", async () => {
    const res = await slack.action("UANA", {
      actionId: "pick_call",
      value: String(pickId),
      responseUrl: slack.fake.responseUrl(),
    });
    expect(res.status).toBe(200);
    await slack.fake.waitFor("views.publish");
    const [row] = await queryRows<{ n: number }>(t.db, sql`select count(*)::int as n from checkins`);
    expect(row!.n).toBe(1);
  });
});
