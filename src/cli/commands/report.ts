/**
 * `retention report [--json]`: the coverage report per rep: the share of their A/B/C accounts
 * contacted within cadence, check-ins in the last 7 and 30 days, and overdue promises.
 */
import type { Command } from "commander";
import { loadReps } from "../../app/reports/book-scope.js";
import { coverageReport, type RepCoverage } from "../../app/reports/coverage-report.js";
import {
  countWithShare,
  type EffectivenessReport,
  effectivenessReport,
} from "../../app/reports/effectiveness-report.js";
import { formatShare } from "../../domain/reports/coverage.js";
import { type GlobalOptions, withCli } from "../context.js";
import { columnWidths, padCells } from "../text-table.js";

/** Registers `retention report`. */
export function register(program: Command): void {
  program
    .command("report")
    .description("the coverage report: per rep, A/B/C accounts within cadence, check-ins, overdue promises")
    .option(
      "--json",
      "print JSON: {generated_at, reps: [{email, name, coverage, checkins_7d, checkins_30d, overdue_promises}]}",
    )
    .option(
      "--detail",
      "which nudges work: per kind of pick and rep over four weeks, delivered, acted on, ignored, reordered (risk), too noisy",
    )
    .action(async (options: { json?: boolean; detail?: boolean }, command: Command) => {
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const now = new Date();
        const { settings, id } = cli.workspace;
        const reps = await loadReps(cli.database.db, id, settings);
        if (options.detail) {
          const report = await effectivenessReport(cli.database.db, id, settings, now, reps);
          cli.out.write(options.json ? `${JSON.stringify(detailJson(report))}\n` : formatDetail(report));
          return;
        }
        const rows = await coverageReport(cli.database.db, id, settings, now, reps);
        cli.out.write(options.json ? `${JSON.stringify(toJson(now, rows))}\n` : formatTable(rows));
      });
    });
}

export function toJson(now: Date, rows: RepCoverage[]) {
  return {
    generated_at: now.toISOString(),
    reps: rows.map((r) => ({
      email: r.email,
      name: r.name,
      coverage: Object.fromEntries(
        r.coverage.map((c) => [
          c.tier,
          {
            total: c.total,
            within_cadence: c.withinCadence,
            share: c.total === 0 ? null : Math.round((1000 * c.withinCadence) / c.total) / 1000,
          },
        ]),
      ),
      checkins_7d: r.checkIns7,
      checkins_30d: r.checkIns30,
      overdue_promises: r.overduePromises,
    })),
  };
}

export function formatTable(rows: RepCoverage[]): string {
  if (rows.length === 0) return "No reps yet: import them with `retention import reps <file.csv>`.\n";
  const header = ["rep", "email", "A within cadence", "B", "C", "check-ins 7d", "30d", "overdue promises"];
  const body = rows.map((r) => [
    r.name,
    r.email,
    ...r.coverage.map(formatShare),
    String(r.checkIns7),
    String(r.checkIns30),
    String(r.overduePromises),
  ]);
  const widths = columnWidths([header, ...body]);
  const line = (cells: string[]) => `${padCells(cells, widths).join("  ").trimEnd()}\n`;
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...body.map(line)].join("");
}

export function detailJson(report: EffectivenessReport) {
  return {
    since: report.since,
    until: report.today,
    kinds: report.rows.map((r) => ({
      kind: r.kind,
      rep: r.repEmail,
      delivered: r.delivered,
      acted_on: r.actedOn,
      ignored: r.ignored,
      reordered: r.reordered,
      too_noisy: r.noisySettings.length > 0 ? { settings: r.noisySettings } : null,
    })),
  };
}

export function formatDetail(report: EffectivenessReport): string {
  if (report.rows.length === 0) return `No pick was delivered since ${report.since}.\n`;
  const header = ["kind", "rep", "delivered", "acted on", "ignored", "reordered", "too noisy"];
  const body = report.rows.map((r) => [
    r.kind,
    r.repEmail ?? "all",
    String(r.delivered),
    countWithShare(r.actedOn, r.delivered),
    countWithShare(r.ignored, r.delivered),
    r.reordered === null ? "-" : countWithShare(r.reordered, r.delivered),
    r.noisySettings.length > 0 ? `raise ${r.noisySettings.join(" or ")}` : "",
  ]);
  const widths = columnWidths([header, ...body]);
  const line = (cells: string[]) => `${padCells(cells, widths).join("  ").trimEnd()}\n`;
  return [
    `Which nudges work, ${report.since} to ${report.today}:\n`,
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    ...report.noisy.map((n) => `${n.replace(/[*`]/g, "")}\n`),
  ].join("");
}
