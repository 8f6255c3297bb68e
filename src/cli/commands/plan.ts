/**
 * `retention plan [--date YYYY-MM-DD] [--rep <email>] [--json]`: the picks the planner would
 * make, per rep, with their reasons. Writes nothing.
 */
import type { Command } from "commander";
import { DateTime } from "luxon";
import { planReps } from "../../app/planning/plan-reps.js";
import type { RepPlan } from "../../domain/planner/types.js";
import { localDate } from "../../domain/time.js";
import { findRepsByEmail, listRepsOfWorkspace } from "../../storage/reps.js";
import { CliError, EXIT_USAGE, type GlobalOptions, withCli } from "../context.js";
import { columnWidths, padCells } from "../text-table.js";

interface PlanOptions {
  date?: string;
  rep?: string;
  json?: boolean;
}

interface RepInfo {
  id: number;
  email: string;
  name: string;
  pausedUntil: string | null;
}

/** Registers `retention plan`. */
export function register(program: Command): void {
  program
    .command("plan")
    .description("print the picks the planner would make today (or on --date), per rep; writes nothing")
    .option("--date <YYYY-MM-DD>", "the local date to plan (default: today in the workspace's time zone)")
    .option("--rep <email>", "only this rep")
    .option(
      "--json",
      "print JSON: {date, reps: [{email, picks: [{external_id, account, kind, reason, opener}]}]}",
    )
    .action(async (options: PlanOptions, command: Command) => {
      if (options.date !== undefined) checkDate(options.date);
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const db = cli.database.db;
        const now = new Date();
        const date = options.date ?? localDate(now, cli.workspace.settings.timezone);
        const chosen = await findReps(db, cli.workspace.id, options.rep);
        const { plans, moreDue } = await planReps(db, {
          workspaceId: cli.workspace.id,
          date,
          now,
          ...(options.rep === undefined ? {} : { repIds: chosen.map((r) => r.id) }),
        });
        const byRep = new Map(plans.map((p) => [p.repId, p]));
        cli.out.write(
          options.json
            ? `${JSON.stringify(toJson(date, chosen, byRep))}\n`
            : formatTables(date, chosen, byRep, moreDue),
        );
      });
    });
}

function checkDate(text: string): void {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text) || !DateTime.fromISO(text).isValid) {
    throw new CliError(`--date ${text}: not a calendar date; write it as YYYY-MM-DD, e.g. 2026-03-09`);
  }
}

async function findReps(
  db: Parameters<typeof planReps>[0],
  workspaceId: number,
  email: string | undefined,
): Promise<RepInfo[]> {
  if (email === undefined) return listRepsOfWorkspace(db, workspaceId);
  const found = await findRepsByEmail(db, workspaceId, email.trim().toLowerCase());
  if (found.length === 0) {
    throw new CliError(
      `--rep ${email}: no rep with that email in this workspace; import reps first or check the spelling`,
      EXIT_USAGE,
      "NOT_FOUND",
    );
  }
  return found;
}

function toJson(date: string, chosen: RepInfo[], byRep: Map<number, RepPlan>) {
  return {
    date,
    reps: chosen.map((rep) => ({
      email: rep.email,
      picks: (byRep.get(rep.id)?.picks ?? []).map((p) => ({
        external_id: p.externalId,
        account: p.accountName,
        kind: p.kind,
        reason: p.reason,
        opener: p.opener,
      })),
    })),
  };
}

function formatTables(
  date: string,
  chosen: RepInfo[],
  byRep: Map<number, RepPlan>,
  moreDue: Map<number, number>,
): string {
  const lines: string[] = [`Picks for ${date}`];
  for (const rep of chosen) {
    const picks = byRep.get(rep.id)?.picks ?? [];
    const paused =
      rep.pausedUntil !== null && rep.pausedUntil >= date ? ` (paused until ${rep.pausedUntil})` : "";
    const more = moreDue.get(rep.id) ?? 0;
    lines.push("", `${rep.name} <${rep.email}>${paused}${more > 0 ? ` · ${more} more due` : ""}`);
    if (picks.length === 0) {
      lines.push("  nothing to do today");
      continue;
    }
    const rows = picks.map((p, i) => [String(i + 1), p.accountName, p.kind, p.reason]);
    // The reason (the fourth column) is left unpadded: it is the last and the longest.
    const widths = columnWidths([["#", "account", "kind"], ...rows.map((r) => r.slice(0, 3))]);
    const line = (cells: string[]) => `  ${padCells(cells, widths).join("  ")}`.trimEnd();
    lines.push(line(["#", "account", "kind", "reason"]));
    for (const row of rows) lines.push(line(row));
  }
  return `${lines.join("\n")}\n`;
}
