/** Who is acting: a rep resolved from the database, never from a request's payload. */
import type { Tx } from "../storage/database.js";
import { findRepInZone } from "../storage/reps.js";
import type { Actor } from "./ports.js";

/** The rep `repId` of workspace `workspaceId` as an actor, or undefined when there is no such rep there. */
export async function actorForRep(db: Tx, workspaceId: number, repId: number): Promise<Actor | undefined> {
  const found = await findRepInZone(db, repId, workspaceId);
  if (!found) return undefined;
  return { workspaceId, repId, role: found.rep.role, name: found.rep.name, timezone: found.timezone };
}

/** True for managers and admins: they see reports and act on their reps' picks. */
export function isManager(actor: Actor): boolean {
  return actor.role === "manager" || actor.role === "admin";
}
