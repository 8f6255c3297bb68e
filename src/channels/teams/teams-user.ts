/**
 * Who sent an activity: the workspace of their Microsoft tenant, their Entra object id, and the
 * rep they are (by `teams_user_id`, else by email or UPN as Teams reports them). Never from a
 * card's data.
 */
import { TeamsInfo, type TurnContext } from "botbuilder";
import type { Db } from "../../storage/database.js";
import { findRepByTeamsUser, linkTeamsUser } from "../../storage/teams-reps.js";
import { findTenantWorkspace, workspaceForTenant } from "../../storage/teams-workspaces.js";

export interface TeamsUser {
  workspaceId: number;
  aadObjectId: string;
  repId: number | undefined;
  /** The email or UPN Teams gave, to tell an unknown user what an admin should import. */
  address: string | undefined;
}

export function tenantOf(context: TurnContext): string | undefined {
  const { activity } = context;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const fromChannel = typeof channelData?.tenant?.id === "string" ? channelData.tenant.id : undefined;
  return fromChannel ?? activity.conversation?.tenantId ?? undefined;
}

/**
 * The sender as a Teams user; undefined when the activity names no tenant, or (with
 * `bind: false`) when the tenant has no workspace yet.
 */
export async function identifyUser(
  db: Db,
  context: TurnContext,
  options: { bind: boolean },
): Promise<TeamsUser | undefined> {
  const tenantId = tenantOf(context);
  const from = context.activity.from;
  if (!tenantId || !from?.id) return undefined;
  const workspaceId = options.bind
    ? await workspaceForTenant(db, tenantId)
    : await findTenantWorkspace(db, tenantId);
  if (workspaceId === undefined) return undefined;
  const aadObjectId = from.aadObjectId ?? from.id;
  const known = await findRepByTeamsUser(db, workspaceId, aadObjectId);
  if (known !== undefined) return { workspaceId, aadObjectId, repId: known, address: undefined };
  const member = await memberAddresses(context, from.id);
  const repId = await linkTeamsUser(db, workspaceId, { aadObjectId, ...member });
  return { workspaceId, aadObjectId, repId, address: member.email ?? member.userPrincipalName };
}

/** The user's email and UPN from the roster; nothing when Teams will not say (a guest, an outage). */
async function memberAddresses(
  context: TurnContext,
  userId: string,
): Promise<{ email?: string; userPrincipalName?: string }> {
  const from = context.activity.from as { email?: unknown; userPrincipalName?: unknown };
  try {
    const member = await TeamsInfo.getMember(context, userId);
    return { email: member.email ?? undefined, userPrincipalName: member.userPrincipalName ?? undefined };
  } catch {
    // Some clients put the addresses on `from` itself.
    return {
      ...(typeof from.email === "string" ? { email: from.email } : {}),
      ...(typeof from.userPrincipalName === "string" ? { userPrincipalName: from.userPrincipalName } : {}),
    };
  }
}
