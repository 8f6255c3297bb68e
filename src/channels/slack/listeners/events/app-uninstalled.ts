/**
 * `app_uninstalled`, and `tokens_revoked` for the bot's token: the workspace removed the app.
 * Its tokens are deleted and nothing more is sent there until it is installed again.
 */
import type { App } from "@slack/bolt";
import { disconnectSlack } from "../../../../app/workspaces/workspace-data.js";
import type { SlackDeps } from "../../deps.js";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_uninstalled", async ({ body }) => {
    await disconnect(deps, body.team_id, "the Slack app was uninstalled");
  });
  app.event("tokens_revoked", async ({ event, body }) => {
    // Revoked user tokens (people who signed in) change nothing; the bot's token is the app's voice.
    if ((event.tokens.bot ?? []).length === 0) return;
    await disconnect(deps, body.team_id, "the Slack app's bot token was revoked");
  });
}

async function disconnect(deps: SlackDeps, teamId: string | undefined, reason: string): Promise<void> {
  if (!teamId) return;
  try {
    await disconnectSlack(deps.ctx, teamId, reason);
  } catch (err) {
    deps.ctx.logger.error({ err, team: teamId, code: "INTERNAL" }, "recording a Slack uninstall failed");
  }
}
