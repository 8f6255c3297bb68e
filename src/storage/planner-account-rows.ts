/**
 * The columns of an account as the planner sees it, shared by the candidate query (which returns
 * its best candidates whole, in the same round trip) and by the loader of the few accounts the
 * candidate query does not return (lost accounts, due promises).
 */
import { type SQL, sql } from "drizzle-orm";
import type { CheckInChannel, CheckInOutcome, PlannerAccount, Tier } from "../domain/planner/types.js";
import { bucketSql, standingOf, type ValueRanking, valueSql } from "./value-ranking.js";

/** Instants travel as epoch milliseconds and dates as text: both drivers then agree. */
export const msSql = (column: string) => sql.raw(`(extract(epoch from ${column}) * 1000)::float8`);

/** The account's own columns (aliased `a`); the snooze and departure columns come from elsewhere. */
export function accountColumnsSql(_ranking?: ValueRanking): SQL {
  return sql`a.id, a.external_id, a.name, a.owner_rep_id, a.status, a.tier, ${bucketSql} as bucket,
      ${valueSql}::float8 as value, a.gross_profit is not null as by_profit, a.tier_override is not null as tier_by_hand, a.cadence_days,
      ${msSql("a.last_contact_at")} as last_contact_ms, a.last_channel, a.last_outcome, a.last_note,
      a.last_order_at::text as last_order_at, a.avg_order_interval_days,
      ${msSql("a.last_review_at")} as last_review_ms, a.customer_since::text as customer_since`;
}

export interface AccountRow {
  id: number;
  external_id: string;
  name: string;
  owner_rep_id: number;
  status: "active" | "lost";
  tier: Tier;
  bucket: number;
  value: number;
  by_profit: boolean;
  tier_by_hand: boolean;
  cadence_days: number | null;
  last_contact_ms: number | null;
  last_channel: CheckInChannel | null;
  last_outcome: CheckInOutcome | null;
  last_note: string | null;
  last_order_at: string | null;
  avg_order_interval_days: number | null;
  last_review_ms: number | null;
  customer_since: string | null;
  /** Absent when the query leaves snoozed accounts out. */
  snoozed_until?: string | null;
  /** Absent for active accounts (only a lost account has an open departure). */
  lost_on?: string | null;
  lost_reason?: string | null;
  exit_interview_rep_id?: number | null;
  exit_interview_ms?: number | null;
  last_win_back_ms?: number | null;
}

const toDate = (msOrNull: number | null | undefined) =>
  msOrNull === null || msOrNull === undefined ? null : new Date(msOrNull);

export function toPlannerAccount(r: AccountRow, ranking: ValueRanking): PlannerAccount {
  // Lost accounts are outside the ranking of active ones: rank 0 means "not ranked".
  const standing =
    r.status === "active"
      ? standingOf(ranking, { id: r.id, value: r.value, bucket: r.bucket })
      : { valueRank: 0, valuePercentile: 1 };
  return {
    id: r.id,
    externalId: r.external_id,
    name: r.name,
    ownerRepId: r.owner_rep_id,
    status: r.status,
    tier: r.tier,
    tierByHand: r.tier_by_hand,
    ...standing,
    value: r.value,
    valueBasis: r.by_profit ? "profit" : "revenue",
    cadenceDays: r.cadence_days,
    lastContactAt: toDate(r.last_contact_ms),
    lastChannel: r.last_channel,
    lastOutcome: r.last_outcome,
    lastNote: r.last_note,
    lastOrderAt: r.last_order_at,
    avgOrderIntervalDays: r.avg_order_interval_days,
    lastReviewAt: toDate(r.last_review_ms),
    customerSince: r.customer_since,
    snoozedUntil: r.snoozed_until ?? null,
    departure:
      r.lost_on === null || r.lost_on === undefined
        ? null
        : {
            lostOn: r.lost_on,
            reason: r.lost_reason ?? "",
            exitInterviewRepId: r.exit_interview_rep_id ?? null,
            exitInterviewAt: toDate(r.exit_interview_ms),
            lastWinBackAt: toDate(r.last_win_back_ms),
          },
  };
}
