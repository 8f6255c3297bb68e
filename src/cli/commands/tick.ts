import type { Command } from "commander";
import { DateTime } from "luxon";
import pino from "pino";
import { runDigestPass } from "../../app/digest/run-digests.js";
import { type MorningSummary, runMorning } from "../../app/morning/run-morning.js";
import type { AppContext } from "../../app/ports.js";
import { composeChannels } from "../../channels/compose.js";
import { createLogChannel } from "../../channels/log/log-channel.js";
import { loadConfig } from "../../config.js";
import { listNudgeFailures } from "../../storage/nudge-failures.js";
import { CliError, EXIT_REJECTED, type GlobalOptions, withCli } from "../context.js";
import { explainSummary } from "../tick-notes.js";

/** The instants `--now` may name: the database and the calendar code handle these years. */
const FIRST_YEAR = 2000;
const LAST_YEAR = 2999;

/** Registers `retention tick`. */
export function register(program: Command): void {
  program
    .command("tick")
    .description("one scheduler pass now: plan and send the nudges that are due")
    .option("--now <ISO time>", "run the pass as if it were this instant (no offset means UTC)")
    .action(async (options: { now?: string }, command: Command) => {
      const now = options.now === undefined ? new Date() : parseInstant(options.now);
      const global = command.optsWithGlobals<GlobalOptions>();
      await withCli(global, async (cli) => {
        // Logs go to stderr so that stdout holds only the nudges and the summary.
        const logger = pino({ level: process.env.LOG_LEVEL ?? "warn" }, pino.destination(2));
        const ctx: AppContext = {
          db: cli.database.db,
          clock: () => now,
          logger,
          channels: [],
        };
        // The same platforms as the service; with none configured, nudges are printed here.
        const adapters = await composeChannels(loadConfig(), ctx);
        if (adapters.length === 0) ctx.channels.splice(0, 1, createLogChannel(logger, { out: cli.out }));
        const failedIds: number[] = [];
        const summary = await runMorning(ctx, now, {
          workspaceId: cli.workspace.id,
          onFailed: (id) => failedIds.push(id),
        });
        const weekly = await runDigestPass(ctx, now, { workspaceId: cli.workspace.id });
        cli.out.write(
          `${formatSummary(summary)}\n${explainSummary(summary, cli.workspace.settings.cutoffHour)}`,
        );
        if (weekly.digestsSent + weekly.digestsFailed + weekly.ignored > 0) {
          cli.out.write(
            `digests sent ${weekly.digestsSent}, failed ${weekly.digestsFailed}; picks marked ignored ${weekly.ignored}\n`,
          );
        }
        if (summary.failed > 0) {
          const failures = await listNudgeFailures(cli.database.db, failedIds);
          for (const f of failures) {
            cli.err.write(
              `failed: ${f.repName} <${f.repEmail}> ${f.localDate}: ${f.error ?? "no error recorded"}\n`,
            );
          }
          throw new CliError(`${summary.failed} nudge(s) failed; see above`, EXIT_REJECTED);
        }
      });
    });
}

/** `sent N, empty N, missed N, paused N, failed N, retried N`. */
export function formatSummary(s: MorningSummary): string {
  return `sent ${s.sent}, empty ${s.empty}, missed ${s.missed}, paused ${s.paused}, failed ${s.failed}, retried ${s.retried}`;
}

function parseInstant(text: string): Date {
  const parsed = DateTime.fromISO(text, { zone: "utc" });
  if (!parsed.isValid) {
    throw new CliError(
      `--now ${text}: not an ISO 8601 time (${parsed.invalidExplanation ?? parsed.invalidReason}); ` +
        "write it like 2026-03-09T09:05:00-05:00 or 2026-03-09T14:05Z",
    );
  }
  if (parsed.year < FIRST_YEAR || parsed.year > LAST_YEAR) {
    throw new CliError(`--now ${text}: the year must be between ${FIRST_YEAR} and ${LAST_YEAR}`);
  }
  return parsed.toJSDate();
}
