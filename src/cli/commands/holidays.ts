/**
 * `retention holidays`: the days no nudge goes out. `holidays import <file>` reads a CSV
 * (`date,name`) or an iCalendar file (.ics), `holidays remove <date>` takes one out.
 */
import { readFileSync, statSync } from "node:fs";
import type { Command } from "commander";
import { DateTime } from "luxon";
import { importHolidays, listHolidays, removeHoliday } from "../../app/holidays/holidays.js";
import { isoDate } from "../../domain/csv/cells.js";
import { formatRowError } from "../../domain/csv/row-errors.js";
import { localDate } from "../../domain/time.js";
import { CliError, EXIT_REJECTED, EXIT_USAGE, type GlobalOptions, withCli } from "../context.js";

/** Registers `retention holidays [import <file> | remove <date>]`. */
export function register(program: Command): void {
  const holidays = program
    .command("holidays")
    .description("the workspace's holidays (no nudges on them): list, import from CSV or .ics, remove")
    .option("--all", "list past holidays too (by default: from today on)")
    .action(async (options: { all?: boolean }, command: Command) => {
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const today = localDate(new Date(), cli.workspace.settings.timezone);
        const rows = await listHolidays(cli.database.db, cli.workspace.id, options.all ? undefined : today);
        if (rows.length === 0) {
          cli.out.write(
            `No holidays${options.all ? "" : ` from ${today} on`}. Add them with \`retention holidays import holidays.csv\` (a \`date,name\` CSV) or an .ics calendar.\n`,
          );
          return;
        }
        for (const h of rows) cli.out.write(`${h.on}  ${weekday(h.on)}  ${h.name}\n`);
      });
    });

  holidays
    .command("import")
    .description(
      "add the holidays of a CSV file (header `date,name`) or an iCalendar file (.ics); running it again changes nothing",
    )
    .argument("<file>", "holidays.csv or calendar.ics")
    .option(
      "--years <n>",
      "expand yearly (recurring) calendar events over this many years from this one",
      "2",
    )
    .option("--dry-run", "check the file and count what would change; write nothing")
    .action(async (file: string, options: { years: string; dryRun?: boolean }, command: Command) => {
      const years = Number(options.years);
      if (!Number.isInteger(years) || years < 1 || years > 20) {
        throw new CliError(`--years ${options.years}: give a whole number of years from 1 to 20`);
      }
      const content = readFile(file);
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const fromYear = Number(localDate(new Date(), cli.workspace.settings.timezone).slice(0, 4));
        const result = await importHolidays(
          cli.database.db,
          cli.workspace.id,
          { name: file, content },
          { fromYear, years, dryRun: options.dryRun ?? false },
        );
        if (!result.ok) {
          for (const e of result.errors) cli.err.write(`${formatRowError(e)}\n`);
          throw new CliError(
            `${file} rejected, nothing written; fix the line(s) above and retry`,
            EXIT_REJECTED,
          );
        }
        const { inserted, updated, unchanged } = result.counts;
        const span =
          result.years.from === result.years.to
            ? `${result.years.from}`
            : `${result.years.from}-${result.years.to}`;
        cli.out.write(
          `${result.rows.length} holiday(s) read (recurring events expanded over ${span}): ` +
            `inserted ${inserted}, updated ${updated}, unchanged ${unchanged}` +
            `${result.dryRun ? " (dry run: nothing written)" : ""}\n`,
        );
      });
    });

  holidays
    .command("remove")
    .description("remove the holiday on a date")
    .argument("<date>", "YYYY-MM-DD")
    .action(async (date: string, _options: unknown, command: Command) => {
      const parsed = isoDate(date.trim());
      if (!parsed.ok) throw new CliError(`<date>: ${parsed.problem}`);
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const removed = await removeHoliday(cli.database.db, cli.workspace.id, parsed.value);
        if (!removed) {
          throw new CliError(
            `there is no holiday on ${parsed.value}; \`retention holidays --all\` lists them`,
            EXIT_REJECTED,
            "NOT_FOUND",
          );
        }
        cli.out.write(
          `removed ${removed.on} ${removed.name}; nudges go out that day again if it is a working day\n`,
        );
      });
    });
}

function weekday(date: string): string {
  return DateTime.fromISO(date).toFormat("ccc");
}

function readFile(file: string): string {
  try {
    if (!statSync(file).isFile()) throw new CliError(`${file} is not a file`, EXIT_USAGE);
    return readFileSync(file, "utf8");
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(
      `${file}: no such file; give the path of a .csv or .ics file`,
      EXIT_USAGE,
      "NOT_FOUND",
    );
  }
}
