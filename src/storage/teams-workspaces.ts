/**
 * Microsoft tenants and workspaces: a tenant maps to one workspace. The first Teams installation
 * binds the oldest unbound workspace (the default one) to its tenant; a tenant that finds none
 * unbound gets a workspace of its own.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "./database.js";
import { workspaces } from "./schema.js";

/** The id of the workspace bound to `tenantId`, binding or creating it on first sight. */
export async function workspaceForTenant(db: Db, tenantId: string): Promise<number> {
  const bound = await findTenantWorkspace(db, tenantId);
  if (bound !== undefined) return bound;
  try {
    await db.transaction(async (tx) => {
      const [free] = await tx
        .select({ id: workspaces.id })
        .from(workspaces)
        .where(eq(workspaces.platform, "none"))
        .orderBy(asc(workspaces.id))
        .limit(1)
        .for("update");
      if (free) {
        await tx
          .update(workspaces)
          .set({ platform: "teams", externalId: tenantId })
          .where(and(eq(workspaces.id, free.id), eq(workspaces.platform, "none")));
        return;
      }
      await tx
        .insert(workspaces)
        .values({ platform: "teams", externalId: tenantId, name: `Microsoft tenant ${tenantId}` })
        .onConflictDoNothing();
    });
  } catch (err) {
    // Two first installs of one tenant at once: the loser hits the unique (platform, external_id)
    // index; the winner's binding is the answer.
    const winner = await findTenantWorkspace(db, tenantId);
    if (winner !== undefined) return winner;
    throw err;
  }
  const id = await findTenantWorkspace(db, tenantId);
  if (id === undefined) throw new Error(`could not bind a workspace to Microsoft tenant ${tenantId}`);
  return id;
}

/** The workspace bound to `tenantId`, without binding anything. */
export async function findTenantWorkspace(db: Db, tenantId: string): Promise<number | undefined> {
  const [row] = await db
    .select({ id: workspaces.id })
    .from(workspaces)
    .where(and(eq(workspaces.platform, "teams"), eq(workspaces.externalId, tenantId)));
  return row?.id;
}
