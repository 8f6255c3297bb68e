/**
 * Workspace settings without SQL: list them (value, default, meaning) and change one, checked by
 * the catalogue (domain/settings-catalogue.ts). The planner and the scheduler read the settings
 * on every pass, so a change (a cadence, the working week) applies from the next plan on.
 */

import { resolveSettings } from "../../domain/settings.js";
import { changeSetting, describeSettings, type SettingLine } from "../../domain/settings-catalogue.js";
import type { Tx } from "../../storage/database.js";
import { readStoredSettings, saveStoredSettings } from "../../storage/workspaces.js";
import { refreshDates, retierWorkspace } from "../accounts/retier.js";

/** The settings the planner dates derive from (storage/planner-dates.ts). */
const DATED_SETTINGS = new Set(["cadenceDays", "riskGapFactor", "reviewMonths", "timezone"]);

import type { Actor, AppContext } from "../ports.js";
import type { Reply } from "../replies.js";

/** How replies are drawn in the workspace's chat: Slack table blocks or aligned text. */
export async function chatStyleOf(db: Tx, workspaceId: number): Promise<{ tableBlocks: boolean }> {
  const settings = resolveSettings((await readStoredSettings(db, workspaceId)) ?? {});
  return { tableBlocks: settings.slackTableBlocks };
}

export async function listWorkspaceSettings(db: Tx, workspaceId: number): Promise<SettingLine[]> {
  return describeSettings((await readStoredSettings(db, workspaceId)) ?? {});
}

export type SetSettingResult = { ok: true; key: string; shown: string } | { ok: false; problem: string };

/** Sets `key` to the typed `text` (`default` restores the default); writes nothing when it is refused. */
export async function setWorkspaceSetting(
  db: Tx,
  workspaceId: number,
  key: string,
  text: string,
): Promise<SetSettingResult> {
  const stored = (await readStoredSettings(db, workspaceId)) ?? {};
  const change = changeSetting(stored, key, text);
  if (!change.ok) return change;
  await db.transaction(async (tx) => {
    await saveStoredSettings(tx, workspaceId, change.stored);
    // A change of tier shares moves the Pareto tiers (planner rule 1).
    if (change.entry.path[0] === "tierShares") await retierWorkspace(tx, workspaceId);
    // Cadences, risk, review age and the zone move the planner dates: one set statement.
    if (DATED_SETTINGS.has(String(change.entry.path[0]))) await refreshDates(tx, workspaceId, { all: true });
  });
  return { ok: true, key: change.entry.key, shown: change.shown };
}

/** `/retention settings workspace [key value]`: everyone reads, managers and admins change. */
export async function runWorkspaceSettings(
  ctx: AppContext,
  actor: Actor,
  change: { key: string; value: string } | undefined,
): Promise<Reply> {
  let saved: string | undefined;
  if (change) {
    if (actor.role === "rep") {
      return {
        kind: "error",
        code: "FORBIDDEN",
        message:
          "Workspace settings are changed by managers; ask yours. `/retention settings workspace` shows them.",
      };
    }
    const result = await setWorkspaceSetting(ctx.db, actor.workspaceId, change.key, change.value);
    if (!result.ok)
      return { kind: "error", code: "INVALID", message: `${result.problem}. Nothing was changed.` };
    ctx.logger.info(
      { rep: actor.repId, setting: result.key, value: result.shown },
      "workspace setting changed",
    );
    saved = `Saved: ${result.key} is now ${result.shown}`;
  }
  const lines = await listWorkspaceSettings(ctx.db, actor.workspaceId);
  return {
    kind: "table",
    title: saved ?? "Workspace settings",
    columns: ["setting", "value", "default", "meaning"],
    rows: lines.map((l) => [l.key, l.value, l.default, l.meaning]),
    footer:
      actor.role === "rep"
        ? "Managers change these with `/retention settings workspace <setting> <value>`."
        : "Change one with `/retention settings workspace cadence_a 14`; `default` puts a default back.",
  };
}
