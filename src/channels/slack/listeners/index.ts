/**
 * Every Slack listener, grouped by surface. Retried deliveries (`X-Slack-Retry-Num`) are
 * acknowledged and dropped: the first delivery was already acknowledged at once and is being
 * handled, and handling it twice must never log a contact twice.
 */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import * as actions from "./actions/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";
import * as views from "./views/index.js";

export function register(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    if (args.context.retryNum !== undefined) {
      if ("ack" in args && typeof args.ack === "function") await args.ack();
      deps.ctx.logger.debug({ retry: args.context.retryNum }, "dropped a retried Slack delivery");
      return;
    }
    await args.next();
  });
  actions.register(app, deps);
  commands.register(app, deps);
  events.register(app, deps);
  views.register(app, deps);
}
