import type { AppContext, ChatChannel } from "../app/ports.js";
import type { Config } from "../config.js";
import type { Route } from "../http/server.js";

/** What a chat platform adds to the service: its channel, its HTTP routes, and its lifecycle. */
export interface ChatAdapter {
  channel: ChatChannel;
  routes: Route[];
  start?(): Promise<void>;
  stop?(): Promise<void>;
  /** Resolves once the work started by requests already answered is done. */
  settled?(): Promise<void>;
}

/** Builds a platform's adapter from the configuration, or returns undefined when not configured. */
export type ChatAdapterFactory = (config: Config, ctx: AppContext) => Promise<ChatAdapter | undefined>;
