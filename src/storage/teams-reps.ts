/**
 * Which rep a Teams user is: by `reps.teams_user_id` (the Entra object id), else by the user's
 * email or UPN, in which case the object id is remembered on the rep for next time.
 */
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "./database.js";
import { reps } from "./schema.js";

export interface TeamsIdentity {
  aadObjectId: string;
  email?: string | undefined;
  userPrincipalName?: string | undefined;
}

/** The rep id of this Teams user in `workspaceId`, linking it by email or UPN when needed. */
export async function linkTeamsUser(
  db: Tx,
  workspaceId: number,
  identity: TeamsIdentity,
): Promise<number | undefined> {
  const known = await findRepByTeamsUser(db, workspaceId, identity.aadObjectId);
  if (known !== undefined) return known;
  const addresses = [identity.email, identity.userPrincipalName]
    .filter((a): a is string => typeof a === "string" && a.includes("@"))
    .map((a) => a.trim().toLowerCase());
  if (addresses.length === 0) return undefined;
  const candidates = await db
    .select({ id: reps.id, email: reps.email })
    .from(reps)
    .where(
      and(
        eq(reps.workspaceId, workspaceId),
        inArray(sql`lower(${reps.email})`, addresses),
        // A rep already linked to another Teams user is not taken over by an email match.
        isNull(reps.teamsUserId),
      ),
    );
  // The email Teams reports wins over the UPN when they name different reps.
  const match = addresses.map((a) => candidates.find((c) => c.email.toLowerCase() === a)).find(Boolean);
  if (!match) return undefined;
  const [linked] = await db
    .update(reps)
    .set({ teamsUserId: identity.aadObjectId, updatedAt: new Date() })
    .where(and(eq(reps.id, match.id), isNull(reps.teamsUserId)))
    .returning({ id: reps.id });
  return linked?.id ?? findRepByTeamsUser(db, workspaceId, identity.aadObjectId);
}

export async function findRepByTeamsUser(
  db: Tx,
  workspaceId: number,
  aadObjectId: string,
): Promise<number | undefined> {
  const [row] = await db
    .select({ id: reps.id })
    .from(reps)
    .where(and(eq(reps.workspaceId, workspaceId), eq(reps.teamsUserId, aadObjectId)));
  return row?.id;
}
