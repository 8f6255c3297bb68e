/**
 * The service's Teams side as tests use it: the real adapter (botbuilder CloudAdapter, our bot,
 * the `/api/messages` route, the Teams channel) on 127.0.0.1, with no app id, a fake Bot
 * Connector for outgoing calls, and a clock the test moves.
 */
import type { AddressInfo } from "node:net";
import pino from "pino";
import type { AppContext, ChatChannel } from "../../../src/app/ports.js";
import { createTeamsAdapter } from "../../../src/channels/teams/index.js";
import { loadConfig } from "../../../src/config.js";
import { createHttpServer, type Route } from "../../../src/http/server.js";
import type { Db } from "../../../src/storage/database.js";
import { type FakeBotConnector, startFakeBotConnector } from "../../support/fake-bot-connector.js";
import {
  type Activity,
  buildTeamsActivities,
  postActivity,
  type TeamsTestUser,
} from "../../support/teams-activities.js";

export const TENANT_ID = "72f988bf-86f1-41af-91ab-2d7cd011db47";

export interface TeamsHarness {
  baseUrl: string;
  connector: FakeBotConnector;
  ctx: AppContext;
  channel: ChatChannel;
  setNow(at: Date): void;
  post(activity: Activity): Promise<{ status: number; body: unknown }>;
  activitiesFor(user: TeamsTestUser): ReturnType<typeof buildTeamsActivities>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Pretends every request comes from this address (to test the loopback rule). */
  remoteAddress?: string;
}

export async function startTeamsHarness(
  db: Db,
  now: Date,
  options: HarnessOptions = {},
): Promise<TeamsHarness> {
  let clock = now;
  const connector = await startFakeBotConnector();
  const logger = pino({ level: "silent" });
  const ctx: AppContext = { db, clock: () => clock, logger, channels: [] };
  const config = loadConfig({ TEAMS_LOCAL: "on", ...options.env });
  const adapter = await createTeamsAdapter(config, ctx);
  if (!adapter) throw new Error("the Teams adapter is off");
  ctx.channels.push(adapter.channel);
  const routes: Route[] = adapter.routes.map((route) => ({
    ...route,
    handle: (req, res) => {
      if (options.remoteAddress) {
        Object.defineProperty(req.socket, "remoteAddress", {
          value: options.remoteAddress,
          configurable: true,
        });
      }
      return route.handle(req, res);
    },
  }));
  const http = createHttpServer(routes, logger);
  await http.listen(0, "127.0.0.1");
  const { port } = http.server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    connector,
    ctx,
    channel: adapter.channel,
    setNow: (at) => {
      clock = at;
    },
    post: (activity) => postActivity(baseUrl, activity),
    activitiesFor: (user) => buildTeamsActivities({ serviceUrl: connector.url, tenantId: TENANT_ID, user }),
    close: async () => {
      await http.close();
      await connector.close();
    },
  };
}
