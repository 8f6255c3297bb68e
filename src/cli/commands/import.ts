import { createReadStream, statSync } from "node:fs";
import { Argument, type Command } from "commander";
import pino from "pino";
import { importCsv } from "../../app/import/import-csv.js";
import type { ImportResult } from "../../app/import/types.js";
import { refreshAfterImport } from "../../app/nudges/refresh-nudges.js";
import type { AppContext } from "../../app/ports.js";
import { composeChannels } from "../../channels/compose.js";
import { loadConfig } from "../../config.js";
import { CSV_KINDS, type CsvKind } from "../../domain/csv/columns.js";
import { formatRowError } from "../../domain/csv/row-errors.js";
import type { Db } from "../../storage/database.js";
import { CliError, EXIT_REJECTED, EXIT_USAGE, withCli } from "../context.js";
import { startFileProgress } from "../progress.js";

interface ImportFlags {
  dryRun?: boolean;
  skipInvalid?: boolean;
}

/** Registers `retention import reps|accounts|checkins <file.csv>`. */
export function register(program: Command): void {
  program
    .command("import")
    .description("upsert reps (by email), accounts (by external_id) or check-ins from a CSV file")
    .addArgument(new Argument("<kind>", "what the file holds").choices(CSV_KINDS))
    .argument("<file>", "the CSV file (header row required)")
    .option("--dry-run", "validate and count what would change; write nothing")
    .option(
      "--skip-invalid",
      "import the valid rows and report the invalid ones, instead of rejecting the file",
    )
    .action(async (kind: CsvKind, file: string, flags: ImportFlags) => {
      const size = fileSize(file);
      await withCli(program.opts(), async ({ database, workspace, out, err }) => {
        const startedAt = new Date();
        const input = createReadStream(file);
        const progress = startFileProgress(`importing ${kind}`, size, input);
        let result: ImportResult;
        try {
          result = await importCsv(database.db, workspace.id, kind, input, {
            dryRun: flags.dryRun ?? false,
            skipInvalid: flags.skipInvalid ?? false,
            now: new Date(),
          });
        } finally {
          progress.stop();
        }
        for (const e of result.errors) err.write(`${formatRowError(e)}\n`);
        out.write(`${summary(result)}\n`);
        if (kind === "checkins" && result.outcome === "written" && result.inserted + result.updated > 0) {
          const redrawn = await redrawTodaysNudges(database.db, workspace.id, startedAt);
          if (redrawn > 0)
            out.write(`redrew ${redrawn} of today's nudge message(s) with the new last contacts\n`);
        }
        if (result.outcome === "rejected") {
          throw new CliError(
            result.rejected > 0
              ? `${file} rejected: ${result.rejected} invalid row(s), nothing written; fix them, or import the valid rows with --skip-invalid`
              : `${file} rejected, nothing written; fix the problem above and retry`,
            EXIT_REJECTED,
          );
        }
      });
    });
}

/**
 * One truth on screen: today's sent nudges showing an account the import changed are redrawn on
 * the platform that sent them (the same platforms the service is configured with; none, nothing).
 */
async function redrawTodaysNudges(db: Db, workspaceId: number, since: Date): Promise<number> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? "warn" }, pino.destination(2));
  const ctx: AppContext = { db, clock: () => new Date(), logger, channels: [] };
  await composeChannels(loadConfig(), ctx);
  return refreshAfterImport(ctx, workspaceId, since);
}

function summary(r: ImportResult): string {
  const line = `inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged}, rejected ${r.rejected}`;
  return r.outcome === "dry-run" ? `${line} (dry run: nothing written)` : line;
}

function fileSize(file: string): number {
  try {
    const stat = statSync(file);
    if (!stat.isFile()) throw new CliError(`${file} is not a file`, EXIT_USAGE);
    return stat.size;
  } catch (err) {
    if (err instanceof CliError) throw err;
    throw new CliError(`${file}: no such file; give the path of a CSV file`, EXIT_USAGE, "NOT_FOUND");
  }
}
