import type { AppContext } from "../app/ports.js";
import type { Config } from "../config.js";
import type { ChatAdapter } from "./adapter.js";
import { createLogChannel } from "./log/log-channel.js";
import { createSlackAdapter } from "./slack/index.js";
import { createTeamsAdapter } from "./teams/index.js";

/**
 * Builds the chat platforms the configuration names and puts their channels on `ctx`, in order
 * of preference (Slack, then Teams). With none configured, nudges go to the log channel.
 */
export async function composeChannels(config: Config, ctx: AppContext): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  for (const factory of [createSlackAdapter, createTeamsAdapter]) {
    const adapter = await factory(config, ctx);
    if (adapter) adapters.push(adapter);
  }
  ctx.channels.push(...adapters.map((a) => a.channel));
  if (adapters.length === 0) ctx.channels.push(createLogChannel(ctx.logger));
  return adapters;
}
