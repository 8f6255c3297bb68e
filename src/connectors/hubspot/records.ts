/**
 * HubSpot records as the connector reads them (CRM v3 objects: `{id, properties, updatedAt}`,
 * every property a string or null), checked with zod and turned into the connector port's plain
 * data. A record that does not fit is reported, not guessed.
 */
import { z } from "zod";
import type { CrmAccount, CrmActivity, CrmOwner } from "../../app/connectors/crm-connector.js";

export type EngagementType = "calls" | "emails" | "meetings";

/** The properties read from each object type. */
export const COMPANY_PROPERTIES = [
  "name",
  "domain",
  "annualrevenue",
  "hubspot_owner_id",
  "hs_lastmodifieddate",
];
export const ENGAGEMENT_PROPERTIES: Record<EngagementType, string[]> = {
  calls: ["hs_timestamp", "hubspot_owner_id", "hs_call_title", "hs_call_status", "hs_lastmodifieddate"],
  emails: ["hs_timestamp", "hubspot_owner_id", "hs_email_subject", "hs_lastmodifieddate"],
  meetings: [
    "hs_timestamp",
    "hubspot_owner_id",
    "hs_meeting_title",
    "hs_meeting_outcome",
    "hs_lastmodifieddate",
  ],
};

const KIND: Record<EngagementType, CrmActivity["kind"]> = {
  calls: "call",
  emails: "email",
  meetings: "meeting",
};

const prop = z.string().nullish();
const recordSchema = z.object({
  id: z.string().regex(/^\d+$/, "is not a HubSpot record id"),
  properties: z.record(z.string(), prop),
  updatedAt: z.date().optional(),
});
type HubSpotRecord = z.infer<typeof recordSchema>;

export const ownerSchema = z.object({
  id: z.string().min(1),
  email: z.string().optional(),
  firstName: z.string().optional(),
  lastName: z.string().optional(),
});

/** An owner, or a reason to leave it out (no email). */
export function toOwner(raw: unknown): CrmOwner | string {
  const parsed = ownerSchema.safeParse(raw);
  if (!parsed.success) return `is not an owner: ${parsed.error.issues[0]?.message}`;
  const { id, email, firstName, lastName } = parsed.data;
  if (!email) return "has no email";
  return { id, email, name: [firstName, lastName].filter(Boolean).join(" ") || email };
}

export function parseRecord(raw: unknown): HubSpotRecord | string {
  const parsed = recordSchema.safeParse(raw);
  return parsed.success ? parsed.data : `is not a HubSpot record: ${parsed.error.issues[0]?.message}`;
}

/** The record's value of its stream's sort property as an ISO instant (the stream's cursor). */
export function sortValue(record: HubSpotRecord, property: string): string | undefined {
  const value = record.properties[property];
  const ms = value ? Date.parse(value) : (record.updatedAt?.getTime() ?? Number.NaN);
  return Number.isFinite(ms) ? new Date(ms).toISOString() : undefined;
}

export function toAccount(record: HubSpotRecord): CrmAccount {
  const p = record.properties;
  const revenue = p.annualrevenue ? Number(p.annualrevenue) : Number.NaN;
  return {
    externalId: record.id,
    name: (p.name?.trim() || p.domain?.trim() || `HubSpot company ${record.id}`).slice(0, 200),
    ownerId: p.hubspot_owner_id?.trim() || null,
    annualRevenue: Number.isFinite(revenue) && revenue >= 0 ? revenue : null,
  };
}

/** Why an engagement is not a contact (a call not answered, a meeting cancelled), or undefined. */
export function notAContact(type: EngagementType, record: HubSpotRecord): string | undefined {
  const p = record.properties;
  if (type === "calls" && p.hs_call_status && p.hs_call_status !== "COMPLETED") {
    return `the call was not completed (${p.hs_call_status})`;
  }
  if (type === "meetings" && (p.hs_meeting_outcome === "CANCELED" || p.hs_meeting_outcome === "NO_SHOW")) {
    return `the meeting did not take place (${p.hs_meeting_outcome})`;
  }
  if (!p.hs_timestamp || !Number.isFinite(Date.parse(p.hs_timestamp))) return "it has no time (hs_timestamp)";
  return undefined;
}

/** One contact per company the engagement is associated with. */
export function toActivities(
  type: EngagementType,
  record: HubSpotRecord,
  companyIds: string[],
): CrmActivity[] {
  const p = record.properties;
  const kind = KIND[type];
  const summary =
    (type === "calls" ? p.hs_call_title : type === "emails" ? p.hs_email_subject : p.hs_meeting_title) ??
    null;
  const at = new Date(Date.parse(p.hs_timestamp ?? "")).toISOString();
  return companyIds.map((companyId) => ({
    externalId: `${kind}-${record.id}-company-${companyId}`,
    accountExternalId: companyId,
    ownerId: p.hubspot_owner_id?.trim() || null,
    kind,
    at,
    summary: summary?.trim() || null,
  }));
}
