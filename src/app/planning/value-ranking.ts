/**
 * The workspace's value ranking (SPEC rule 1), computed by the database in one pass: a window
 * function ranks the active accounts by value and sums the value ranked above each one. Only a
 * few rows come back to Node: the last A and the last B account (the tier boundaries) and a
 * ladder of every `step`-th account, from which any account's rank is read (domain/planner/tiers.ts).
 * Accounts are then tiered in SQL by comparing (value, id) with the boundaries.
 */
import { type SQL, sql } from "drizzle-orm";
import { rankFromLadder, type ValueLadder } from "../../domain/planner/tiers.js";
import type { Tier } from "../../domain/planner/types.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { queryRows, type Tx } from "../../storage/database.js";

/** At most this many ladder rungs: ranks are exact up to this many active accounts. */
const LADDER_RUNGS = 2_000;

export interface RankedPoint {
  id: number;
  value: number;
}

export interface ValueRanking {
  ladder: ValueLadder;
  /** The least valuable A and B accounts by the Pareto rule; null when that tier is empty. */
  lastA: RankedPoint | null;
  lastB: RankedPoint | null;
}

export async function loadValueRanking(
  db: Tx,
  workspaceId: number,
  shares: WorkspaceSettings["tierShares"],
): Promise<ValueRanking> {
  const rows = await queryRows<{
    id: number;
    value: number;
    rn: number;
    n: number;
    tier: Tier;
    last_of_tier: boolean;
  }>(
    db,
    sql`
    with ranked as (
      select id, value,
        row_number() over w as rn,
        coalesce(sum(greatest(value, 0)) over (w rows between unbounded preceding and 1 preceding), 0) as above,
        sum(greatest(value, 0)) over () as total,
        count(*) over () as n
      from (
        select id, coalesce(gross_profit, annual_revenue) as value
        from accounts where workspace_id = ${workspaceId} and status = 'active'
      ) v
      window w as (order by value desc, id)
    ),
    tiered as (
      select id, value, rn, n,
        case when above < ${shares.A}::float8 * total then 'A'
             when above < ${shares.A + shares.B}::float8 * total then 'B'
             else 'C' end as tier
      from ranked
    ),
    edged as (select *, lead(tier) over (order by rn) as next_tier from tiered)
    select id, value::float8 as value, rn::int as rn, n::int as n, tier,
      (next_tier is distinct from tier) as last_of_tier
    from edged
    where rn % ceil(n::float8 / ${LADDER_RUNGS})::int = 0 or next_tier is distinct from tier
    order by rn`,
  );
  const count = rows[0]?.n ?? 0;
  const step = Math.max(1, Math.ceil(count / LADDER_RUNGS));
  const point = (tier: Tier) => {
    const row = rows.find((r) => r.tier === tier && r.last_of_tier);
    return row ? { id: row.id, value: row.value } : null;
  };
  return {
    ladder: {
      step,
      count,
      rungs: rows.filter((r) => r.rn % step === 0).map((r) => ({ id: r.id, value: r.value })),
    },
    lastA: point("A"),
    lastB: point("B"),
  };
}

/** Rank (1 = most valuable) and percentile of an active account. */
export function standingOf(
  ranking: ValueRanking,
  account: RankedPoint,
): { valueRank: number; valuePercentile: number } {
  if (ranking.ladder.count === 0) return { valueRank: 0, valuePercentile: 1 };
  const valueRank = rankFromLadder(account, ranking.ladder);
  return { valueRank, valuePercentile: valueRank / ranking.ladder.count };
}

/**
 * SQL for the tier of the account aliased `a`, its hand-set tier first. `value` is the SQL of
 * its value (gross profit, else revenue).
 */
export function tierSql(ranking: ValueRanking, value: SQL): SQL {
  const atOrAbove = (p: RankedPoint | null) =>
    p === null
      ? sql`false`
      : sql`(${value} > ${p.value}::float8 or (${value} = ${p.value}::float8 and a.id <= ${p.id}))`;
  return sql`coalesce(a.tier_override, case when ${atOrAbove(ranking.lastA)} then 'A' when ${atOrAbove(ranking.lastB)} then 'B' else 'C' end)`;
}

/** The value of the account aliased `a`. */
export const valueSql = sql`coalesce(a.gross_profit, a.annual_revenue)`;
