/**
 * The workspace's value ranking (planner rule 1) without sorting a million accounts. The database
 * returns a histogram of active accounts by value (buckets on a log scale: count and value per
 * bucket) in one scan; the buckets where the cumulative share crosses 80% and 95% are then read
 * account by account to find the exact last A and last B account. Accounts are tiered in SQL by
 * comparing (value, id) with those two, which gives the same tiers as `rankByValue`.
 * Ranks for reasons ("Top 10%") are read off the histogram: exact in small workspaces (every
 * account is read), elsewhere the lowest rank within the account's bucket (never flattering).
 */
import { type SQL, sql } from "drizzle-orm";
import { byValueDescending, paretoTier } from "../domain/planner/tiers.js";
import type { WorkspaceSettings } from "../domain/settings.js";
import { queryRows, type Tx } from "./database.js";

/** Up to this many active accounts, every one is read and ranks are exact. */
const EXACT_UP_TO = 5_000;

export interface RankedPoint {
  id: number;
  value: number;
}

export interface ValueRanking {
  /** Active accounts in the workspace. */
  count: number;
  /** The least valuable A and B accounts by the Pareto rule; null when that tier is empty. */
  lastA: RankedPoint | null;
  lastB: RankedPoint | null;
  /** Per bucket: how many active accounts rank in it or above it. */
  rankAtBucketEnd: Map<number, number>;
  /** Exact ranks by account id, when there are few active accounts. */
  exactRanks: Map<number, number> | null;
}

/** The value of the account aliased `a`: gross profit, else revenue. */
export const valueSql = sql`coalesce(a.gross_profit, a.annual_revenue)`;
/** The histogram bucket of the account aliased `a` (40 buckets per factor e of value). */
export const bucketSql = sql`floor(ln(1 + greatest(${valueSql}, 0)) * 40)::int`;

export async function loadValueRanking(
  db: Tx,
  workspaceId: number,
  shares: WorkspaceSettings["tierShares"],
): Promise<ValueRanking> {
  const buckets = await queryRows<{ bucket: number; n: number; total: number }>(
    db,
    sql`select ${bucketSql} as bucket, count(*)::int as n, sum(greatest(${valueSql}, 0))::float8 as total
        from accounts a where a.workspace_id = ${workspaceId} and a.status = 'active'
        group by 1 order by 1 desc`,
  );
  const count = buckets.reduce((n, b) => n + b.n, 0);
  const total = buckets.reduce((sum, b) => sum + b.total, 0);
  const rankAtBucketEnd = new Map<number, number>();
  const valueAbove = new Map<number, number>();
  let ranked = 0;
  let above = 0;
  for (const b of buckets) {
    valueAbove.set(b.bucket, above);
    ranked += b.n;
    above += b.total;
    rankAtBucketEnd.set(b.bucket, ranked);
  }

  // The buckets holding the first account of each tier below A: the last A and last B are there.
  const crossing = (share: number) =>
    buckets.find((b) => valueAbove.get(b.bucket)! + b.total >= share * total);
  const wanted =
    count <= EXACT_UP_TO
      ? null
      : [
          ...new Set(
            [crossing(shares.A), crossing(shares.A + shares.B)].flatMap((b) => (b ? [b.bucket] : [])),
          ),
        ];
  // A cheap value range first (widened against rounding), then the exact bucket test.
  const onlyWanted =
    wanted === null
      ? sql`true`
      : sql`(${sql.join(
          wanted.map(
            (b) => sql`${valueSql} between ${Math.exp(b / 40) - 1.001} and ${Math.exp((b + 1) / 40) + 0.001}`,
          ),
          sql` or `,
        )}) and ${bucketSql} = any(${`{${wanted.join(",")}}`}::int[])`;
  const members = await queryRows<RankedPoint & { bucket: number }>(
    db,
    sql`select a.id, ${valueSql}::float8 as value, ${bucketSql} as bucket
        from accounts a where a.workspace_id = ${workspaceId} and a.status = 'active' and ${onlyWanted}`,
  );
  members.sort(byValueDescending);

  let lastA: RankedPoint | null = null;
  let lastB: RankedPoint | null = null;
  const running = new Map<number, number>();
  for (const m of members) {
    const before = running.get(m.bucket) ?? valueAbove.get(m.bucket) ?? 0;
    const tier = total > 0 ? paretoTier(before, total, shares) : "C";
    if (tier === "A") lastA = { id: m.id, value: m.value };
    if (tier === "B") lastB = { id: m.id, value: m.value };
    running.set(m.bucket, before + Math.max(0, m.value));
  }
  return {
    count,
    lastA,
    lastB,
    rankAtBucketEnd,
    exactRanks: wanted === null ? new Map(members.map((m, index) => [m.id, index + 1])) : null,
  };
}

/** Rank (1 = most valuable) and percentile of an active account in its bucket. */
export function standingOf(
  ranking: ValueRanking,
  account: RankedPoint & { bucket: number },
): { valueRank: number; valuePercentile: number } {
  if (ranking.count === 0) return { valueRank: 0, valuePercentile: 1 };
  const valueRank =
    ranking.exactRanks?.get(account.id) ?? ranking.rankAtBucketEnd.get(account.bucket) ?? ranking.count;
  return { valueRank, valuePercentile: valueRank / ranking.count };
}

/** SQL for the tier of the account aliased `a`, its hand-set tier first. */
export function tierSql(ranking: ValueRanking): SQL {
  const atOrAbove = (p: RankedPoint | null) =>
    p === null
      ? sql`false`
      : sql`(${valueSql} > ${p.value}::float8 or (${valueSql} = ${p.value}::float8 and a.id <= ${p.id}))`;
  return sql`coalesce(a.tier_override, case when ${atOrAbove(ranking.lastA)} then 'A' when ${atOrAbove(ranking.lastB)} then 'B' else 'C' end)`;
}
