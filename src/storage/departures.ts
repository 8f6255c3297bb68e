/** The departures repository: lost accounts, their exit interview and win-back attempts. */
import { and, desc, eq, isNull } from "drizzle-orm";
import type { Tx } from "./database.js";
import { accounts, departures } from "./schema.js";

export type DepartureRow = typeof departures.$inferSelect;

export async function insertDeparture(
  db: Tx,
  departure: {
    workspaceId: number;
    accountId: number;
    reason: string;
    lostOn: string;
    tenureDays: number | null;
    exitInterviewRepId: number | null;
    createdAt: Date;
  },
): Promise<void> {
  await db.insert(departures).values(departure);
}

/** Locks and returns the account's latest departure not won back, if any. */
export async function findOpenDepartureForUpdate(
  db: Tx,
  accountId: number,
): Promise<DepartureRow | undefined> {
  const [row] = await db
    .select()
    .from(departures)
    .where(and(eq(departures.accountId, accountId), isNull(departures.wonBackAt)))
    .orderBy(desc(departures.lostOn), desc(departures.id))
    .limit(1)
    .for("update");
  return row;
}

export async function updateDeparture(
  db: Tx,
  id: number,
  patch: Partial<Pick<DepartureRow, "exitInterviewAt" | "exitInterviewNote" | "lastWinBackAt">>,
): Promise<void> {
  await db.update(departures).set(patch).where(eq(departures.id, id));
}

/** Marks won back, at `at`, the account's departures not won back yet. */
export async function markDeparturesWonBack(db: Tx, accountId: number, at: Date): Promise<void> {
  await db
    .update(departures)
    .set({ wonBackAt: at })
    .where(and(eq(departures.accountId, accountId), isNull(departures.wonBackAt)));
}

/** Up to `limit` departures of the workspace, latest lost first, with the account's name. */
export async function listDepartures(
  db: Tx,
  workspaceId: number,
  limit: number,
): Promise<{ departure: DepartureRow; name: string; ownerRepId: number }[]> {
  return db
    .select({ departure: departures, name: accounts.name, ownerRepId: accounts.ownerRepId })
    .from(departures)
    .innerJoin(accounts, eq(accounts.id, departures.accountId))
    .where(eq(departures.workspaceId, workspaceId))
    .orderBy(desc(departures.lostOn), desc(departures.id))
    .limit(limit);
}
