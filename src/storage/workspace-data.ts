/** Everything a workspace holds, to hand it over (export) or erase it (forget). */
import { count, eq } from "drizzle-orm";
import type { Db, Tx } from "./database.js";
import {
  accounts,
  checkins,
  departures,
  handledRequests,
  holidays,
  nudges,
  picks,
  promises,
  reps,
  slackInstallations,
  snoozes,
  teamsConversations,
  workspaces,
} from "./schema.js";

/** The tables with a workspace's data, in an order that reads well in an export. */
const TABLES = {
  reps,
  accounts,
  checkins,
  promises,
  snoozes,
  departures,
  holidays,
  nudges,
  picks,
} as const;

export type WorkspaceTable = keyof typeof TABLES;

/**
 * The workspace's rows, table by table (accounts carry their contact person). Chat tokens and
 * conversation references are left out: they are credentials, not the customer's data.
 */
export async function readWorkspaceData(
  db: Tx,
  workspaceId: number,
): Promise<Record<WorkspaceTable, Record<string, unknown>[]>> {
  const out = {} as Record<WorkspaceTable, Record<string, unknown>[]>;
  for (const [name, table] of Object.entries(TABLES) as [WorkspaceTable, (typeof TABLES)[WorkspaceTable]][]) {
    out[name] = await db.select().from(table).where(eq(table.workspaceId, workspaceId)).orderBy(table.id);
  }
  return out;
}

/** How many rows of each kind the workspace holds (what a forget would erase). */
export async function countWorkspaceData(db: Tx, workspaceId: number): Promise<Record<string, number>> {
  const counted: Record<string, number> = {};
  const all = { ...TABLES, slackInstallations, teamsConversations };
  for (const [name, table] of Object.entries(all)) {
    const [row] = await db.select({ n: count() }).from(table).where(eq(table.workspaceId, workspaceId));
    counted[name] = row?.n ?? 0;
  }
  return counted;
}

/**
 * Erases the workspace and everything in it (reps, accounts and their contacts, history, chat
 * installations and conversation references) in one transaction: the database's cascades do it.
 */
export async function forgetWorkspace(db: Db, workspaceId: number): Promise<boolean> {
  return db.transaction(async (tx) => {
    // Requests remembered for dedupe name the workspace too; they go with it.
    await tx.delete(handledRequests).where(eq(handledRequests.workspaceId, workspaceId));
    const deleted = await tx
      .delete(workspaces)
      .where(eq(workspaces.id, workspaceId))
      .returning({ id: workspaces.id });
    return deleted.length > 0;
  });
}
