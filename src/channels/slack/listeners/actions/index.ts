import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import * as morePicks from "./more-picks.js";
import * as pickButtons from "./pick-buttons.js";
import * as pickOverflow from "./pick-overflow.js";
import * as runCommand from "./run-command.js";

export function register(app: App, deps: SlackDeps): void {
  pickButtons.register(app, deps);
  morePicks.register(app, deps);
  pickOverflow.register(app, deps);
  runCommand.register(app, deps);
}
