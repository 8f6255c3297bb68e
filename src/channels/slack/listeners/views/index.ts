import type { App } from "@slack/bolt";
import type { SlackDeps } from "../../deps.js";
import * as pickModalSubmitted from "./pick-modal-submitted.js";

export function register(app: App, deps: SlackDeps): void {
  pickModalSubmitted.register(app, deps);
}
