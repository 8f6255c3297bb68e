/**
 * The Slack app manifest, ready for "Create an app → From a manifest": request URLs on `host`, or
 * Socket Mode (no URLs; the app connects out with SLACK_APP_TOKEN). `manifest.json` at the root
 * is the Socket Mode one (`retention slack manifest --socket-mode`).
 */
import { BOT_SCOPES, EVENTS_PATH, REDIRECT_PATH } from "./endpoints.js";

/** The events the app listens to: the Home tab, and uninstalls (to stop sending and drop tokens). */
export const BOT_EVENTS = ["app_home_opened", "app_uninstalled", "tokens_revoked"];

export type ManifestTarget = { socketMode: true } | { socketMode: false; host: string };

export function buildSlackManifest(target: ManifestTarget): Record<string, unknown> {
  const at = (p: string) => (target.socketMode ? {} : { url: `${target.host.replace(/\/+$/, "")}${p}` });
  const requestUrl = (p: string) =>
    target.socketMode ? {} : { request_url: `${target.host.replace(/\/+$/, "")}${p}` };
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "Retention bot",
      description: "A few customers to contact each morning, logged with one click.",
      long_description:
        "Retention bot sends each account manager a short direct message every working morning with the handful of customers to contact today and why: valuable accounts going quiet, regular buyers who stopped ordering, and follow-ups they promised. One click logs the call, email or meeting and restarts the account's cadence. Managers use /retention to see coverage per rep, the most neglected valuable accounts, and the departed folder.",
      background_color: "#1d4e89",
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: true },
      bot_user: { display_name: "Retention bot", always_online: true },
      slash_commands: [
        {
          command: "/retention",
          ...at(EVENTS_PATH),
          description: "Your customers today, log contacts, reports for managers",
          usage_hint: "help | today | log <account> [call|email|meeting] [note] | report",
          should_escape: true,
        },
      ],
    },
    oauth_config: {
      ...(target.socketMode ? {} : { redirect_urls: [`${target.host.replace(/\/+$/, "")}${REDIRECT_PATH}`] }),
      scopes: { bot: BOT_SCOPES },
    },
    settings: {
      event_subscriptions: { ...requestUrl(EVENTS_PATH), bot_events: BOT_EVENTS },
      interactivity: { is_enabled: true, ...requestUrl(EVENTS_PATH) },
      org_deploy_enabled: false,
      socket_mode_enabled: target.socketMode,
      token_rotation_enabled: false,
    },
  };
}

/** Checks a `--host`: an https URL without a path; returns the problem, or undefined when fine. */
export function hostProblem(host: string): string | undefined {
  let url: URL;
  try {
    url = new URL(host);
  } catch {
    return `\`${host}\` is not a URL; give the service's public address, like https://retention.example.com`;
  }
  if (url.protocol !== "https:") return `Slack calls only https addresses, not \`${host}\``;
  if (url.pathname !== "/" || url.search !== "") return `give the address without a path (${url.origin})`;
  return undefined;
}
