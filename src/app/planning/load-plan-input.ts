/**
 * Loads what the planner needs for a set of reps on one date, with a few set-based queries
 * whatever the number of reps and accounts: the value ranking (one window function over the
 * workspace), the reps, the candidate accounts the database narrowed (candidate-sql.ts), the
 * due promises, and the accounts they name.
 */
import { makeRouter } from "../../domain/planner/routing.js";
import type { PlanInput, PlannerRep } from "../../domain/planner/types.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import type { Tx } from "../../storage/database.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { type CandidateQuery, findActiveCandidates, findLostCandidates } from "./candidate-sql.js";
import { findDuePromises, loadPlannerAccounts, loadPlannerReps } from "./planner-rows.js";
import { loadValueRanking, type ValueRanking } from "./value-ranking.js";

/** Candidates kept per rep beyond its handful, for those that other reps' promises take. */
export const KEEP_MARGIN = 10;

export interface PlanInputParams {
  workspaceId: number;
  date: string;
  now: Date;
  /** Only these reps (and the paused reps they back up); every rep of the workspace when omitted. */
  repIds?: number[];
}

/** What stays the same for every batch of reps of one planning run. */
export interface PlanningBasis {
  workspaceId: number;
  date: string;
  now: Date;
  settings: WorkspaceSettings;
  ranking: ValueRanking;
}

export async function loadPlanInput(db: Tx, params: PlanInputParams): Promise<PlanInput> {
  const basis = await loadPlanningBasis(db, params);
  const reps = await loadPlannerReps(db, params.workspaceId, params.date, basis.settings, params.repIds);
  return loadPlanInputForReps(db, basis, reps);
}

export async function loadPlanningBasis(db: Tx, params: PlanInputParams): Promise<PlanningBasis> {
  const workspace = await getWorkspace(db, params.workspaceId);
  if (!workspace) throw new Error(`workspace ${params.workspaceId} does not exist`);
  const ranking = await loadValueRanking(db, workspace.id, workspace.settings.tierShares);
  return {
    workspaceId: workspace.id,
    date: params.date,
    now: params.now,
    settings: workspace.settings,
    ranking,
  };
}

/** The planner's input for these reps (paused ones included so that their backups cover them). */
export async function loadPlanInputForReps(
  db: Tx,
  basis: PlanningBasis,
  reps: PlannerRep[],
): Promise<PlanInput> {
  const { workspaceId, date, settings, ranking } = basis;
  const route = makeRouter(reps, date);
  // Reps whose picks nobody receives today (paused, no backup planned) need no loading.
  const served = reps.filter((r) => route(r.id) !== null).map((r) => r.id);
  const query: CandidateQuery = { workspaceId, date, settings, ranking, repIds: served };
  const keep = Math.max(0, ...reps.map((r) => r.handful)) + KEEP_MARGIN;

  const active = await findActiveCandidates(db, query, keep);
  const lost = await findLostCandidates(db, query);
  const promises = await findDuePromises(db, workspaceId, date, settings, served);
  const ids = new Set([...active.ids, ...lost, ...promises.map((p) => p.accountId)]);
  const accounts = await loadPlannerAccounts(db, workspaceId, date, ranking, [...ids]);

  const unloadedCandidates = new Map<number, number>();
  for (const [owner, n] of active.countByOwner) {
    if (n > keep) unloadedCandidates.set(owner, n - keep);
  }
  return { date, now: basis.now, settings, reps, accounts, promises, unloadedCandidates };
}
