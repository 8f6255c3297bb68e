import type { Command } from "commander";
import { loadDemo } from "../../app/demo/load-demo.js";
import type { ImportResult } from "../../app/import/types.js";
import { withCli } from "../context.js";

/** Registers `retention demo`. */
export function register(program: Command): void {
  program
    .command("demo")
    .description(
      "load a demo workspace: 8 reps, 300 accounts, a year of check-ins (running it again changes nothing)",
    )
    .action(async () => {
      await withCli(program.opts(), async ({ database, workspace, out }) => {
        const s = await loadDemo(database.db, workspace.id, new Date());
        out.write(
          [
            `demo workspace loaded into workspace ${workspace.id} (${database.kind})`,
            `  reps:      ${counts(s.reps)}`,
            `  accounts:  ${counts(s.accounts)}`,
            `  check-ins: ${counts(s.checkins)}`,
            `  holidays added: ${s.holidaysAdded}, promises added: ${s.promisesAdded}, snoozes added: ${s.snoozesAdded}, departures described: ${s.departuresUpdated}`,
            "",
          ].join("\n"),
        );
      });
    });
}

function counts(r: ImportResult): string {
  const total = r.inserted + r.updated + r.unchanged;
  return `${total} (inserted ${r.inserted}, updated ${r.updated}, unchanged ${r.unchanged})`;
}
