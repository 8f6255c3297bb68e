import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import * as retention from "./retention.js";

export function register(app: App, deps: SlackDeps): void {
  retention.register(app, deps);
}
