/**
 * Planner rule 7, paused reps. A rep paused until a date (inclusive) gets no picks; what would have been
 * theirs goes to their backup rep, when the backup is being planned too and is not paused
 * itself (no chains: a backup's backup is not asked). Otherwise it waits for the rep's return.
 */
import type { PlannerRep } from "./types.js";

export function isPaused(rep: Pick<PlannerRep, "pausedUntil">, date: string): boolean {
  return rep.pausedUntil !== null && rep.pausedUntil >= date;
}

/** Who receives the picks meant for a rep on `date`: the rep, the backup, or nobody (null). */
export type Router = (repId: number) => number | null;

export function makeRouter(reps: readonly PlannerRep[], date: string): Router {
  const byId = new Map(reps.map((r) => [r.id, r]));
  return (repId) => {
    const rep = byId.get(repId);
    if (!rep) return null;
    if (!isPaused(rep, date)) return rep.id;
    const backup = rep.backupRepId === null ? undefined : byId.get(rep.backupRepId);
    return backup && backup.id !== rep.id && !isPaused(backup, date) ? backup.id : null;
  };
}
