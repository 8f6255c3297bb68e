import type { ChatAdapterFactory } from "../adapter.js";

/** The Teams adapter (botbuilder bot, route, channel), when Teams is configured. */
export const createTeamsAdapter: ChatAdapterFactory = async () => undefined;
