/** What every Slack listener needs: the use cases' context and the team ↔ workspace map. */
import type { BlockAction, RespondFn, webApi } from "@slack/bolt";
import type { AppContext, PickAction } from "../../app/ports.js";
import type { NudgeUpdates } from "./nudge-updates.js";
import type { SlackTeams } from "./slack-teams.js";
import type { ActorCache } from "./slack-users.js";
import type { WorkQueue } from "./work-queue.js";

export interface SlackDeps {
  ctx: AppContext;
  teams: SlackTeams;
  actors: ActorCache;
  /** Runs what follows an acknowledgement, a bounded number at a time. */
  afterAck: WorkQueue;
  /** Clicks recorded before their acknowledgement, worked by any replica (decision record 0007). */
  inbox: ClickReceiver;
  /** One render of a nudge message at a time (see NudgeUpdates). */
  nudgeUpdates: NudgeUpdates;
}

/** A pick action read from a click: which pick, and what to do with it. */
export interface ClickInput {
  pickId: number;
  action: PickAction;
}

/** Takes a click before its acknowledgement (the click inbox, click-inbox.ts). */
export interface ClickReceiver {
  receive(
    click: { body: BlockAction; input: ClickInput },
    reply: { client: webApi.WebClient; respond: RespondFn | undefined; ack: () => Promise<void> },
  ): Promise<void>;
}
