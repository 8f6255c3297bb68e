/** The reps repository: finding a rep a user named, their zone, names, pause and preferences. */
import { and, asc, eq, inArray, ne, sql } from "drizzle-orm";
import { resolveSettings } from "../domain/settings.js";
import type { Tx } from "./database.js";
import { reps, workspaces } from "./schema.js";

export type RepRow = typeof reps.$inferSelect;

/** A rep with the zone they live in (their own, else the workspace's). */
export interface RepInZone {
  rep: RepRow;
  timezone: string;
}

export async function findRepById(db: Tx, repId: number): Promise<RepRow | undefined> {
  const [row] = await db.select().from(reps).where(eq(reps.id, repId));
  return row;
}

/** The rep with the zone they live in; undefined when absent (or not in `workspaceId`, when given). */
export async function findRepInZone(
  db: Tx,
  repId: number,
  workspaceId?: number,
): Promise<RepInZone | undefined> {
  const [row] = await db
    .select({ rep: reps, settings: workspaces.settings })
    .from(reps)
    .innerJoin(workspaces, eq(workspaces.id, reps.workspaceId))
    .where(
      workspaceId === undefined
        ? eq(reps.id, repId)
        : and(eq(reps.id, repId), eq(reps.workspaceId, workspaceId)),
    );
  if (!row) return undefined;
  return { rep: row.rep, timezone: row.rep.timezone ?? resolveSettings(row.settings).timezone };
}

/** The rep's zone (their own, else the workspace's, else UTC's default settings). */
export async function findRepZone(db: Tx, repId: number): Promise<string> {
  const [row] = await db
    .select({ timezone: reps.timezone, settings: workspaces.settings })
    .from(reps)
    .innerJoin(workspaces, eq(workspaces.id, reps.workspaceId))
    .where(eq(reps.id, repId));
  return row?.timezone ?? resolveSettings(row?.settings).timezone;
}

/** Reps of the workspace with this Slack user id. */
export async function findRepsBySlackUser(
  db: Tx,
  workspaceId: number,
  slackUserId: string,
): Promise<RepRow[]> {
  return db
    .select()
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), eq(reps.slackUserId, slackUserId)));
}

/** Every rep of the workspace, in the order they were added. */
export async function listRepsOfWorkspace(db: Tx, workspaceId: number): Promise<RepRow[]> {
  return db.select().from(reps).where(eq(reps.workspaceId, workspaceId)).orderBy(asc(reps.id));
}

/** Reps of the workspace whose email is `lowerEmail`, ignoring case. */
export async function findRepsByEmail(db: Tx, workspaceId: number, lowerEmail: string): Promise<RepRow[]> {
  return db
    .select()
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), sql`lower(${reps.email}) = ${lowerEmail}`));
}

/** Up to `limit` reps of the workspace whose name or email starts with `lowerPrefix`, by name. */
export async function findRepsByNamePrefix(
  db: Tx,
  workspaceId: number,
  lowerPrefix: string,
  limit: number,
): Promise<RepRow[]> {
  const pattern = `${lowerPrefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  return db
    .select()
    .from(reps)
    .where(
      and(
        eq(reps.workspaceId, workspaceId),
        sql`(lower(${reps.name}) like ${pattern} or lower(${reps.email}) like ${pattern})`,
      ),
    )
    .orderBy(asc(reps.name))
    .limit(limit);
}

/** The reps of the workspace among `ids`, or of any workspace when `workspaceId` is omitted. */
export async function findRepNames(
  db: Tx,
  ids: number[],
  workspaceId?: number,
): Promise<{ id: number; name: string }[]> {
  if (ids.length === 0) return [];
  return db
    .select({ id: reps.id, name: reps.name })
    .from(reps)
    .where(
      workspaceId === undefined
        ? inArray(reps.id, ids)
        : and(eq(reps.workspaceId, workspaceId), inArray(reps.id, ids)),
    );
}

/** The workspace's first rep (by id) other than `repId`. */
export async function findFirstOtherRep(
  db: Tx,
  workspaceId: number,
  repId: number,
): Promise<{ id: number; name: string } | undefined> {
  const [row] = await db
    .select({ id: reps.id, name: reps.name })
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), ne(reps.id, repId)))
    .orderBy(asc(reps.id))
    .limit(1);
  return row;
}

export type RepPatch = Partial<
  Pick<RepRow, "pausedUntil" | "backupRepId" | "handful" | "nudgeHour" | "timezone" | "digest" | "updatedAt">
>;

/** Changes the rep `repId` of workspace `workspaceId`; nothing when they are not there. */
export async function updateRep(db: Tx, workspaceId: number, repId: number, patch: RepPatch): Promise<void> {
  await db
    .update(reps)
    .set(patch)
    .where(and(eq(reps.id, repId), eq(reps.workspaceId, workspaceId)));
}
