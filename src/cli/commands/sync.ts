import type { Command } from "commander";
import pino from "pino";
import type { CrmSyncReport } from "../../app/connectors/run-crm-sync.js";
import { runCrmSync } from "../../app/connectors/run-crm-sync.js";
import type { AppContext } from "../../app/ports.js";
import { composeChannels } from "../../channels/compose.js";
import { loadConfig } from "../../config.js";
import { configuredConnectors } from "../../connectors/index.js";
import { CliError, EXIT_REJECTED, EXIT_USAGE, type GlobalOptions, withCli } from "../context.js";

/** Registers `retention sync <crm> [--full]`. */
export function register(program: Command): void {
  program
    .command("sync")
    .description(
      "one CRM sync pass now: owners to reps, companies to accounts, calls/emails/meetings to contacts",
    )
    .argument("<crm>", "the CRM to read: hubspot")
    .option(
      "--full",
      "read everything again, not only what changed since the last pass (counts nothing twice)",
    )
    .action(async (crm: string, options: { full?: boolean }, command: Command) => {
      if (crm !== "hubspot") throw new CliError(`sync ${crm}: unknown CRM; the one supported is hubspot`);
      const config = loadConfig();
      const [configured] = configuredConnectors(config, () => new Date());
      if (!configured) {
        throw new CliError(
          "sync hubspot: HUBSPOT_ACCESS_TOKEN is not set; create a private app in HubSpot (docs/activities.md) and set its token",
          EXIT_USAGE,
          "CONFIG_INVALID",
        );
      }
      await withCli(command.optsWithGlobals<GlobalOptions>(), async (cli) => {
        // What the pass did is printed below; the log says only what went wrong.
        const logger = pino({ level: process.env.LOG_LEVEL ?? "error" }, pino.destination(2));
        const ctx: AppContext = { db: cli.database.db, clock: () => new Date(), logger, channels: [] };
        // Delivered nudges ticked by a contact are redrawn through the same platforms as the service.
        await composeChannels(config, ctx);
        let report: CrmSyncReport;
        try {
          report = await runCrmSync(ctx, cli.workspace.id, configured.connector, {
            full: options.full ?? false,
          });
        } catch (err) {
          throw new CliError(
            `sync hubspot stopped: ${describe(err)}; what was written is kept and the next pass resumes there`,
            EXIT_REJECTED,
            "INTERNAL",
          );
        }
        cli.out.write(formatReport(report));
      });
    });
}

function describe(err: unknown): string {
  if (typeof err === "object" && err !== null && "code" in err && typeof err.code === "number") {
    if (err.code === 401) return "HubSpot refused the token (401); check HUBSPOT_ACCESS_TOKEN";
    if (err.code === 403)
      return "HubSpot refused access (403); give the private app the scopes in docs/activities.md";
    if (err.code === 429) return "HubSpot's rate limit held after the retries (429)";
    return `HubSpot answered ${err.code}`;
  }
  return err instanceof Error ? err.message : String(err);
}

/** What the pass did, in a few lines; every skipped record with its reason (up to 50). */
export function formatReport(r: CrmSyncReport): string {
  const lines = [
    `${r.source} sync${r.full ? " (full)" : ""}: ${r.connector.pages} page(s), ${r.connector.requests} request(s)` +
      (r.connector.retries > 0
        ? `, ${r.connector.retries} retried (waited ${(r.connector.waitedMs / 1000).toFixed(1)} s)`
        : ""),
    `  owners: ${r.owners.seen} read, ${r.owners.matched} matched to reps by email`,
    `  accounts: ${r.accounts.inserted} new, ${r.accounts.updated} updated, ${r.accounts.unchanged} unchanged`,
    `  contacts: ${r.activities.inserted} new, ${r.activities.alreadyKnown} already counted`,
  ];
  if (r.owners.unknown.length > 0) {
    lines.push(`  owners with no rep (not created; import them as reps to include their records):`);
    for (const o of r.owners.unknown) lines.push(`    ${o.email} (${o.name}, owner ${o.id})`);
  }
  if (r.skippedCount > 0) {
    lines.push(
      `  skipped: ${r.skippedCount}${r.skippedCount > r.skipped.length ? ` (first ${r.skipped.length} shown)` : ""}`,
    );
    for (const s of r.skipped) lines.push(`    ${s.stream} ${s.id}: ${s.reason}`);
  }
  return `${lines.join("\n")}\n`;
}
