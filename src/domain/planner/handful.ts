/**
 * A handful that fits the rep (issue 13). From the rep's last four weeks of delivered picks, the
 * share acted on (done or snoozed; skipped and ignored ones are not): a rep who acts on about two
 * of five gets fewer, better picks, never below the floor and never above the set handful. Due
 * promises are always picked on top (plan-day.ts); what does not fit rolls forward.
 */
import type { WorkspaceSettings } from "../settings.js";

/** How many days of history the share is taken over. */
export const HANDFUL_WINDOW_DAYS = 28;

export interface PickHistory {
  /** Picks delivered to the rep in the window. */
  delivered: number;
  /** Of those, the ones done or snoozed. */
  actedOn: number;
}

export interface AdaptedHandful {
  handful: number;
  /** Why it is below the set handful, for the App Home; null when it is not. */
  why: string | null;
}

/** The rep's handful for today: the set one scaled to the acted-on share, plus one to try. */
export function adaptHandful(
  setHandful: number,
  history: PickHistory,
  settings: Pick<WorkspaceSettings, "adaptiveHandful" | "handfulFloor" | "handfulMinPicks">,
): AdaptedHandful {
  if (!settings.adaptiveHandful || history.delivered < settings.handfulMinPicks) {
    return { handful: setHandful, why: null };
  }
  const share = Math.min(1, history.actedOn / history.delivered);
  const floor = Math.min(settings.handfulFloor, setHandful);
  const handful = Math.max(floor, Math.min(setHandful, Math.ceil(setHandful * share) + 1));
  if (handful === setHandful) return { handful, why: null };
  return {
    handful,
    why: `${handful} of your ${setHandful} today: you acted on ${history.actedOn} of the ${history.delivered} picks of the last four weeks, so you get the best few; the rest roll forward.`,
  };
}
