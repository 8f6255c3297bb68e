/**
 * `retention settings`: the workspace's settings with value, default and meaning;
 * `retention settings set <key> <value>` changes one (checked first: a bad value writes nothing).
 */
import type { Command } from "commander";
import { listWorkspaceSettings, setWorkspaceSetting } from "../../app/settings/workspace-settings.js";
import type { SettingLine } from "../../domain/settings-catalogue.js";
import { CliError, EXIT_REJECTED, type GlobalOptions, withCli } from "../context.js";
import { columnWidths, padCells } from "../text-table.js";

/** Registers `retention settings`. */
export function register(program: Command): void {
  const settings = program
    .command("settings")
    .description("the workspace's settings (time zone, working days, cadences, …): value, default, meaning")
    .action(async (_options: unknown, command: Command) => {
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        cli.out.write(formatSettings(await listWorkspaceSettings(cli.database.db, cli.workspace.id)));
      });
    });
  settings
    .command("set")
    .description(
      "change one setting, e.g. `settings set cadence_a 14` or `settings set working_days Sun-Thu`",
    )
    .argument("<key>", "the setting, as `retention settings` lists it")
    .argument("<value>", "the new value, or `default` to go back to the default")
    .action(async (key: string, value: string, _options: unknown, command: Command) => {
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        const result = await setWorkspaceSetting(cli.database.db, cli.workspace.id, key, value);
        if (!result.ok) throw new CliError(`${result.problem}; nothing was changed`, EXIT_REJECTED);
        cli.out.write(`${result.key} is now ${result.shown}; the next plan and tick use it.\n`);
      });
    });
}

export function formatSettings(lines: SettingLine[]): string {
  const header = ["setting", "value", "default", "meaning"];
  const body = lines.map((l) => [l.key, l.value, l.default, l.meaning]);
  const widths = columnWidths([header, ...body]);
  const line = (cells: string[]) => `${padCells(cells, widths).join("  ").trimEnd()}\n`;
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...body.map(line),
    "\nChange one with `retention settings set <setting> <value>` (`default` puts the default back).\n",
  ].join("");
}
