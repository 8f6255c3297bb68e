/**
 * The Bolt app: over HTTP on the service's own server (`POST /slack/events`, plus the OAuth
 * install routes when OAuth is configured), or over Socket Mode when an app token is set. Bolt's
 * HTTPReceiver checks every request's signature and timestamp (stale or wrong: 401, nothing run).
 */
import { App, HTTPReceiver } from "@slack/bolt";
import { serviceMetrics } from "../../http/metrics.js";
import type { Route } from "../../http/server.js";
import { boltLogger } from "./bolt-logger.js";
import { type InboxOptions, SlackClickInbox } from "./click-inbox.js";
import type { SlackDeps } from "./deps.js";
import { BOT_SCOPES, EVENTS_PATH, INSTALL_PATH, REDIRECT_PATH } from "./endpoints.js";
import * as listeners from "./listeners/index.js";
import { NudgeUpdates } from "./nudge-updates.js";
import { guardSlackRequests } from "./request-guard.js";
import { InstalledTeams, SingleTeam, type SlackTeams } from "./slack-teams.js";
import { ActorCache } from "./slack-users.js";
import { webClientOptions } from "./web-client.js";
import { WorkQueue } from "./work-queue.js";

/** Clicks and commands worked on at once after their acknowledgement (see WorkQueue). */
const AFTER_ACK_CONCURRENCY = 8;

export interface SlackSettings {
  signingSecret: string;
  botToken?: string | undefined;
  /** Socket Mode (xapp-…) instead of HTTP. */
  appToken?: string | undefined;
  oauth?: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
  /** SLACK_API_URL: the Web API base URL (a fake in tests). */
  apiUrl?: string | undefined;
  /** The click inbox's lease, sweep and retry settings (defaults in click-inbox.ts). */
  inbox?: InboxOptions | undefined;
}

export interface SlackApp {
  app: App;
  teams: SlackTeams;
  routes: Route[];
  start(): Promise<void>;
  stop(): Promise<void>;
  /** Resolves once the work that follows acknowledged requests (and due inbox clicks) is done. */
  settled(): Promise<void>;
  /** The clicks recorded before their acknowledgement (decision record 0007). */
  inbox: SlackClickInbox;
}

export function createSlackApp(settings: SlackSettings, ctx: SlackDeps["ctx"]): SlackApp {
  const logger = boltLogger(ctx.logger);
  const clientOptions = webClientOptions({ apiUrl: settings.apiUrl });
  const common = { logger, clientOptions, convoStore: false as const };

  let app: App;
  let teams: SlackTeams;
  let receiver: HTTPReceiver | undefined;
  let single: SingleTeam | undefined;

  if (settings.oauth) {
    if (settings.appToken) {
      throw new Error(
        "Socket Mode serves one workspace: unset SLACK_APP_TOKEN or the SLACK_CLIENT_* variables",
      );
    }
    const installed = new InstalledTeams(ctx.db, { apiUrl: settings.apiUrl });
    teams = installed;
    receiver = new HTTPReceiver({
      signingSecret: settings.signingSecret,
      endpoints: EVENTS_PATH,
      logger,
      clientId: settings.oauth.clientId,
      clientSecret: settings.oauth.clientSecret,
      stateSecret: settings.oauth.stateSecret,
      scopes: BOT_SCOPES,
      installationStore: installed.store(),
      installerOptions: {
        installPath: INSTALL_PATH,
        redirectUriPath: REDIRECT_PATH,
        directInstall: true,
        clientOptions,
      },
    });
    app = new App({ ...common, receiver });
  } else {
    if (!settings.botToken) throw new Error("SLACK_BOT_TOKEN is required without OAuth");
    single = new SingleTeam(ctx.db, settings.botToken, { apiUrl: settings.apiUrl });
    teams = single;
    const team = single;
    const authorize = () => team.authorization();
    if (settings.appToken) {
      app = new App({ ...common, socketMode: true, appToken: settings.appToken, authorize });
    } else {
      receiver = new HTTPReceiver({ signingSecret: settings.signingSecret, endpoints: EVENTS_PATH, logger });
      app = new App({ ...common, receiver, authorize });
    }
  }

  app.error(async (err) => {
    ctx.logger.error({ err }, "a Slack request failed");
  });
  const afterAck = new WorkQueue(AFTER_ACK_CONCURRENCY);
  const shared = { ctx, teams, actors: new ActorCache(), afterAck, nudgeUpdates: new NudgeUpdates() };
  const inbox = new SlackClickInbox(shared, settings.inbox);
  const unwatch = serviceMetrics.watchClickBacklog(inbox);
  listeners.register(app, { ...shared, inbox });

  const routes: Route[] = [];
  if (receiver) {
    const http = receiver;
    const handle = guardSlackRequests(settings.signingSecret, (req, res) => http.requestListener(req, res));
    routes.push({ method: "POST", path: EVENTS_PATH, handle });
    if (settings.oauth) {
      routes.push(
        { method: "GET", path: INSTALL_PATH, handle },
        { method: "GET", path: REDIRECT_PATH, handle },
      );
    }
  }

  return {
    app,
    teams,
    routes,
    start: async () => {
      await single?.bind();
      inbox.start();
      if (settings.appToken) await app.start();
    },
    stop: async () => {
      unwatch();
      inbox.stop();
      if (settings.appToken) await app.stop();
    },
    settled: async () => {
      // The work of requests already answered, then any click an earlier worker left behind.
      await afterAck.idle();
      await inbox.sweep();
      await afterAck.idle();
    },
    inbox,
  };
}
