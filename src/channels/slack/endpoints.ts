/** The Slack app's public face: its routes and the bot scopes it asks for (manifest.json agrees). */

/** Bot scopes: post DMs, the slash command, and finding reps' Slack users by email. */
export const BOT_SCOPES = ["chat:write", "commands", "users:read", "users:read.email"];

export const EVENTS_PATH = "/slack/events";
export const INSTALL_PATH = "/slack/install";
export const REDIRECT_PATH = "/slack/oauth_redirect";
