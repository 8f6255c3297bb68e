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

/** Said to a Slack user who is not a rep (yet). */
export const UNKNOWN_USER_TEXT =
  "I don't know you yet. Ask your admin to add you to the reps file (with the email you use in Slack) and run `retention import`; then try again.";

/** Said when Slack reaches us from a team that is not installed. */
export const UNKNOWN_TEAM_TEXT =
  "This Slack workspace is not connected to Retention bot. Ask your admin to install the app for it.";

/** Said when something failed on our side (the database is down, say): nothing was changed. */
export const FAILED_TEXT =
  ":warning: Something went wrong on our side and nothing was changed. Please try again in a minute.";
