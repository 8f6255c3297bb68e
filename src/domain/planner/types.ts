/**
 * The planner's inputs and outputs: plain data, no I/O. Dates are calendar dates (YYYY-MM-DD)
 * in the rep's own zone; instants are JavaScript Dates.
 */
import type { WorkspaceSettings } from "../settings.js";

export type Tier = "A" | "B" | "C";

/** How a contact was made: the one definition (the schema, CSV files and commands use it). */
export const CHECK_IN_CHANNELS = ["call", "email", "meeting", "video", "message", "other"] as const;
export type CheckInChannel = (typeof CHECK_IN_CHANNELS)[number];

/** How a contact went: the one definition of a check-in's outcome. */
export const CHECK_IN_OUTCOMES = [
  "connected",
  "left_message",
  "no_answer",
  "issue_raised",
  "opportunity",
  "at_risk",
] as const;
export type CheckInOutcome = (typeof CHECK_IN_OUTCOMES)[number];

/** Why an account is in a nudge: the one definition of a pick's kind. */
export const PICK_KINDS = ["promise", "due", "risk", "review", "exit_interview", "win_back"] as const;
export type PickKind = (typeof PICK_KINDS)[number];

/** One account as the planner sees it. */
export interface PlannerAccount {
  id: number;
  externalId: string;
  name: string;
  ownerRepId: number;
  status: "active" | "lost";
  /** The account's tier after Pareto ranking and overrides (see `assignTiers`). */
  tier: Tier;
  /** Rank by value within the workspace's active accounts (1 = most valuable), for reasons. */
  valueRank: number;
  /** Share of active accounts ranked above or level with this one (0..1], for "Top 10%". */
  valuePercentile: number;
  /** Gross profit where present, else revenue. */
  value: number;
  valueBasis: "profit" | "revenue";
  cadenceDays: number | null;
  lastContactAt: Date | null;
  lastChannel: CheckInChannel | null;
  lastOutcome: CheckInOutcome | null;
  /** The note of the last contact, for the suggested opener. */
  lastNote: string | null;
  lastOrderAt: string | null;
  avgOrderIntervalDays: number | null;
  lastReviewAt: Date | null;
  customerSince: string | null;
  /** Leave out of plans before this local date (exclusive: due again on it). */
  snoozedUntil: string | null;
  /** Lost accounts only. */
  departure: PlannerDeparture | null;
}

export interface PlannerDeparture {
  lostOn: string;
  reason: string;
  exitInterviewRepId: number | null;
  exitInterviewAt: Date | null;
  lastWinBackAt: Date | null;
}

export interface PlannerPromise {
  id: number;
  accountId: number;
  repId: number;
  dueAt: Date;
  what: string;
}

export interface PlannerRep {
  id: number;
  workspaceId: number;
  timezone: string;
  handful: number;
  /** Paused until this local date (inclusive) — no picks; a backup takes the due ones. */
  pausedUntil: string | null;
  backupRepId: number | null;
  /** Shown in a backup's reasons ("covering for Ana Lima"); optional. */
  name?: string;
}

/** Everything needed to plan one day for a set of reps of one workspace. */
export interface PlanInput {
  /** The local calendar date being planned (each rep's own "today"). */
  date: string;
  /** The instant of planning; promises due before the end of `date` in the rep's zone count. */
  now: Date;
  settings: WorkspaceSettings;
  reps: PlannerRep[];
  /** Candidate accounts: those owned by the reps (and by reps they back up), plus lost ones. */
  accounts: PlannerAccount[];
  promises: PlannerPromise[];
  /**
   * Pickable accounts per planned-for rep that the loader counted but did not send (only the
   * best ones travel); they count towards "and N more due". Absent: every candidate was sent.
   */
  unloadedCandidates?: ReadonlyMap<number, number>;
}

export interface Pick {
  accountId: number;
  externalId: string;
  accountName: string;
  kind: PickKind;
  /** One line a rep understands, e.g. "Top 10% by revenue · 23 days since last call (every 7)". */
  reason: string;
  /** One sentence telling the rep what to say (opener.ts). */
  opener: string;
  score: number;
  promiseId: number | null;
}

export interface RepPlan {
  repId: number;
  picks: Pick[];
}
