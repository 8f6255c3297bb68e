/**
 * What every fault test needs: a throwaway cluster with the schema, the fake Slack Web API and
 * Bot Connector, the service's environment, and seeding of reps in a Slack and a Teams workspace.
 */
import { DateTime } from "luxon";
import { type Database, openDatabase } from "../../../src/storage/database.js";
import { saveConversation } from "../../../src/storage/teams-conversations.js";
import { ensureDefaultWorkspace } from "../../../src/storage/workspaces.js";
import { createAccount, createRep, createWorkspace, setWorkspaceSettings } from "../../support/builders.js";
import { type FakeBotConnector, startFakeBotConnector } from "../../support/fake-bot-connector.js";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.js";
import { type Cluster, createCluster } from "./cluster.js";

export const SECRET = "fault-suite-signing-secret";
export const TEAM = "T0FAULT";
export const TENANT = "tenant-faults";

export interface World {
  cluster: Cluster;
  database: Database;
  slack: FakeSlackApi;
  connector: FakeBotConnector;
  /** The service's environment: this cluster, these fakes, a tick every 2 s, 1 s retry backoff, 15 s leases. */
  env(extra?: Record<string, string>): Record<string, string>;
  close(): Promise<void>;
}

export async function createWorld(): Promise<World> {
  const cluster = await createCluster();
  const database = await openDatabase({ url: cluster.url, poolSize: 4, role: "faults" });
  await database.migrate();
  const slack = await startFakeSlackApi({ teamId: TEAM });
  const connector = await startFakeBotConnector();
  return {
    cluster,
    database,
    slack,
    connector,
    env: (extra = {}) => ({
      DATABASE_URL: cluster.url,
      DB_CONNECT_TIMEOUT_MS: "1000",
      SLACK_SIGNING_SECRET: SECRET,
      SLACK_BOT_TOKEN: "xoxb-fault-suite",
      SLACK_API_URL: slack.apiUrl,
      TEAMS_LOCAL: "on",
      SCHEDULER: "off",
      SCHEDULER_CRON: "*/2 * * * * *",
      NUDGE_RETRY_BASE_MS: "1000",
      NUDGE_LEASE_MS: "15000",
      ...extra,
    }),
    close: async () => {
      await database.close().catch(() => {});
      await slack.close();
      await connector.close();
      cluster.destroy();
    },
  };
}

/**
 * A zone whose local time is around midday now, so that a morning started now is due (nudge hour
 * 0, cut-off 24, every day a working day) and stays on one local date for the whole test.
 */
export function middayZone(now = new Date()): string {
  const offset = 12 - DateTime.fromJSDate(now, { zone: "UTC" }).hour;
  // Etc/GMT-N is N hours ahead of UTC.
  return offset === 0 ? "Etc/GMT" : offset > 0 ? `Etc/GMT-${offset}` : `Etc/GMT+${-offset}`;
}

export interface SeededReps {
  slackWorkspaceId: number;
  teamsWorkspaceId: number;
  /** Slack user id of each Slack rep, by rep id. */
  slackUsers: Map<number, string>;
  /** Teams conversation id of each Teams rep, by rep id. */
  teamsConversations: Map<number, string>;
  /** The accounts of each rep (one per rep unless asked for more), by rep id. */
  accounts: Map<number, number[]>;
}

export async function seedReps(
  world: World,
  counts: { slack: number; teams: number; accountsEach?: number },
): Promise<SeededReps> {
  const db = world.database.db;
  const settings = {
    timezone: middayZone(),
    nudgeHour: 0,
    cutoffHour: 24,
    workingDays: [1, 2, 3, 4, 5, 6, 7],
  };
  const slackWorkspaceId = (await ensureDefaultWorkspace(db)).id;
  await setWorkspaceSettings(db, slackWorkspaceId, settings);
  const teamsWorkspaceId = await createWorkspace(db, { platform: "teams", externalId: TENANT, settings });
  const seeded: SeededReps = {
    slackWorkspaceId,
    teamsWorkspaceId,
    slackUsers: new Map(),
    teamsConversations: new Map(),
    accounts: new Map(),
  };
  const accountsOf = async (workspaceId: number, repId: number) => {
    const ids: number[] = [];
    for (let i = 0; i < (counts.accountsEach ?? 1); i++) {
      ids.push((await createAccount(db, workspaceId, { ownerRepId: repId, annualRevenue: 100_000 + i })).id);
    }
    seeded.accounts.set(repId, ids);
  };
  for (let i = 0; i < counts.slack; i++) {
    const user = `US${String(i).padStart(4, "0")}`;
    const rep = await createRep(db, slackWorkspaceId, { name: `Slack rep ${i}`, slackUserId: user });
    seeded.slackUsers.set(rep.id, user);
    await accountsOf(slackWorkspaceId, rep.id);
  }
  for (let i = 0; i < counts.teams; i++) {
    const aad = `aad-${i}`;
    const conversation = `a:conv-${i}`;
    const rep = await createRep(db, teamsWorkspaceId, { name: `Teams rep ${i}` });
    await saveConversation(db, {
      workspaceId: teamsWorkspaceId,
      aadObjectId: aad,
      repId: rep.id,
      reference: {
        serviceUrl: world.connector.url,
        channelId: "msteams",
        conversation: { id: conversation, tenantId: TENANT, conversationType: "personal" },
        user: { id: `29:user-${i}`, aadObjectId: aad },
        bot: { id: "28:bot", name: "Retention" },
      },
    });
    seeded.teamsConversations.set(rep.id, conversation);
    await accountsOf(teamsWorkspaceId, rep.id);
  }
  return seeded;
}
