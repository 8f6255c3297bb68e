import { asc, eq } from "drizzle-orm";
import { resolveSettings, type WorkspaceSettings } from "../domain/settings.js";
import type { Tx } from "./database.js";
import { workspaces } from "./schema.js";

export interface WorkspaceRow {
  id: number;
  platform: "none" | "slack" | "teams";
  externalId: string | null;
  name: string;
  settings: WorkspaceSettings;
  /** When and why the chat app was removed; nothing is sent to a disconnected workspace. */
  disconnectedAt: Date | null;
  disconnectedReason: string | null;
}

/** A fresh database has one default workspace; creates it when there is none. */
export async function ensureDefaultWorkspace(db: Tx): Promise<WorkspaceRow> {
  const existing = await db.select().from(workspaces).orderBy(asc(workspaces.id)).limit(1);
  const row = existing[0] ?? (await db.insert(workspaces).values({}).returning())[0]!;
  return toWorkspace(row);
}

export async function listWorkspaces(db: Tx): Promise<WorkspaceRow[]> {
  const rows = await db.select().from(workspaces).orderBy(asc(workspaces.id));
  return rows.map(toWorkspace);
}

export async function getWorkspace(db: Tx, id: number): Promise<WorkspaceRow | undefined> {
  const [row] = await db.select().from(workspaces).where(eq(workspaces.id, id));
  return row ? toWorkspace(row) : undefined;
}

function toWorkspace(row: typeof workspaces.$inferSelect): WorkspaceRow {
  const { createdAt: _created, ...rest } = row;
  return { ...rest, settings: resolveSettings(row.settings) };
}

/** The settings the workspace set itself (without the defaults), as stored. */
export async function readStoredSettings(
  db: Tx,
  id: number,
): Promise<Partial<WorkspaceSettings> | undefined> {
  const [row] = await db
    .select({ settings: workspaces.settings })
    .from(workspaces)
    .where(eq(workspaces.id, id));
  return row?.settings;
}

/** Replaces the workspace's stored settings (already checked by the settings catalogue). */
export async function saveStoredSettings(
  db: Tx,
  id: number,
  settings: Partial<WorkspaceSettings>,
): Promise<void> {
  await db.update(workspaces).set({ settings }).where(eq(workspaces.id, id));
}
