/** Who is acting: a rep resolved from the database, never from a request's payload. */
import { and, eq } from "drizzle-orm";
import { resolveSettings } from "../domain/settings.js";
import type { Tx } from "../storage/database.js";
import { reps, workspaces } from "../storage/schema.js";
import { loadRecipient } from "./nudges/nudge-view.js";
import type { Actor, AppContext } from "./ports.js";
import type { Reply } from "./replies.js";

/** The rep `repId` of workspace `workspaceId` as an actor, or undefined when there is no such rep there. */
export async function actorForRep(db: Tx, workspaceId: number, repId: number): Promise<Actor | undefined> {
  const [row] = await db
    .select({ rep: reps, settings: workspaces.settings })
    .from(reps)
    .innerJoin(workspaces, eq(workspaces.id, reps.workspaceId))
    .where(and(eq(reps.id, repId), eq(reps.workspaceId, workspaceId)));
  if (!row) return undefined;
  return {
    workspaceId,
    repId,
    role: row.rep.role,
    name: row.rep.name,
    timezone: row.rep.timezone ?? resolveSettings(row.settings).timezone,
  };
}

/** True for managers and admins: they see reports and act on their reps' picks. */
export function isManager(actor: Actor): boolean {
  return actor.role === "manager" || actor.role === "admin";
}

/**
 * Sends `reply` to rep `repId` through the first channel that can reach them. Returns false when
 * none could (or sending failed): a notification is a courtesy and never undoes what caused it.
 */
export async function notifyRep(ctx: AppContext, repId: number, reply: Reply): Promise<boolean> {
  const recipient = await loadRecipient(ctx.db, repId);
  if (!recipient) return false;
  for (const channel of ctx.channels) {
    try {
      if (!(await channel.canReach(recipient))) continue;
      await channel.notify(recipient, reply);
      return true;
    } catch (err) {
      ctx.logger.warn(
        { err, rep: recipient.email, channel: channel.platform },
        "a notification could not be sent",
      );
      return false;
    }
  }
  return false;
}
