/**
 * A workspace's data handed over and erased: `export` (JSON, every table of the workspace) before
 * `forget` (everything, in one transaction). Uninstalling the chat app disconnects the workspace:
 * nothing is sent there until it is installed again.
 */
import type { Db } from "../../storage/database.js";
import { disconnectSlackTeam } from "../../storage/slack-workspaces.js";
import {
  countWorkspaceData,
  forgetWorkspace,
  readWorkspaceData,
  type WorkspaceTable,
} from "../../storage/workspace-data.js";
import type { WorkspaceRow } from "../../storage/workspaces.js";
import type { AppContext } from "../ports.js";

export interface WorkspaceExport {
  exported_at: string;
  workspace: { id: number; name: string; platform: string; external_id: string | null; settings: unknown };
  data: Record<WorkspaceTable, Record<string, unknown>[]>;
}

export async function exportWorkspace(db: Db, workspace: WorkspaceRow, now: Date): Promise<WorkspaceExport> {
  return {
    exported_at: now.toISOString(),
    workspace: {
      id: workspace.id,
      name: workspace.name,
      platform: workspace.platform,
      external_id: workspace.externalId,
      settings: workspace.settings,
    },
    data: await readWorkspaceData(db, workspace.id),
  };
}

/** What a forget would erase, by kind (rows). */
export function previewForget(db: Db, workspaceId: number): Promise<Record<string, number>> {
  return countWorkspaceData(db, workspaceId);
}

export function eraseWorkspace(db: Db, workspaceId: number): Promise<boolean> {
  return forgetWorkspace(db, workspaceId);
}

/**
 * Slack told us the app is gone from a team (`app_uninstalled`, or `tokens_revoked` for the bot):
 * delete its tokens and stop every send there, at once.
 */
export async function disconnectSlack(ctx: AppContext, teamId: string, reason: string): Promise<void> {
  const workspaceId = await disconnectSlackTeam(ctx.db, teamId, reason, ctx.clock());
  ctx.logger.warn(
    { team: teamId, workspace: workspaceId, reason },
    "Slack app removed: sending stopped, tokens deleted",
  );
}
