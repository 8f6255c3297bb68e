import type { ChatAdapterFactory } from "../adapter.js";

/** The Slack adapter (Bolt app, routes, channel), when Slack is configured. */
export const createSlackAdapter: ChatAdapterFactory = async () => undefined;
