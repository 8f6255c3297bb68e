/**
 * Whom a manager's report covers: their team (or the whole workspace, see `repsInScope`), or the
 * one rep named in the command (`report @ana`). Shared by `report` and `report --detail`.
 */
import type { RepRef } from "../../domain/commands/types.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { getWorkspace } from "../../storage/workspaces.js";
import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";
import { type BookRep, loadReps, repsInScope } from "../reports/book-scope.js";
import { findRep } from "./find-rep.js";

export type ReportScope =
  | { ok: true; settings: WorkspaceSettings; reps: BookRep[]; scope: string }
  | { ok: false; reply: Reply };

export async function resolveReportScope(
  ctx: AppContext,
  actor: Actor,
  rep: RepRef | undefined,
): Promise<ReportScope> {
  const settings = (await getWorkspace(ctx.db, actor.workspaceId))!.settings;
  const all = await loadReps(ctx.db, actor.workspaceId, settings);
  if (!rep) return { ok: true, settings, ...repsInScope(actor, all) };
  const found = await findRep(ctx.db, actor, rep);
  if (!found.ok) return { ok: false, reply: { kind: "error", code: "NOT_FOUND", message: found.message } };
  return { ok: true, settings, reps: all.filter((r) => r.id === found.rep.id), scope: found.rep.name };
}
