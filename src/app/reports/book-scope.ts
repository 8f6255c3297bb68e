/**
 * Who a view concerns and how to read their book: the reps in scope (a manager's team, the whole
 * workspace, one rep) and the `BookScope` the set queries of storage/book-views.ts take: their
 * ids and the local date of each of their zones. Nothing here loads accounts.
 */
import type { WorkspaceSettings } from "../../domain/settings.js";
import { localDate } from "../../domain/time.js";
import { listRepsByName } from "../../storage/book.js";
import type { BookScope } from "../../storage/book-views.js";
import type { Tx } from "../../storage/database.js";
import { findRepById } from "../../storage/reps.js";

export interface BookRep {
  id: number;
  name: string;
  email: string;
  managerId: number | null;
  role: "rep" | "manager" | "admin";
  timezone: string;
}

type RepRow = NonNullable<Awaited<ReturnType<typeof findRepById>>>;

function toBookRep(r: RepRow, settings: WorkspaceSettings): BookRep {
  return {
    id: r.id,
    name: r.name,
    email: r.email,
    managerId: r.managerId,
    role: r.role,
    timezone: r.timezone ?? settings.timezone,
  };
}

/** Every rep of the workspace, by name. */
export async function loadReps(db: Tx, workspaceId: number, settings: WorkspaceSettings): Promise<BookRep[]> {
  return (await listRepsByName(db, workspaceId)).map((r) => toBookRep(r, settings));
}

/** One rep of the workspace (none when the id belongs elsewhere). */
export async function loadRep(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  repId: number,
): Promise<BookRep[]> {
  const rep = await findRepById(db, repId);
  return rep && rep.workspaceId === workspaceId ? [toBookRep(rep, settings)] : [];
}

/** The set queries' view of the accounts owned by `reps`, as of `now`. */
export function bookScope(
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  reps: readonly BookRep[],
): BookScope {
  const zones = [...new Set(reps.map((r) => r.timezone))];
  return {
    workspaceId,
    repIds: reps.map((r) => r.id),
    zoneDates: zones.map((zone) => ({ zone, date: localDate(now, zone) })),
    settings,
  };
}

/**
 * The reps a manager looks after: an admin sees the whole workspace; a manager sees their team
 * (themselves and those who report to them), or the whole workspace when nobody reports to them
 * yet (a small company that left `manager_email` empty).
 */
export function repsInScope(
  actor: { repId: number; role: string },
  all: BookRep[],
): { reps: BookRep[]; scope: string } {
  if (actor.role === "admin") return { reps: all, scope: "whole workspace" };
  const team = all.filter((r) => r.managerId === actor.repId);
  if (team.length === 0) return { reps: all, scope: "whole workspace (nobody reports to you yet)" };
  const self = all.filter((r) => r.id === actor.repId);
  return { reps: [...self, ...team], scope: "your team" };
}
