/**
 * The weekly digest's claim rows: one per (manager, week), inserted once whatever the number of
 * scheduler processes, leased while it is built and sent (like the nudges, decision 0003), and
 * marked sent with the figures the next week compares against.
 */
import { and, desc, eq, lt, sql } from "drizzle-orm";
import { queryRows, type Tx } from "./database.js";
import { digestClaims } from "./schema.js";

export type DigestSummary = NonNullable<(typeof digestClaims.$inferSelect)["summary"]>;

/** After this many failed sends a week's digest is given up (the row keeps the last error). */
export const MAX_DIGEST_ATTEMPTS = 5;

/** A manager who gets the digest: someone reports to them and they did not turn it off. */
export interface DigestManager {
  id: number;
  timezone: string | null;
  nudgeHour: number | null;
  workingDays: number[] | null;
}

export async function listDigestManagers(db: Tx, workspaceId: number): Promise<DigestManager[]> {
  return queryRows<DigestManager>(
    db,
    sql`
    select m.id, m.timezone, m.nudge_hour as "nudgeHour", m.working_days as "workingDays"
    from reps m
    where m.workspace_id = ${workspaceId} and m.digest
      and exists (select 1 from reps r where r.manager_id = m.id and r.id <> m.id)
    order by m.id`,
  );
}

/**
 * Claims the manager's digest of the week for `workerId` until `leaseUntil`: inserts the row, or
 * takes over one whose lease ran out unsent (a crash, a failed send). Returns the row's id, or
 * null when the digest was sent, given up, or is held by another worker.
 */
export async function claimDigest(
  db: Tx,
  input: {
    workspaceId: number;
    managerId: number;
    weekStart: string;
    workerId: string;
    now: Date;
    leaseUntil: Date;
  },
): Promise<number | null> {
  const rows = await queryRows<{ id: number }>(
    db,
    sql`
    insert into digest_claims (workspace_id, manager_id, week_start, claimed_by, lease_until)
    values (${input.workspaceId}, ${input.managerId}, ${input.weekStart}::date, ${input.workerId},
      ${input.leaseUntil.toISOString()}::timestamptz)
    on conflict (manager_id, week_start) do update
      set claimed_by = excluded.claimed_by, lease_until = excluded.lease_until
      where digest_claims.sent_at is null
        and digest_claims.attempts < ${MAX_DIGEST_ATTEMPTS}
        and (digest_claims.lease_until is null or digest_claims.lease_until <= ${input.now.toISOString()}::timestamptz)
    returning id`,
  );
  return rows[0]?.id ?? null;
}

export async function markDigestSent(db: Tx, id: number, now: Date, summary: DigestSummary): Promise<void> {
  await db
    .update(digestClaims)
    .set({ sentAt: now, leaseUntil: null, summary, attempts: sql`${digestClaims.attempts} + 1` })
    .where(eq(digestClaims.id, id));
}

/** A failed send: the lease is released at `retryAt`, when a later pass may try again. */
export async function markDigestFailed(db: Tx, id: number, retryAt: Date, error: string): Promise<void> {
  await db
    .update(digestClaims)
    .set({ leaseUntil: retryAt, lastError: error.slice(0, 500), attempts: sql`${digestClaims.attempts} + 1` })
    .where(eq(digestClaims.id, id));
}

/** The figures of the manager's last sent digest before `weekStart`, or null. */
export async function findPreviousDigestSummary(
  db: Tx,
  managerId: number,
  weekStart: string,
): Promise<DigestSummary | null> {
  const rows = await db
    .select({ summary: digestClaims.summary })
    .from(digestClaims)
    .where(
      and(
        eq(digestClaims.managerId, managerId),
        lt(digestClaims.weekStart, weekStart),
        sql`${digestClaims.sentAt} is not null`,
      ),
    )
    .orderBy(desc(digestClaims.weekStart))
    .limit(1);
  return rows[0]?.summary ?? null;
}

/** Sent digests of a workspace, for tests and `tick` (manager id and week). */
export async function listSentDigests(
  db: Tx,
  workspaceId: number,
): Promise<{ managerId: number; weekStart: string }[]> {
  return db
    .select({ managerId: digestClaims.managerId, weekStart: digestClaims.weekStart })
    .from(digestClaims)
    .where(and(eq(digestClaims.workspaceId, workspaceId), sql`${digestClaims.sentAt} is not null`))
    .orderBy(digestClaims.weekStart, digestClaims.managerId);
}
