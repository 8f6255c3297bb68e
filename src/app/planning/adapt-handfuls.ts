/**
 * Gives each rep the handful that fits (domain/planner/handful.ts), from the picks of the last
 * four weeks before the planned date.
 */
import { type AdaptedHandful, adaptHandful, HANDFUL_WINDOW_DAYS } from "../../domain/planner/handful.js";
import type { PlannerRep } from "../../domain/planner/types.js";
import type { WorkspaceSettings } from "../../domain/settings.js";
import { addDays } from "../../domain/time.js";
import type { Tx } from "../../storage/database.js";
import { findPickHistory } from "../../storage/pick-history.js";

/** The reps with their handful adapted to what they acted on. */
export async function withAdaptedHandfuls(
  db: Tx,
  reps: PlannerRep[],
  date: string,
  settings: WorkspaceSettings,
): Promise<PlannerRep[]> {
  if (!settings.adaptiveHandful) return reps;
  const adapted = await adaptedHandfuls(db, reps, date, settings);
  return reps.map((r) => ({ ...r, handful: adapted.get(r.id)?.handful ?? r.handful }));
}

/** Per rep, the adapted handful and why it shrank. */
export async function adaptedHandfuls(
  db: Tx,
  reps: readonly PlannerRep[],
  date: string,
  settings: WorkspaceSettings,
): Promise<Map<number, AdaptedHandful>> {
  const history = await findPickHistory(
    db,
    reps.map((r) => r.id),
    addDays(date, -HANDFUL_WINDOW_DAYS),
    date,
  );
  const none = { delivered: 0, actedOn: 0 };
  return new Map(reps.map((r) => [r.id, adaptHandful(r.handful, history.get(r.id) ?? none, settings)]));
}
