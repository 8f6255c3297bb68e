/** Shared by the daily-run tests: an AppContext over a test database, and reading nudges back. */
import { asc, sql } from "drizzle-orm";
import pino from "pino";
import type { PlanRepsFn } from "../../../src/app/morning/plan-claimed.js";
import type { AppContext, ChatChannel } from "../../../src/app/ports.js";
import { type Db, queryRows } from "../../../src/storage/database.js";
import { nudges } from "../../../src/storage/schema.js";

export function makeContext(db: Db, channels: ChatChannel[], now = new Date()): AppContext {
  return { db, clock: () => now, logger: pino({ level: "silent" }), channels };
}

export type NudgeRow = typeof nudges.$inferSelect;

export async function allNudges(db: Db): Promise<NudgeRow[]> {
  return db.select().from(nudges).orderBy(asc(nudges.repId), asc(nudges.localDate));
}

export async function picksOf(db: Db, nudgeId: number): Promise<{ accountId: number; status: string }[]> {
  return queryRows(
    db,
    sql`select account_id as "accountId", status from picks where nudge_id = ${nudgeId} order by position`,
  );
}

/**
 * A stand-in planner for tests about the daily run itself (not the planner's rules): a rep's
 * active accounts not contacted in the last 7 days, most valuable first, five at most.
 */
export const simplePlanner: PlanRepsFn = async (db, { now, repIds = [] }) => {
  const rows = await queryRows<{ repId: number; accountId: number; externalId: string; name: string }>(
    db,
    sql`select owner_rep_id as "repId", id as "accountId", external_id as "externalId", name
        from accounts
        where status = 'active'
          and owner_rep_id = any(${`{${repIds.join(",")}}`}::int[])
          and (last_contact_at is null or last_contact_at < ${now.toISOString()}::timestamptz - interval '7 days')
        order by annual_revenue desc, id`,
  );
  const moreDue = new Map<number, number>();
  const plans = repIds.map((repId) => {
    const mine = rows.filter((r) => r.repId === repId);
    if (mine.length > 5) moreDue.set(repId, mine.length - 5);
    return {
      repId,
      picks: mine.slice(0, 5).map((r) => ({
        accountId: r.accountId,
        externalId: r.externalId,
        accountName: r.name,
        kind: "due" as const,
        reason: "Due for a call",
        opener: "Ask how things are going.",
        score: 1,
        promiseId: null,
      })),
    };
  });
  return { plans, moreDue };
};
