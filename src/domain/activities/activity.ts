/**
 * An activity delivered by the activity API or a CRM connector: a call, email, meeting or note
 * (a contact) or an order (not a contact: it moves the account's last order). Validated here,
 * whatever door it came through; a batch is accepted whole or not at all.
 */
import { z } from "zod";
import type { CheckInChannel } from "../planner/types.js";

export const ACTIVITY_KINDS = ["call", "email", "meeting", "note", "order"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

/** The most activities one request may carry. */
export const MAX_ACTIVITIES_PER_BATCH = 1000;
/** How far in the future an activity's time may be (the sender's clock may run ahead). */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

const text = (max: number) => z.string().trim().min(1).max(max);

export const activitySchema = z.strictObject({
  source: text(64).regex(/^[a-z0-9][a-z0-9_.-]*$/i, "use letters, digits, dot, dash or underscore"),
  external_id: text(200),
  account_external_id: text(200),
  rep_email: z.email().max(320).optional(),
  kind: z.enum(ACTIVITY_KINDS),
  at: z.iso.datetime({ offset: true }),
  summary: z.string().max(2000).optional(),
});

export type Activity = z.infer<typeof activitySchema>;

const batchSchema = z.array(activitySchema);

/** A problem with one activity of a batch, by its index. */
export interface ActivityProblem {
  index: number;
  field: string;
  reason: string;
}

/**
 * The activities of a request body (one activity, or `{activities: [...]}`), or every problem
 * found: each by index, field and reason. An activity dated after `now` plus the allowed skew,
 * or a (source, external id) twice in one batch, is a problem too.
 */
export function parseActivities(
  body: unknown,
  now: Date,
): { ok: true; activities: Activity[] } | { ok: false; problems: ActivityProblem[] } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return {
      ok: false,
      problems: [{ index: -1, field: "", reason: 'send one activity or {"activities": [...]}' }],
    };
  }
  const items = "activities" in body ? (body.activities as unknown) : [body];
  if (!Array.isArray(items) || items.length === 0 || items.length > MAX_ACTIVITIES_PER_BATCH) {
    return {
      ok: false,
      problems: [
        {
          index: -1,
          field: "activities",
          reason: `send between 1 and ${MAX_ACTIVITIES_PER_BATCH} activities`,
        },
      ],
    };
  }
  const problems: ActivityProblem[] = [];
  // One parse of the whole batch (a schema per item costs more at 1,000 items); its issues say
  // which item by the first step of their path.
  const parsed = batchSchema.safeParse(items);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [index, ...path] = issue.path;
      problems.push({
        index: typeof index === "number" ? index : -1,
        field: path.length > 0 ? path.join(".") : issueKeys(issue),
        reason: issue.message,
      });
    }
  }
  const activities = parsed.success ? parsed.data : [];
  const seen = new Map<string, number>();
  const latest = now.getTime() + MAX_CLOCK_SKEW_MS;
  items.forEach((item, index) => {
    const activity = (parsed.success ? parsed.data[index] : item) as Partial<Activity> | undefined;
    if (typeof activity?.at === "string" && Date.parse(activity.at) > latest) {
      problems.push({ index, field: "at", reason: "is in the future (more than 5 minutes ahead)" });
    }
    if (typeof activity?.source !== "string" || typeof activity.external_id !== "string") return;
    const key = `${activity.source.trim()}\u0000${activity.external_id.trim()}`;
    const first = seen.get(key);
    if (first !== undefined) {
      problems.push({ index, field: "external_id", reason: `repeats activity ${first} of this batch` });
    } else seen.set(key, index);
  });
  problems.sort((a, b) => a.index - b.index);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, activities };
}

function issueKeys(issue: z.core.$ZodIssue): string {
  return "keys" in issue && Array.isArray(issue.keys) ? issue.keys.join(",") : "";
}

/** The check-in channel of a contact activity (an order is no contact). */
export function channelOfActivity(kind: Exclude<ActivityKind, "order">): CheckInChannel {
  return kind === "note" ? "other" : kind;
}

/** How a source is shown to people ("hubspot" → "HubSpot"). */
export function sourceLabel(source: string): string {
  const known: Record<string, string> = {
    hubspot: "HubSpot",
    salesforce: "Salesforce",
    pipedrive: "Pipedrive",
  };
  return known[source.toLowerCase()] ?? source;
}
