/** Opening the App Home tab publishes the rep's picks, promises and coverage. */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import { publishHome } from "../../refresh-views.js";
import { resolveCaller } from "../caller.js";

export function register(app: App, deps: SlackDeps): void {
  app.event("app_home_opened", async ({ event, body, client }) => {
    if (event.tab !== "home") return;
    try {
      const caller = await resolveCaller(deps, client, body.team_id, event.user);
      await publishHome(deps, client, caller.ok ? caller.actor : undefined, event.user);
    } catch (err) {
      deps.ctx.logger.error({ err, user: event.user }, "showing the Slack App Home failed");
    }
  });
}
