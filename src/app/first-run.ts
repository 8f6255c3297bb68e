/** What the service says right after it starts: where its data is, and the next step when it is empty. */
import { countAllReps } from "../storage/reps.js";
import type { AppContext } from "./ports.js";

export async function nextStepHint(ctx: AppContext): Promise<string | undefined> {
  if ((await countAllReps(ctx.db)) > 0) return undefined;
  return "no reps yet: `npx retention demo` for a demo workspace, or `npx retention import reps reps.csv` (columns: docs/csv.md)";
}
