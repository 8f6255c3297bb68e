import type { AppContext } from "../app/ports.js";
import type { Config } from "../config.js";
import type { ChatAdapter, ChatAdapterFactory } from "./adapter.js";
import { createLogChannel } from "./log/log-channel.js";

/**
 * The chat platforms in order of preference. Each SDK (Bolt, botbuilder) takes about half a
 * second to load, so a platform's module is imported only when its settings are present; its
 * factory still decides whether they are complete.
 */
const platforms: { present(config: Config): boolean; load(): Promise<ChatAdapterFactory> }[] = [
  {
    present: (config) => Boolean(config.SLACK_SIGNING_SECRET),
    load: async () => (await import("./slack/index.js")).createSlackAdapter,
  },
  {
    present: (config) => Boolean(config.MICROSOFT_APP_ID || config.TEAMS_LOCAL),
    load: async () => (await import("./teams/index.js")).createTeamsAdapter,
  },
];

/**
 * Builds the chat platforms the configuration names and puts their channels on `ctx`, in order
 * of preference (Slack, then Teams). With none configured, nudges go to the log channel.
 */
export async function composeChannels(config: Config, ctx: AppContext): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  for (const platform of platforms) {
    if (!platform.present(config)) continue;
    const adapter = await (await platform.load())(config, ctx);
    if (adapter) adapters.push(adapter);
  }
  ctx.channels.push(...adapters.map((a) => a.channel));
  if (adapters.length === 0) ctx.channels.push(createLogChannel(ctx.logger));
  return adapters;
}
