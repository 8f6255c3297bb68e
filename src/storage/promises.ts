/** The promises repository: follow-ups a rep promised an account, open or kept. */
import { and, asc, eq, inArray, lte } from "drizzle-orm";
import type { Tx } from "./database.js";
import { accounts, promises, reps } from "./schema.js";

export type PromiseRow = typeof promises.$inferSelect;

export async function insertPromise(
  db: Tx,
  promise: {
    workspaceId: number;
    accountId: number;
    repId: number;
    dueAt: Date;
    what: string;
    createdAt: Date;
  },
): Promise<void> {
  await db.insert(promises).values(promise);
}

/** Marks kept, at `keptAt`, the rep's open promises to the account due by `dueBy`; returns their ids. */
export async function keepDuePromises(
  db: Tx,
  input: { accountId: number; repId: number; dueBy: Date; keptAt: Date },
): Promise<number[]> {
  const kept = await db
    .update(promises)
    .set({ status: "kept", keptAt: input.keptAt })
    .where(
      and(
        eq(promises.accountId, input.accountId),
        eq(promises.repId, input.repId),
        eq(promises.status, "open"),
        lte(promises.dueAt, input.dueBy),
      ),
    )
    .returning({ id: promises.id });
  return kept.map((p) => p.id);
}

/** Opens again those of `ids` that are still kept (Undo of the contact that kept them). */
export async function reopenKeptPromises(db: Tx, ids: number[]): Promise<void> {
  if (ids.length === 0) return;
  await db
    .update(promises)
    .set({ status: "open", keptAt: null })
    .where(and(inArray(promises.id, ids), eq(promises.status, "kept")));
}

/** The account's open promises, soonest due first, with the promising rep's name. */
export async function listOpenPromisesOfAccount(
  db: Tx,
  accountId: number,
): Promise<{ what: string; dueAt: Date; rep: string }[]> {
  return db
    .select({ what: promises.what, dueAt: promises.dueAt, rep: reps.name })
    .from(promises)
    .innerJoin(reps, eq(reps.id, promises.repId))
    .where(and(eq(promises.accountId, accountId), eq(promises.status, "open")))
    .orderBy(asc(promises.dueAt));
}

/** Up to `limit` open promises of the rep, soonest due first, with the account's name. */
export async function listOpenPromisesOfRep(
  db: Tx,
  workspaceId: number,
  repId: number,
  limit: number,
): Promise<{ accountName: string; what: string; dueAt: Date }[]> {
  return db
    .select({ accountName: accounts.name, what: promises.what, dueAt: promises.dueAt })
    .from(promises)
    .innerJoin(accounts, eq(accounts.id, promises.accountId))
    .where(and(eq(promises.workspaceId, workspaceId), eq(promises.repId, repId), eq(promises.status, "open")))
    .orderBy(asc(promises.dueAt))
    .limit(limit);
}
