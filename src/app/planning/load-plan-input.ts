/**
 * Loads what the planner needs for a set of reps on one date, with a few set-based queries
 * whatever the number of reps and accounts:
 *   1. the value ranking (storage/value-ranking.ts: a histogram and the two tier boundaries),
 *   2. the reps,
 *   3. the candidates, narrowed by the database (storage/candidates.ts): the best few active accounts
 *      per rep (returned whole, as the planner sees them), the lost accounts due an exit interview
 *      or a win-back, the due promises,
 *   4. the few accounts of those lost candidates and promises that step 3 did not return
 *      (storage/planner-inputs.ts), for one batch of reps at a time.
 */
import { makeRouter } from "../../domain/planner/routing.js";
import type { PlanInput, PlannerAccount, PlannerPromise, PlannerRep } from "../../domain/planner/types.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { findActiveCandidates, findLostCandidates } from "../../storage/candidates.js";
import type { Tx } from "../../storage/database.js";
import { findDuePromises, loadPlannerAccounts, loadPlannerReps } from "../../storage/planner-inputs.js";
import { loadValueRanking, type ValueRanking } from "../../storage/value-ranking.js";
import { getWorkspace } from "../../storage/workspaces.js";
import { withAdaptedHandfuls } from "./adapt-handfuls.js";

/** Candidates kept per rep beyond its handful, for those that other reps' promises take. */
export const KEEP_MARGIN = 3;

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
  reps: PlannerRep[];
}

/** The candidates of every rep, by the rep meant to make the contact. */
export interface CandidateIds {
  /** The best active candidates of each owner, loaded. */
  activeByRep: Map<number, PlannerAccount[]>;
  /** The same accounts by id. */
  activeById: Map<number, PlannerAccount>;
  lostByRep: Map<number, number[]>;
  promisesByRep: Map<number, PlannerPromise[]>;
  /** Candidates counted but not sent, per rep (beyond the best few). */
  unloaded: Map<number, number>;
}

export async function loadPlanInput(db: Tx, params: PlanInputParams): Promise<PlanInput> {
  const basis = await loadPlanningBasis(db, params);
  const candidates = await findCandidateIds(db, basis);
  return loadBatchInput(db, basis, candidates, basis.reps);
}

/** The workspace's settings, its value ranking and the reps to plan. */
export async function loadPlanningBasis(db: Tx, params: PlanInputParams): Promise<PlanningBasis> {
  const workspace = await getWorkspace(db, params.workspaceId);
  if (!workspace) throw new Error(`workspace ${params.workspaceId} does not exist`);
  const { settings } = workspace;
  const ranking = await loadValueRanking(db, workspace.id, settings.tierShares);
  const setReps = await loadPlannerReps(db, workspace.id, params.date, settings, params.repIds);
  const reps = await withAdaptedHandfuls(db, setReps, params.date, settings);
  return { workspaceId: workspace.id, date: params.date, now: params.now, settings, ranking, reps };
}

export async function findCandidateIds(db: Tx, basis: PlanningBasis): Promise<CandidateIds> {
  const { workspaceId, date, settings, ranking, reps } = basis;
  const route = makeRouter(reps, date);
  // Reps whose picks nobody receives today (paused, no backup planned) need no loading.
  const servedReps = reps.filter((r) => route(r.id) !== null);
  const served = servedReps.map((r) => r.id);
  const zones = [...new Set(servedReps.map((r) => r.timezone))];
  const query = { workspaceId, date, settings, ranking, repIds: served, zones };
  const keep = Math.max(0, ...reps.map((r) => r.handful)) + KEEP_MARGIN;

  const active = await findActiveCandidates(db, query, keep);
  const lostByRep = new Map<number, number[]>();
  for (const lost of await findLostCandidates(db, query)) push(lostByRep, lost.rep_id, lost.id);
  const promisesByRep = new Map<number, PlannerPromise[]>();
  for (const promise of await findDuePromises(db, workspaceId, date, settings, served)) {
    push(promisesByRep, promise.repId, promise);
  }
  const unloaded = new Map<number, number>();
  for (const [owner, n] of active.countByOwner) {
    if (n > keep) unloaded.set(owner, n - keep);
  }
  const activeById = new Map<number, PlannerAccount>();
  for (const list of active.accountsByOwner.values()) for (const a of list) activeById.set(a.id, a);
  return { activeByRep: active.accountsByOwner, activeById, lostByRep, promisesByRep, unloaded };
}

/** The planner's input for some of the basis's reps (a paused rep travels with its backup). */
export async function loadBatchInput(
  db: Tx,
  basis: PlanningBasis,
  candidates: CandidateIds,
  batch: PlannerRep[],
): Promise<PlanInput> {
  const byId = new Map<number, PlannerAccount>();
  const missing = new Set<number>();
  // Lost accounts and promises' accounts: already at hand when another rep's candidates hold them.
  const want = (id: number) => {
    if (byId.has(id)) return;
    const known = candidates.activeById.get(id);
    if (known) byId.set(id, known);
    else missing.add(id);
  };
  const promises: PlannerPromise[] = [];
  const unloadedCandidates = new Map<number, number>();
  for (const rep of batch) {
    for (const account of candidates.activeByRep.get(rep.id) ?? []) byId.set(account.id, account);
    for (const id of candidates.lostByRep.get(rep.id) ?? []) want(id);
    for (const promise of candidates.promisesByRep.get(rep.id) ?? []) {
      want(promise.accountId);
      promises.push(promise);
    }
    const unloaded = candidates.unloaded.get(rep.id);
    if (unloaded !== undefined) unloadedCandidates.set(rep.id, unloaded);
  }
  for (const id of byId.keys()) missing.delete(id);
  const loaded = await loadPlannerAccounts(db, basis.workspaceId, basis.date, basis.ranking, [...missing]);
  for (const account of loaded) byId.set(account.id, account);
  const accounts = [...byId.values()].sort((a, b) => a.id - b.id);
  return {
    date: basis.date,
    now: basis.now,
    settings: basis.settings,
    reps: batch,
    accounts,
    promises,
    unloadedCandidates,
  };
}

function push<T>(map: Map<number, T[]>, key: number, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
