/** Finding the rep a command names, within the actor's workspace only. */
import { and, asc, eq, sql } from "drizzle-orm";
import type { RepRef } from "../../domain/commands/types.js";
import type { Tx } from "../../storage/database.js";
import { reps } from "../../storage/schema.js";
import type { Actor } from "../ports.js";

export type RepRow = typeof reps.$inferSelect;

export type FoundRep = { ok: true; rep: RepRow } | { ok: false; message: string };

export async function findRep(db: Tx, actor: Actor, ref: RepRef): Promise<FoundRep> {
  const inWorkspace = eq(reps.workspaceId, actor.workspaceId);
  let rows: RepRow[];
  let described: string;
  switch (ref.kind) {
    case "self":
      rows = await db
        .select()
        .from(reps)
        .where(and(inWorkspace, eq(reps.id, actor.repId)));
      described = "you";
      break;
    case "slack":
      rows = await db
        .select()
        .from(reps)
        .where(and(inWorkspace, eq(reps.slackUserId, ref.userId)));
      described = `<@${ref.userId}>`;
      break;
    case "email":
      rows = await db
        .select()
        .from(reps)
        .where(and(inWorkspace, sql`lower(${reps.email}) = ${ref.email}`));
      described = ref.email;
      break;
    case "name": {
      const text = ref.text.toLowerCase();
      const pattern = `${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      rows = await db
        .select()
        .from(reps)
        .where(
          and(
            inWorkspace,
            sql`(lower(${reps.name}) like ${pattern} or lower(${reps.email}) like ${pattern})`,
          ),
        )
        .orderBy(asc(reps.name))
        .limit(6);
      const exact = rows.filter(
        (r) => r.name.toLowerCase() === text || r.email.toLowerCase().split("@")[0] === text,
      );
      if (exact.length === 1) rows = exact;
      described = ref.text;
      break;
    }
  }
  if (rows.length === 1) return { ok: true, rep: rows[0]! };
  if (rows.length === 0) {
    return { ok: false, message: `No rep here matches \`${described}\`; name them by @mention or email.` };
  }
  return {
    ok: false,
    message: `\`${described}\` matches ${rows.map((r) => `${r.name} (${r.email})`).join(", ")}; name one by email.`,
  };
}
