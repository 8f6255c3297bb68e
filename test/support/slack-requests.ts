/**
 * Requests built the way Slack builds them: the signature is `v0=` + HMAC-SHA256 of
 * `v0:<timestamp>:<raw body>` with the signing secret; slash commands are form-encoded,
 * interactivity is a form field `payload` holding JSON, events are JSON.
 */
import { createHmac, randomBytes } from "node:crypto";

export function signSlackBody(secret: string, timestamp: number | string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface SendOptions {
  secret: string;
  /** Seconds since the epoch; now unless given (a stale one tests replay protection). */
  timestamp?: number;
  /** Overrides the computed signature (a forged request). */
  signature?: string;
  retryNum?: number;
  /** Why Slack retried (`http_timeout` unless given). */
  retryReason?: string;
}

export interface SlackResponse {
  status: number;
  text: string;
  json(): unknown;
}

/** POSTs a signed body to `url` the way Slack does. */
export async function postSigned(
  url: string,
  body: string,
  contentType: "application/x-www-form-urlencoded" | "application/json",
  options: SendOptions,
): Promise<SlackResponse> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    "content-type": contentType,
    "x-slack-request-timestamp": String(timestamp),
    "x-slack-signature": options.signature ?? signSlackBody(options.secret, timestamp, body),
  };
  if (options.retryNum !== undefined) {
    headers["x-slack-retry-num"] = String(options.retryNum);
    headers["x-slack-retry-reason"] = options.retryReason ?? "http_timeout";
  }
  const res = await fetch(url, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, text, json: () => JSON.parse(text) };
}

export interface SlackUserRef {
  teamId: string;
  userId: string;
}

const randomId = () => randomBytes(6).toString("hex");

/** A slash command body (form-encoded), as Slack posts `/retention <text>`. */
export function buildSlashCommandBody(who: SlackUserRef, text: string, responseUrl: string): string {
  return new URLSearchParams({
    token: "legacy-verification-token",
    team_id: who.teamId,
    team_domain: "example",
    channel_id: "C0GENERAL",
    channel_name: "general",
    user_id: who.userId,
    user_name: who.userId.toLowerCase(),
    command: "/retention",
    text,
    api_app_id: "A0APP",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${Date.now()}.${randomId()}`,
  }).toString();
}

export interface ActionInput {
  actionId: string;
  value?: string;
  /** For an overflow: the chosen option's value. */
  selectedValue?: string;
  /** The message the button sits in; omitted for App Home clicks. */
  message?: { channel: string; ts: string };
  /** The message is an ephemeral answer (to a slash command). */
  ephemeral?: boolean;
  responseUrl?: string;
  actionTs?: string;
  triggerId?: string;
}

/** A `block_actions` payload, form-encoded as `payload=<json>`. */
export function buildBlockActionBody(who: SlackUserRef, input: ActionInput): string {
  const actionTs = input.actionTs ?? `${Date.now() / 1000}`;
  const action = input.selectedValue
    ? {
        type: "overflow",
        action_id: input.actionId,
        block_id: "act",
        selected_option: { text: { type: "plain_text", text: "x" }, value: input.selectedValue },
        action_ts: actionTs,
      }
    : {
        type: "button",
        action_id: input.actionId,
        block_id: "act",
        text: { type: "plain_text", text: "x" },
        value: input.value ?? "",
        action_ts: actionTs,
      };
  const payload: Record<string, unknown> = {
    type: "block_actions",
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, username: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: "A0APP",
    token: "legacy-verification-token",
    trigger_id: input.triggerId ?? `${Date.now()}.${randomId()}`,
    actions: [action],
  };
  if (input.message) {
    payload.container = {
      type: "message",
      message_ts: input.message.ts,
      channel_id: input.message.channel,
      is_ephemeral: input.ephemeral ?? false,
    };
    payload.channel = { id: input.message.channel, name: "directmessage" };
    payload.message = { type: "message", ts: input.message.ts, text: "", blocks: [] };
  } else {
    payload.container = { type: "view", view_id: "V0HOME" };
    payload.view = {
      id: "V0HOME",
      type: "home",
      callback_id: "",
      private_metadata: "",
      state: { values: {} },
    };
  }
  if (input.responseUrl) payload.response_url = input.responseUrl;
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** A `view_submission` payload for a modal, with its input values as Slack nests them. */
export function buildViewSubmissionBody(
  who: SlackUserRef,
  view: {
    callbackId: string;
    privateMetadata: string;
    values: Record<string, Record<string, unknown>>;
    id?: string;
  },
): string {
  const payload = {
    type: "view_submission",
    team: { id: who.teamId, domain: "example" },
    user: { id: who.userId, username: who.userId.toLowerCase(), team_id: who.teamId },
    api_app_id: "A0APP",
    token: "legacy-verification-token",
    trigger_id: `${Date.now()}.${randomId()}`,
    view: {
      id: view.id ?? `V${randomId()}`,
      team_id: who.teamId,
      type: "modal",
      callback_id: view.callbackId,
      private_metadata: view.privateMetadata,
      state: { values: view.values },
      hash: randomId(),
    },
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** An Events API envelope for `app_home_opened` (JSON). */
export function buildAppHomeOpenedBody(who: SlackUserRef, eventId = `Ev${randomId()}`): string {
  return JSON.stringify({
    token: "legacy-verification-token",
    team_id: who.teamId,
    api_app_id: "A0APP",
    type: "event_callback",
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: who.teamId, user_id: "U0BOT", is_bot: true, is_enterprise_install: false }],
    event: {
      type: "app_home_opened",
      user: who.userId,
      channel: "D0HOME",
      tab: "home",
      event_ts: `${Date.now() / 1000}`,
    },
  });
}
