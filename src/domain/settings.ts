import { z } from "zod";
import { isValidZone } from "./time.js";

/** ISO weekday: 1 = Monday … 7 = Sunday. */
export const weekdaySchema = z.number().int().min(1).max(7);

/** Planner and scheduler defaults of a workspace; every field has a default. */
export const workspaceSettingsSchema = z.object({
  timezone: z.string().refine(isValidZone, "unknown IANA time zone").default("UTC"),
  handful: z.number().int().min(1).max(20).default(5),
  nudgeHour: z.number().int().min(0).max(23).default(9),
  /** Local hour after which a nudge not yet sent that day is recorded as missed. */
  cutoffHour: z.number().int().min(1).max(24).default(12),
  workingDays: z.array(weekdaySchema).min(1).default([1, 2, 3, 4, 5]),
  cadenceDays: z
    .object({ A: z.number().int().min(1), B: z.number().int().min(1), C: z.number().int().min(1) })
    .default({ A: 7, B: 30, C: 90 }),
  /** Cumulative value shares: A up to 80%, B the next 15%, C the rest. */
  tierShares: z.object({ A: z.number().gt(0).lt(1), B: z.number().gt(0).lt(1) }).default({ A: 0.8, B: 0.15 }),
  /** A regular buyer is at risk when the purchase gap exceeds this many usual intervals. */
  riskGapFactor: z.number().gt(1).default(1.5),
  reviewMonths: z.number().int().min(1).default(6),
  winBackDays: z.number().int().min(1).default(90),
  /** An A account untouched for this many cadences reaches the manager's neglect report. */
  escalationFactor: z.number().gt(1).default(2),
  /** Adapt each rep's handful to the share of picks acted on (domain/planner/handful.ts). */
  adaptiveHandful: z.boolean().default(true),
  /** The adapted handful never goes below this (nor above the rep's set handful). */
  handfulFloor: z.number().int().min(1).max(20).default(2),
  /** Delivered picks needed in the last four weeks before the handful adapts. */
  handfulMinPicks: z.number().int().min(1).default(10),
  /** An A account whose picks were ignored on this many working days reaches the manager's digest. */
  ignoredEscalationDays: z.number().int().min(1).default(3),
  /** A pick kind ignored more than this share over four weeks is flagged to managers as too noisy. */
  noisyKindShare: z.number().gt(0).lte(1).default(0.8),
  /** A risk pick "worked" when the customer ordered again within this many days. */
  reorderWindowDays: z.number().int().min(1).default(60),
  /** Slack reports as table blocks (`on`), or as aligned monospace text for clients without them. */
  slackTableBlocks: z.boolean().default(true),
});

export type WorkspaceSettings = z.infer<typeof workspaceSettingsSchema>;

/** The stored (partial) settings completed with defaults. */
export function resolveSettings(stored: unknown): WorkspaceSettings {
  return workspaceSettingsSchema.parse(stored ?? {});
}
