/**
 * Every workspace setting an operator can see and change (`retention settings`, `/retention
 * settings workspace`): its key as typed, its meaning, how a typed value is read (zod), and where
 * it lives in the stored settings. To add a setting: add its field to `workspaceSettingsSchema`
 * (settings.ts) and one entry to SETTINGS below; the CLI, Slack and Teams list and change it.
 */
import { z } from "zod";
import { resolveSettings, type WorkspaceSettings } from "./settings.js";
import { decimal, onOff, percent, percentUpTo100, weekdays, wholeNumber, zone } from "./settings-inputs.js";
import { formatWorkingDays } from "./working-days.js";

export interface SettingEntry {
  /** The key as typed: `cadence_a`. */
  key: string;
  /** One sentence: what it changes. */
  meaning: string;
  /** Where the value lives in WorkspaceSettings, e.g. ["cadenceDays", "A"]. */
  path: readonly string[];
  /** Reads the typed text into the stored value; its error messages are shown to the user. */
  input: z.ZodType<unknown, string>;
  /** The stored value as a user would type it back. */
  show(value: unknown): string;
}

const plain = (value: unknown) => String(value);

const hour = (h: unknown) => `${String(h).padStart(2, "0")}:00`;

export const SETTINGS: readonly SettingEntry[] = [
  {
    key: "timezone",
    meaning: "the time zone of reps who have none of their own (IANA name)",
    path: ["timezone"],
    input: zone,
    show: plain,
  },
  {
    key: "working_days",
    meaning: "the days nudges go out, unless a rep has their own (reps CSV `working_days`)",
    path: ["workingDays"],
    input: weekdays,
    show: (v) => formatWorkingDays(v as number[]),
  },
  {
    key: "handful",
    meaning: "the most picks in one rep's daily nudge, unless a rep sets their own",
    path: ["handful"],
    input: wholeNumber(1, 20),
    show: plain,
  },
  {
    key: "nudge_hour",
    meaning: "the local hour the nudge is sent, unless a rep sets their own",
    path: ["nudgeHour"],
    input: wholeNumber(0, 23),
    show: hour,
  },
  {
    key: "cutoff_hour",
    meaning: "a nudge not sent by this local hour (service down) is skipped and recorded as missed",
    path: ["cutoffHour"],
    input: wholeNumber(1, 24),
    show: hour,
  },
  ...(["A", "B", "C"] as const).map(
    (tier): SettingEntry => ({
      key: `cadence_${tier.toLowerCase()}`,
      meaning: `days between contacts for a tier ${tier} account, unless the account has its own`,
      path: ["cadenceDays", tier],
      input: wholeNumber(1, 3650),
      show: plain,
    }),
  ),
  {
    key: "tier_share_a",
    meaning: "tier A: the most valuable accounts that together make this share of the total value",
    path: ["tierShares", "A"],
    input: percent(),
    show: (v) => `${Math.round(Number(v) * 1000) / 10}%`,
  },
  {
    key: "tier_share_b",
    meaning: "tier B: the accounts that make the next share of the value; the rest are tier C",
    path: ["tierShares", "B"],
    input: percent(),
    show: (v) => `${Math.round(Number(v) * 1000) / 10}%`,
  },
  {
    key: "risk_gap_factor",
    meaning: "a regular buyer is at risk when the gap since the last order exceeds this many usual intervals",
    path: ["riskGapFactor"],
    input: decimal(1),
    show: plain,
  },
  {
    key: "review_months",
    meaning: "an A account gets a relationship review pick when its last review is this many months old",
    path: ["reviewMonths"],
    input: wholeNumber(1, 120),
    show: plain,
  },
  {
    key: "win_back_days",
    meaning: "days between win-back contacts with a lost account",
    path: ["winBackDays"],
    input: wholeNumber(1, 3650),
    show: plain,
  },
  {
    key: "escalation_factor",
    meaning: "an A account untouched for this many cadences reaches the manager's neglect report",
    path: ["escalationFactor"],
    input: decimal(1),
    show: plain,
  },
  {
    key: "adaptive_handful",
    meaning: "each rep's handful follows the share of their picks acted on in the last four weeks",
    path: ["adaptiveHandful"],
    input: onOff,
    show: (v) => (v ? "on" : "off"),
  },
  {
    key: "handful_floor",
    meaning: "the adapted handful never goes below this",
    path: ["handfulFloor"],
    input: wholeNumber(1, 20),
    show: plain,
  },
  {
    key: "handful_min_picks",
    meaning: "picks delivered in the last four weeks before the handful adapts",
    path: ["handfulMinPicks"],
    input: wholeNumber(1, 1000),
    show: plain,
  },
  {
    key: "ignored_escalation_days",
    meaning: "an A account whose picks were ignored on this many working days reaches the manager's digest",
    path: ["ignoredEscalationDays"],
    input: wholeNumber(1, 365),
    show: plain,
  },
  {
    key: "noisy_kind_share",
    meaning: "a pick kind ignored more than this share over four weeks is flagged to managers as too noisy",
    path: ["noisyKindShare"],
    input: percentUpTo100(),
    show: (v) => `${Math.round(Number(v) * 1000) / 10}%`,
  },
  {
    key: "reorder_window_days",
    meaning: "a risk pick worked when the customer ordered again within this many days",
    path: ["reorderWindowDays"],
    input: wholeNumber(1, 3650),
    show: plain,
  },
  {
    key: "slack_table_blocks",
    meaning: "Slack reports as table blocks (on), or as aligned text for clients that cannot show them (off)",
    path: ["slackTableBlocks"],
    input: onOff,
    show: (v) => (v ? "on" : "off"),
  },
];

export interface SettingLine {
  key: string;
  value: string;
  default: string;
  meaning: string;
  /** True when the workspace set it (not the default). */
  set: boolean;
}

const DEFAULTS = resolveSettings({});

function valueAt(source: unknown, path: readonly string[]): unknown {
  let here: unknown = source;
  for (const part of path) here = (here as Record<string, unknown> | undefined)?.[part];
  return here;
}

/** Every setting with its value, default and meaning. `stored` is the workspace's raw settings. */
export function describeSettings(stored: Partial<WorkspaceSettings>): SettingLine[] {
  const resolved = resolveSettings(stored);
  return SETTINGS.map((s) => ({
    key: s.key,
    value: s.show(valueAt(resolved, s.path)),
    default: s.show(valueAt(DEFAULTS, s.path)),
    meaning: s.meaning,
    set: valueAt(stored, s.path) !== undefined,
  }));
}

export function findSetting(key: string): SettingEntry | undefined {
  const k = key.trim().toLowerCase().replaceAll("-", "_");
  return SETTINGS.find((s) => s.key === k);
}

export type SettingChange =
  | { ok: true; entry: SettingEntry; stored: Partial<WorkspaceSettings>; shown: string }
  | { ok: false; problem: string };

/**
 * The stored settings with `key` set to the typed `text` (`default` puts the default back), checked
 * whole against the schema; or a sentence saying what is wrong. Pure: nothing is written here.
 */
export function changeSetting(stored: Partial<WorkspaceSettings>, key: string, text: string): SettingChange {
  const entry = findSetting(key);
  if (!entry) {
    return {
      ok: false,
      problem: `there is no setting \`${key}\`; the settings are ${SETTINGS.map((s) => s.key).join(", ")}`,
    };
  }
  const copy = structuredClone(stored) as Record<string, unknown>;
  const reset = text.trim().toLowerCase() === "default";
  let value: unknown;
  if (!reset) {
    const parsed = entry.input.safeParse(text);
    if (!parsed.success) {
      const message = parsed.error.issues[0]?.message ?? "is not valid";
      return { ok: false, problem: `${entry.key} ${quoteValue(text)}: ${message}` };
    }
    value = parsed.data;
  }
  writeAt(copy, entry.path, value);
  const whole = workspaceSettingsCheck(copy);
  if (whole) return { ok: false, problem: `${entry.key} ${quoteValue(text)}: ${whole}` };
  const shown = entry.show(valueAt(resolveSettings(copy), entry.path));
  return { ok: true, entry, stored: copy as Partial<WorkspaceSettings>, shown };
}

function quoteValue(text: string): string {
  return `\`${text.length > 40 ? `${text.slice(0, 40)}…` : text}\``;
}

function writeAt(target: Record<string, unknown>, path: readonly string[], value: unknown): void {
  const [head, ...rest] = path;
  if (head === undefined) return;
  if (rest.length === 0) {
    if (value === undefined) delete target[head];
    else target[head] = value;
    return;
  }
  // A nested object (cadenceDays) is stored whole: complete it from the defaults first.
  const current = (target[head] ?? structuredClone(valueAt(DEFAULTS, [head]))) as Record<string, unknown>;
  writeAt(current, rest, value ?? valueAt(DEFAULTS, path));
  target[head] = current;
}

/** Rules across settings; undefined when the whole is consistent. */
function workspaceSettingsCheck(stored: Record<string, unknown>): string | undefined {
  let resolved: WorkspaceSettings;
  try {
    resolved = resolveSettings(stored);
  } catch (err) {
    return err instanceof z.ZodError ? (err.issues[0]?.message ?? "is not valid") : String(err);
  }
  if (resolved.tierShares.A + resolved.tierShares.B >= 1) {
    return "tier_share_a and tier_share_b together must stay under 100% (tier C is the rest)";
  }
  if (resolved.cutoffHour <= resolved.nudgeHour) {
    return `the cut-off (${hour(resolved.cutoffHour)}) must come after the nudge hour (${hour(resolved.nudgeHour)})`;
  }
  return undefined;
}
