/**
 * Bot Framework activities shaped as Microsoft Teams sends them to `/api/messages` for a user in a
 * personal chat with the bot: installation updates, the bot joining, messages (typed, or sent by
 * an Action.Submit), and `adaptiveCard/action` invokes from Action.Execute buttons.
 */
import { randomUUID } from "node:crypto";

export interface TeamsTestUser {
  /** The Teams user id ("29:…"). */
  id: string;
  name: string;
  /** The Entra object id, matched against reps.teams_user_id. */
  aadObjectId: string;
}

export interface TeamsActivityOptions {
  serviceUrl: string;
  tenantId: string;
  user: TeamsTestUser;
  /** The personal conversation's id; one per user by default. */
  conversationId?: string;
  botId?: string;
}

export type Activity = Record<string, unknown>;

export function buildTeamsUser(n: number, name = `User ${n}`): TeamsTestUser {
  return { id: `29:user-${n}`, name, aadObjectId: `00000000-0000-4000-8000-${String(n).padStart(12, "0")}` };
}

export function buildTeamsActivities(options: TeamsActivityOptions) {
  const botId = options.botId ?? "28:retention-bot";
  const conversationId = options.conversationId ?? `a:personal-${options.user.id}`;
  const base = (type: string, extra: Activity = {}): Activity => ({
    type,
    id: `f:${randomUUID()}`,
    timestamp: new Date().toISOString(),
    localTimestamp: new Date().toISOString(),
    serviceUrl: options.serviceUrl,
    channelId: "msteams",
    from: { id: options.user.id, name: options.user.name, aadObjectId: options.user.aadObjectId },
    conversation: { conversationType: "personal", tenantId: options.tenantId, id: conversationId },
    recipient: { id: botId, name: "Retention" },
    channelData: { tenant: { id: options.tenantId } },
    locale: "en-US",
    ...extra,
  });
  return {
    conversationId,
    botId,
    installationAdd: () => base("installationUpdate", { action: "add" }),
    installationRemove: () => base("installationUpdate", { action: "remove" }),
    botAdded: () =>
      base("conversationUpdate", {
        membersAdded: [{ id: botId }],
        channelData: { tenant: { id: options.tenantId }, eventType: "teamMemberAdded" },
      }),
    message: (text: string, extra: Activity = {}) => base("message", { text, textFormat: "plain", ...extra }),
    /** What an Action.Submit button sends: a message whose value is the button's data and the inputs. */
    submit: (value: Activity, replyToId: string) => base("message", { value, replyToId }),
    /** What Teams sends when the user views a card with a `refresh`: that refresh's Action.Execute. */
    refresh: (card: unknown) => {
      const action = (card as { refresh?: { action?: Activity } }).refresh?.action ?? {};
      return base("invoke", { name: "adaptiveCard/action", value: { action, trigger: "automatic" } });
    },
    /** What an Action.Execute button sends. */
    invoke: (data: Activity, extra: Activity = {}) =>
      base("invoke", {
        name: "adaptiveCard/action",
        value: { action: { type: "Action.Execute", verb: data.rb, data }, trigger: "manual" },
        ...extra,
      }),
  };
}

/** POSTs an activity to the bot; returns the status and the parsed body (an invoke's answer). */
export async function postActivity(
  baseUrl: string,
  activity: Activity,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${baseUrl}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(activity),
  });
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    // Plain-text answers stay text.
  }
  return { status: response.status, body };
}
