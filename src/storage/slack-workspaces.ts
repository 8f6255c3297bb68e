/**
 * Slack teams and installations. A Slack team is bound to one workspace row (platform `slack`,
 * external id = team id); the installation tokens of OAuth installs live in `slack_installations`.
 */
import { and, asc, eq, isNotNull } from "drizzle-orm";
import type { Tx } from "./database.js";
import { slackInstallations, workspaces } from "./schema.js";

/** The workspace bound to Slack team `teamId`, if any. */
export async function findSlackWorkspaceId(db: Tx, teamId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.platform, "slack"), eq(workspaces.externalId, teamId)));
  return row?.id;
}

/**
 * The workspace of Slack team `teamId`, binding one on first sight: the oldest workspace still
 * bound to no platform (the default one `retention import` fills) or, when every workspace is
 * taken, a new one. Safe to run concurrently: the (platform, external_id) key decides.
 */
export async function bindSlackWorkspace(
  db: Tx,
  teamId: string,
  teamName: string | undefined,
): Promise<number> {
  const existing = await findSlackWorkspaceId(db, teamId);
  if (existing !== undefined) return existing;
  return db.transaction(async (tx) => {
    const [unbound] = await tx
      .select({ id: workspaces.id })
      .from(workspaces)
      .where(eq(workspaces.platform, "none"))
      .orderBy(asc(workspaces.id))
      .limit(1)
      .for("update", { skipLocked: true });
    if (unbound) {
      const [bound] = await tx
        .update(workspaces)
        .set({ platform: "slack", externalId: teamId, ...(teamName ? { name: teamName } : {}) })
        .where(and(eq(workspaces.id, unbound.id), eq(workspaces.platform, "none")))
        .returning({ id: workspaces.id });
      if (bound) return bound.id;
    }
    const [created] = await tx
      .insert(workspaces)
      .values({ platform: "slack", externalId: teamId, name: teamName ?? `Slack ${teamId}` })
      .onConflictDoNothing()
      .returning({ id: workspaces.id });
    if (created) return created.id;
    const raced = await findSlackWorkspaceId(tx, teamId);
    if (raced === undefined) throw new Error(`could not bind Slack team ${teamId} to a workspace`);
    return raced;
  });
}

export interface InstallationKey {
  teamId: string;
  enterpriseId: string;
}

/** Saves (or replaces) an OAuth installation of a team, binding the team to a workspace. */
export async function saveSlackInstallation(
  db: Tx,
  key: InstallationKey,
  teamName: string | undefined,
  installation: unknown,
): Promise<number> {
  const workspaceId = await bindSlackWorkspace(db, key.teamId || key.enterpriseId, teamName);
  // Installed again after an uninstall: sending resumes.
  await markConnected(db, workspaceId);
  await db
    .insert(slackInstallations)
    .values({ workspaceId, teamId: key.teamId, enterpriseId: key.enterpriseId, installation })
    .onConflictDoUpdate({
      target: [slackInstallations.enterpriseId, slackInstallations.teamId],
      set: { installation, workspaceId, updatedAt: new Date() },
    });
  return workspaceId;
}

export async function findSlackInstallation(
  db: Tx,
  key: InstallationKey,
): Promise<{ workspaceId: number; installation: unknown } | undefined> {
  const [row] = await db
    .select({ workspaceId: slackInstallations.workspaceId, installation: slackInstallations.installation })
    .from(slackInstallations)
    .where(
      and(eq(slackInstallations.teamId, key.teamId), eq(slackInstallations.enterpriseId, key.enterpriseId)),
    );
  return row;
}

/** The installation of the team bound to workspace `workspaceId` (to send its nudges). */
export async function findSlackInstallationOfWorkspace(db: Tx, workspaceId: number): Promise<unknown> {
  const [row] = await db
    .select({ installation: slackInstallations.installation })
    .from(slackInstallations)
    .where(eq(slackInstallations.workspaceId, workspaceId))
    .limit(1);
  return row?.installation;
}

export async function deleteSlackInstallation(db: Tx, key: InstallationKey): Promise<void> {
  await db
    .delete(slackInstallations)
    .where(
      and(eq(slackInstallations.teamId, key.teamId), eq(slackInstallations.enterpriseId, key.enterpriseId)),
    );
}

/**
 * The Slack app was uninstalled from team `teamId` (or its bot token revoked): deletes the team's
 * installation tokens and marks its workspace disconnected, in one transaction. Returns the
 * workspace id, or undefined when the team is bound to none.
 */
export async function disconnectSlackTeam(
  db: Tx,
  teamId: string,
  reason: string,
  at: Date,
): Promise<number | undefined> {
  return db.transaction(async (tx) => {
    const workspaceId = await findSlackWorkspaceId(tx, teamId);
    await tx.delete(slackInstallations).where(eq(slackInstallations.teamId, teamId));
    if (workspaceId === undefined) return undefined;
    await tx
      .update(workspaces)
      .set({ disconnectedAt: at, disconnectedReason: reason })
      .where(eq(workspaces.id, workspaceId));
    return workspaceId;
  });
}

/** The app is installed (again) in the workspace: sending resumes. */
export async function markConnected(db: Tx, workspaceId: number): Promise<void> {
  await db
    .update(workspaces)
    .set({ disconnectedAt: null, disconnectedReason: null })
    .where(and(eq(workspaces.id, workspaceId), isNotNull(workspaces.disconnectedAt)));
}
