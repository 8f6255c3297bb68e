/**
 * Every Slack listener, grouped by surface. A delivery Slack retries because our answer was slow
 * (`X-Slack-Retry-Num` with reason `http_timeout`) reached us the first time and is being
 * handled: the retry is acknowledged and dropped. Retries for other reasons (the first one never
 * arrived) are handled, and are harmless twice: clicks carry a dedupe key, Home is republished.
 */
import type { App } from "@slack/bolt";
import type { SlackDeps } from "../deps.js";
import * as actions from "./actions/index.js";
import * as commands from "./commands/index.js";
import * as events from "./events/index.js";
import * as views from "./views/index.js";

export function register(app: App, deps: SlackDeps): void {
  app.use(async (args) => {
    if (args.context.retryNum !== undefined && args.context.retryReason === "http_timeout") {
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
