/** `retention slack manifest`: the Slack app manifest to paste into "Create an app → From a manifest". */
import type { Command } from "commander";
import { buildSlackManifest, hostProblem } from "../../channels/slack/manifest.js";
import { CliError } from "../context.js";

/** Registers `retention slack manifest [--host https://…] [--socket-mode]`. */
export function register(program: Command): void {
  const slack = program.command("slack").description("set up the Slack app");
  slack
    .command("manifest")
    .description(
      "print the Slack app manifest: request URLs on --host (or PUBLIC_URL), or with --socket-mode none (set SLACK_APP_TOKEN)",
    )
    .option("--host <https://…>", "the service's public address (default: PUBLIC_URL)")
    .option("--socket-mode", "no public address: Slack talks to the app over Socket Mode")
    .action((options: { host?: string; socketMode?: boolean }) => {
      if (options.socketMode && options.host) {
        throw new CliError("--host and --socket-mode exclude each other: Socket Mode needs no address");
      }
      const host = options.host ?? process.env.PUBLIC_URL?.trim();
      if (!options.socketMode && !host) {
        throw new CliError(
          "give the service's public address with --host https://… (or set PUBLIC_URL), or use --socket-mode",
        );
      }
      const problem = host && !options.socketMode ? hostProblem(host) : undefined;
      if (problem) throw new CliError(`--host: ${problem}`);
      const manifest = buildSlackManifest(
        options.socketMode || !host ? { socketMode: true } : { socketMode: false, host },
      );
      process.stdout.write(`${JSON.stringify(manifest, null, 2)}\n`);
    });
}
