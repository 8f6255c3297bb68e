/**
 * The Slack adapter: the Bolt app's routes on the service's HTTP server (or Socket Mode), and the
 * Slack channel the scheduler sends nudges through. Undefined when Slack is not configured.
 */
import type { Config } from "../../config.js";
import type { ChatAdapterFactory } from "../adapter.js";
import { createSendPacer, slackPostMessageLimits } from "../send-pacer.js";
import { createSlackApp, type SlackSettings } from "./app.js";
import { createSlackChannel } from "./slack-channel.js";

export const createSlackAdapter: ChatAdapterFactory = async (config, ctx) => {
  const settings = slackSettingsOf(config);
  if (!settings) return undefined;
  const slack = createSlackApp(settings, ctx);
  return {
    channel: createSlackChannel(
      ctx,
      slack.teams,
      createSendPacer(slackPostMessageLimits(config.SLACK_SEND_RATE)),
    ),
    routes: slack.routes,
    start: slack.start,
    stop: slack.stop,
    settled: slack.settled,
  };
};

/** Slack's part of the configuration; undefined when neither a bot token nor OAuth is set. */
export function slackSettingsOf(config: Config): SlackSettings | undefined {
  const { SLACK_SIGNING_SECRET, SLACK_CLIENT_ID, SLACK_CLIENT_SECRET, SLACK_STATE_SECRET } = config;
  if (!SLACK_SIGNING_SECRET || !(config.SLACK_BOT_TOKEN || SLACK_CLIENT_ID)) return undefined;
  return {
    signingSecret: SLACK_SIGNING_SECRET,
    botToken: config.SLACK_BOT_TOKEN,
    appToken: config.SLACK_APP_TOKEN,
    oauth:
      SLACK_CLIENT_ID && SLACK_CLIENT_SECRET && SLACK_STATE_SECRET
        ? { clientId: SLACK_CLIENT_ID, clientSecret: SLACK_CLIENT_SECRET, stateSecret: SLACK_STATE_SECRET }
        : undefined,
    apiUrl: config.SLACK_API_URL,
  };
}
