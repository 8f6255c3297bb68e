import type { Command } from "commander";
import { withCli } from "../context.js";

/** Registers `retention migrate`. */
export function register(program: Command): void {
  program
    .command("migrate")
    .description("apply database migrations")
    .action(async () => {
      await withCli(program.opts(), async ({ database, out }) => {
        out.write(`migrations applied (${database.kind})\n`);
      });
    });
}
