/** Finding the rep a command names, within the actor's workspace only. */

import type { RepRef } from "../../domain/commands/types.js";
import { verbatim } from "../../domain/rich-text.js";
import type { Tx } from "../../storage/database.js";
import {
  findRepInZone,
  findRepsByEmail,
  findRepsByNamePrefix,
  findRepsBySlackUser,
  type RepRow,
} from "../../storage/reps.js";
import type { Actor } from "../ports.js";

export type { RepRow } from "../../storage/reps.js";

export type FoundRep = { ok: true; rep: RepRow } | { ok: false; message: string };

/** Name matches offered at most before asking for an email. */
const MAX_NAME_MATCHES = 6;

export async function findRep(db: Tx, actor: Actor, ref: RepRef): Promise<FoundRep> {
  let rows: RepRow[];
  let described: string;
  switch (ref.kind) {
    case "self": {
      const me = await findRepInZone(db, actor.repId, actor.workspaceId);
      rows = me ? [me.rep] : [];
      described = "you";
      break;
    }
    case "slack":
      rows = await findRepsBySlackUser(db, actor.workspaceId, ref.userId);
      described = `<@${ref.userId}>`;
      break;
    case "email":
      rows = await findRepsByEmail(db, actor.workspaceId, ref.email);
      described = ref.email;
      break;
    case "name": {
      const text = ref.text.toLowerCase();
      rows = await findRepsByNamePrefix(db, actor.workspaceId, text, MAX_NAME_MATCHES);
      const exact = rows.filter(
        (r) => r.name.toLowerCase() === text || r.email.toLowerCase().split("@")[0] === text,
      );
      if (exact.length === 1) rows = exact;
      described = ref.text;
      break;
    }
  }
  const [only] = rows;
  if (rows.length === 1 && only) return { ok: true, rep: only };
  if (rows.length === 0) {
    return { ok: false, message: `No rep here matches \`${described}\`; name them by @mention or email.` };
  }
  return {
    ok: false,
    message: `\`${verbatim(described)}\` matches ${rows.map((r) => verbatim(`${r.name} (${r.email})`)).join(", ")}; name one by email.`,
  };
}
