/** The "More" button's writes: the accounts a nudge already holds, and picks appended after them. */
import { asc, eq, sql } from "drizzle-orm";
import type { Pick } from "../domain/planner/types.js";
import type { Tx } from "./database.js";
import { picks } from "./schema.js";

/** Locks the nudge row until the transaction ends: "More" clicks on one nudge take turns. */
export async function lockNudge(db: Tx, nudgeId: number): Promise<void> {
  await db.execute(sql`select id from nudges where id = ${nudgeId} for update`);
}

/** The accounts of a nudge's picks, whatever their state. */
export async function listPickedAccountIds(db: Tx, nudgeId: number): Promise<number[]> {
  const rows = await db
    .select({ accountId: picks.accountId })
    .from(picks)
    .where(eq(picks.nudgeId, nudgeId))
    .orderBy(asc(picks.position));
  return rows.map((r) => r.accountId);
}

/** Appends open picks at positions `from`, `from + 1`, …; an account already there is skipped. */
export async function appendPicks(
  db: Tx,
  workspaceId: number,
  nudgeId: number,
  chosen: readonly Pick[],
  from: number,
): Promise<number> {
  if (chosen.length === 0) return 0;
  const rows = await db
    .insert(picks)
    .values(
      chosen.map((p, i) => ({
        workspaceId,
        nudgeId,
        accountId: p.accountId,
        position: from + i,
        kind: p.kind,
        reason: p.reason,
        opener: p.opener,
        promiseId: p.promiseId,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: picks.id });
  return rows.length;
}
