/** Resolves a command's account, or answers with "which one?" or "no such account". */

import { formatCommand } from "../../domain/commands/format.js";
import type { AccountRef, Command } from "../../domain/commands/types.js";
import { COMMAND, verbatim } from "../../domain/rich-text.js";
import { findRepNames } from "../../storage/reps.js";
import { type AccountRow, findAccount } from "../accounts/find-account.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";

export type AccountOrReply = { account: AccountRow } | { reply: Reply };

export async function withAccount(
  ctx: AppContext,
  actor: Actor,
  command: Command & { account: AccountRef },
): Promise<AccountOrReply> {
  const found = await findAccount(ctx.db, actor.workspaceId, command.account);
  if (found.kind === "one") return { account: found.account };
  if (found.kind === "none") {
    const named = command.account.kind === "id" ? `#${command.account.id}` : command.account.text;
    return {
      reply: {
        kind: "error",
        code: "NOT_FOUND",
        message: `No account matches \`${verbatim(named)}\`. Check the spelling, or use \`${COMMAND}account <first letters>\` to look it up.`,
      },
    };
  }
  const ownerIds = [...new Set(found.candidates.map((c) => c.ownerRepId))];
  const owners = await findRepNames(ctx.db, ownerIds);
  const ownerName = (id: number) => owners.find((o) => o.id === id)?.name ?? "?";
  return {
    reply: {
      kind: "choose",
      prompt: `More than one account matches \`${command.account.kind === "name" ? command.account.text : ""}\`; which one?${
        found.more ? " (Only the first 10 are shown: type more of the name.)" : ""
      }`,
      options: found.candidates.map((c) => ({
        label: `${verbatim(c.name)} · ${verbatim(ownerName(c.ownerRepId))}${c.status === "lost" ? " · lost" : ""}`,
        commandText: formatCommand(
          { ...command, account: { kind: "id", id: c.id } } as Command,
          actor.timezone,
        ),
      })),
    },
  };
}

/** Owners act on their accounts; managers and admins on any in their workspace. */
export function canManageAccount(actor: Actor, account: AccountRow): boolean {
  return account.ownerRepId === actor.repId || actor.role === "manager" || actor.role === "admin";
}

/**
 * Like `withAccount`, and refuses (FORBIDDEN, with `refusal(accountName)` as the message) when the
 * actor may not manage the account.
 */
export async function withManageableAccount(
  ctx: AppContext,
  actor: Actor,
  command: Command & { account: AccountRef },
  refusal: (accountName: string) => string,
): Promise<AccountOrReply> {
  const found = await withAccount(ctx, actor, command);
  if ("reply" in found || canManageAccount(actor, found.account)) return found;
  return { reply: { kind: "error", code: "FORBIDDEN", message: refusal(found.account.name) } };
}
