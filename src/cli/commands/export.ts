import { Argument, type Command, Option } from "commander";
import { DateTime } from "luxon";
import { type ExportFormat, exportData } from "../../app/export/export-data.js";
import { exportEffectiveness } from "../../app/export/export-effectiveness.js";
import { EXPORT_KINDS, type ExportKind } from "../../domain/csv/columns.js";
import { CliError, EXIT_USAGE, withCli } from "../context.js";

interface ExportFlags {
  format: ExportFormat;
  since?: string;
}

/**
 * Registers `retention export accounts|checkins|departed|effectiveness [--format csv|json] [--since YYYY-MM-DD]`.
 * `effectiveness` is which nudges work (per kind of pick and rep, over four weeks unless `--since`).
 */
export function register(program: Command): void {
  program
    .command("export")
    .description(
      "print accounts, check-ins, the departed folder or which nudges work (CSV cells a spreadsheet would run are neutralised)",
    )
    .addArgument(new Argument("<kind>", "what to export").choices([...EXPORT_KINDS, "effectiveness"]))
    .addOption(new Option("--format <format>", "output format").choices(["csv", "json"]).default("csv"))
    .option(
      "--since <date>",
      "YYYY-MM-DD: accounts changed, check-ins made, accounts lost, or picks made (effectiveness) on or after this date",
    )
    .action(async (kind: ExportKind | "effectiveness", flags: ExportFlags) => {
      if (flags.since !== undefined && !DateTime.fromFormat(flags.since, "yyyy-MM-dd").isValid) {
        throw new CliError(
          `--since ${flags.since}: not a date; write YYYY-MM-DD, e.g. 2026-01-31`,
          EXIT_USAGE,
        );
      }
      await withCli(program.opts(), async ({ database, workspace, out }) => {
        try {
          if (kind === "effectiveness") {
            const { text } = await exportEffectiveness(database.db, workspace.id, {
              format: flags.format,
              now: new Date(),
              ...(flags.since ? { since: flags.since } : {}),
            });
            out.write(text);
            return;
          }
          await exportData(
            database.db,
            workspace.id,
            kind,
            { format: flags.format, ...(flags.since ? { since: flags.since } : {}) },
            out,
          );
        } catch (err) {
          // The reader went away (`retention export … | head`): that is how pipes end, not a failure.
          if ((err as NodeJS.ErrnoException).code !== "EPIPE") throw err;
        }
      });
    });
}
