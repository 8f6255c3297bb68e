/** Counts the coverage report shows per rep, each in one grouped query. */
import { type AnyColumn, and, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import type { Tx } from "./database.js";
import { checkins, promises } from "./schema.js";

/** `column = any('{1,2,3}')`: one parameter however many reps (a list would bind one each). */
function repIn(column: AnyColumn, repIds: readonly number[]): SQL {
  return sql`${column} = any(${`{${repIds.join(",")}}`}::int[])`;
}

/** Per rep: check-ins since `since30`, and how many of them since `since7`. */
export function countCheckInsByRep(
  db: Tx,
  workspaceId: number,
  repIds: number[],
  since7: Date,
  since30: Date,
): Promise<{ repId: number; d7: number; d30: number }[]> {
  return db
    .select({
      repId: checkins.repId,
      d30: sql<number>`count(*)::int`,
      d7: sql<number>`(count(*) filter (where ${checkins.at} >= ${since7.toISOString()}::timestamptz))::int`,
    })
    .from(checkins)
    .where(
      and(eq(checkins.workspaceId, workspaceId), repIn(checkins.repId, repIds), gte(checkins.at, since30)),
    )
    .groupBy(checkins.repId);
}

/** Per rep: open promises due before `now`. */
export function countOverduePromisesByRep(
  db: Tx,
  workspaceId: number,
  repIds: number[],
  now: Date,
): Promise<{ repId: number; n: number }[]> {
  return db
    .select({ repId: promises.repId, n: sql<number>`count(*)::int` })
    .from(promises)
    .where(
      and(
        eq(promises.workspaceId, workspaceId),
        repIn(promises.repId, repIds),
        eq(promises.status, "open"),
        lt(promises.dueAt, now),
      ),
    )
    .groupBy(promises.repId);
}
