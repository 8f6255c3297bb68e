/**
 * The accounts of a workspace with what the reports need: tier (Pareto over the active accounts,
 * overrides win), cadence, and local days since the last contact in the owner's zone.
 * Reports are asked for interactively by a manager, so loading the whole book is fine here; the
 * morning planner, which runs for every rep at once, narrows its candidates in SQL instead.
 */
import { cadenceFor, daysSince } from "../../domain/planner/cadence.js";
import { accountValue, rankByValue } from "../../domain/planner/tiers.js";
import type { Tier } from "../../domain/planner/types.js";
import { isWithinCadence } from "../../domain/reports/coverage.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { localDate } from "../../domain/time.js";
import { listActiveAccounts, listActiveAccountValues, listRepsByName } from "../../storage/book.js";
import type { Tx } from "../../storage/database.js";

export interface BookAccount {
  id: number;
  name: string;
  ownerRepId: number;
  tier: Tier;
  value: number;
  cadence: number;
  days: number | null;
  withinCadence: boolean;
}

export interface BookRep {
  id: number;
  name: string;
  email: string;
  managerId: number | null;
  role: "rep" | "manager" | "admin";
  timezone: string;
}

export async function loadReps(db: Tx, workspaceId: number, settings: WorkspaceSettings): Promise<BookRep[]> {
  const rows = await listRepsByName(db, workspaceId);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    email: r.email,
    managerId: r.managerId,
    role: r.role,
    timezone: r.timezone ?? settings.timezone,
  }));
}

/** Tiers of every active account of the workspace. */
export async function loadTiers(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
): Promise<Map<number, Tier>> {
  const rows = await listActiveAccountValues(db, workspaceId);
  const standings = rankByValue(
    rows.map((r) => ({
      id: r.id,
      value: accountValue(r.annualRevenue, r.grossProfit).value,
      tierOverride: r.tierOverride,
    })),
    settings.tierShares,
  );
  return new Map([...standings].map(([id, s]) => [id, s.tier]));
}

/** Active accounts owned by `ownerIds` (all owners when omitted), as of `now`. */
export async function loadBook(
  db: Tx,
  workspaceId: number,
  settings: WorkspaceSettings,
  now: Date,
  bookReps: BookRep[],
  ownerIds?: number[],
): Promise<BookAccount[]> {
  const tiers = await loadTiers(db, workspaceId, settings);
  const rows = await listActiveAccounts(db, workspaceId, ownerIds);
  const zoneOf = new Map(bookReps.map((r) => [r.id, r.timezone]));
  return rows.map((row) => {
    const zone = zoneOf.get(row.ownerRepId) ?? settings.timezone;
    const tier = tiers.get(row.id) ?? "C";
    const cadence = cadenceFor({ tier, cadenceDays: row.cadenceDays }, settings);
    const days = daysSince(row.lastContactAt, localDate(now, zone), zone);
    return {
      id: row.id,
      name: row.name,
      ownerRepId: row.ownerRepId,
      tier,
      value: accountValue(row.annualRevenue, row.grossProfit).value,
      cadence,
      days,
      withinCadence: isWithinCadence(days, cadence),
    };
  });
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
