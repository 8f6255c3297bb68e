/**
 * The interfaces the use cases need from the outside world. Slack, Teams and the logging channel
 * implement `ChatChannel`; the database is reached through `Db`; time comes from `Clock`.
 */
import type { Logger } from "pino";
import type { CheckInChannel, PickKind } from "../domain/planner/types.js";
import type { Db } from "../storage/database.js";
import type { Reply } from "./replies.js";

export type Clock = () => Date;

/** The rep a message goes to, with every identity a channel may use to reach them. */
export interface Recipient {
  repId: number;
  workspaceId: number;
  email: string;
  name: string;
  timezone: string;
  slackUserId: string | null;
  teamsUserId: string | null;
}

/** One pick as a rep sees it in a message. */
export interface PickView {
  pickId: number;
  accountId: number;
  accountName: string;
  kind: PickKind;
  reason: string;
  /** The suggested opener: what to say (empty on picks planned before openers existed). */
  opener: string;
  status: "open" | "done" | "snoozed" | "skipped";
  /** The last logged contact, for context: when, how, and its note. */
  lastContact: { at: Date; channel: CheckInChannel; note: string | null } | null;
  contact: { name: string | null; email: string | null; phone: string | null };
  /** Filled once the pick is done or snoozed. */
  done: { byName: string; at: Date; label: string; undoUntil: Date | null } | null;
  promise: { what: string; dueAt: Date } | null;
}

/** A rep's nudge for one local day, ready to render. */
export interface NudgeView {
  nudgeId: number;
  localDate: string;
  recipient: Recipient;
  picks: PickView[];
  /** Due picks that did not fit the handful and roll forward. */
  moreCount: number;
}

/** Where a sent message lives, so that it can be updated in place later. */
export type MessageRef = Record<string, string>;

/** Thrown by a channel when a send fails; `retryAfterMs` when the platform said when to retry. */
export class ChannelSendError extends Error {
  constructor(
    message: string,
    readonly options: { retryAfterMs?: number; permanent?: boolean } = {},
  ) {
    super(message);
    this.name = "ChannelSendError";
  }
}

/** The one way a message leaves the core. */
export interface ChatChannel {
  readonly platform: "slack" | "teams" | "log";
  /** True when this channel can try to reach the rep (it may still fail at send time). */
  canReach(recipient: Recipient): boolean | Promise<boolean>;
  /** `canReach` for many recipients at once (one lookup for a batch), answers in their order. */
  canReachAll?(recipients: readonly Recipient[]): Promise<boolean[]>;
  /** Sends the morning nudge; returns where it went. Throws ChannelSendError on failure. */
  sendNudge(nudge: NudgeView): Promise<MessageRef>;
  /** Replaces a sent nudge in place (after a click made elsewhere, say). */
  updateNudge(ref: MessageRef, nudge: NudgeView): Promise<void>;
  /** Sends a direct message that is not a nudge (a manager told of "Not my account", a digest). */
  notify(recipient: Recipient, reply: Reply): Promise<void>;
}

/** What every use case receives. */
export interface AppContext {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** Channels in order of preference; the first that can reach a rep carries their nudge. */
  channels: ChatChannel[];
  /** The manager's dashboard link (signed and personal with a chat platform); undefined when none can be made. */
  dashboardLink?: (actor: Actor, now: Date) => string | undefined;
}

/** Who is acting, as resolved by an adapter from the platform's user id. Never from a payload. */
export interface Actor {
  workspaceId: number;
  repId: number;
  role: "rep" | "manager" | "admin";
  name: string;
  timezone: string;
}

export type { PickAction } from "../domain/outcomes/pick-action.js";
