/** The `retention` command line. Each sub-command lives in its own file under commands/. */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import { ConfigError } from "../config.js";
import * as demo from "./commands/demo.js";
import * as exportCommand from "./commands/export.js";
import * as holidays from "./commands/holidays.js";
import * as importCommand from "./commands/import.js";
import * as migrate from "./commands/migrate.js";
import * as plan from "./commands/plan.js";
import * as report from "./commands/report.js";
import * as settings from "./commands/settings.js";
import * as slack from "./commands/slack.js";
import * as sync from "./commands/sync.js";
import * as tick from "./commands/tick.js";
import * as workspace from "./commands/workspace.js";
import { CliError, EXIT_REJECTED, EXIT_USAGE, formatCliError } from "./context.js";
import { documentExitCodes } from "./exit-codes.js";

export function buildProgram(): Command {
  const program = new Command("retention")
    .description("retention-bot: the handful of customers each rep should contact today")
    .version(packageVersion(), "-V, --version", "print the version and exit")
    .option("--workspace <id>", "the workspace to act on (needed when there are several)")
    .showHelpAfterError()
    .exitOverride()
    // Commander's own usage errors carry the catalogue's code like ours: `error [USAGE]: …`.
    .configureOutput({
      outputError: (text, write) => write(text.replace(/^error:/, "retention: error [USAGE]:")),
    });
  for (const command of [
    migrate,
    importCommand,
    exportCommand,
    plan,
    tick,
    report,
    settings,
    holidays,
    slack,
    sync,
    workspace,
    demo,
  ]) {
    command.register(program);
  }
  documentExitCodes(program);
  return program;
}

/** The version in package.json (src/cli and dist/src/cli both sit under the project root). */
function packageVersion(): string {
  const up = import.meta.url.includes("/dist/") ? "../../../package.json" : "../../package.json";
  return (JSON.parse(readFileSync(new URL(up, import.meta.url), "utf8")) as { version: string }).version;
}

/** Runs the CLI with `argv` (as process.argv) and returns the exit code. */
export async function runCli(argv: string[]): Promise<number> {
  const program = buildProgram();
  try {
    await program.parseAsync(argv);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (err) {
    if (err instanceof CommanderError) {
      return err.exitCode === 0 ? 0 : EXIT_USAGE;
    }
    if (err instanceof CliError) {
      process.stderr.write(formatCliError(err.code, err.message));
      return err.exitCode;
    }
    if (err instanceof ConfigError) {
      process.stderr.write(formatCliError(err.code, err.message));
      return EXIT_USAGE;
    }
    process.stderr.write(
      formatCliError("INTERNAL", err instanceof Error ? (err.stack ?? err.message) : String(err)),
    );
    return EXIT_REJECTED;
  }
}

const isEntry = process.argv[1] !== undefined && /cli[\\/]main\.(ts|js)$/.test(process.argv[1]);
if (isEntry || process.env.RETENTION_CLI === "1") {
  runCli(process.argv).then((code) => process.exit(code));
}
