/** What every Slack listener needs: the use cases' context and the team ↔ workspace map. */
import type { AppContext } from "../../app/ports.js";
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
  /** One render of a nudge message at a time (see NudgeUpdates). */
  nudgeUpdates: NudgeUpdates;
}
