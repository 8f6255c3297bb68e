/** What each `retention` command's exit code means, shown at the end of its `--help`. */
import type { Command } from "commander";

const COMMON = {
  2: "usage error: an unknown option, a bad value, a bad configuration variable",
} as const;

const CODES: Record<string, Record<number, string>> = {
  migrate: { 0: "the schema is up to date", 1: "the database refused or could not be reached", ...COMMON },
  import: {
    0: "imported (or checked, with --dry-run); with --skip-invalid, bad rows were skipped",
    1: "the file was rejected: nothing written; the bad rows are listed on stderr as `line N: column: problem`",
    ...COMMON,
  },
  export: { 0: "exported to stdout", 1: "the export failed part way; stdout is incomplete", ...COMMON },
  plan: { 0: "the plan was printed (nothing is saved or sent)", 1: "planning failed", ...COMMON },
  tick: {
    0: "the pass ran and no nudge ended failed (retries and rate limits are not failures)",
    1: "at least one nudge ended `failed`: the reps and the reasons are listed on stderr",
    ...COMMON,
  },
  sync: {
    0: "the pass ran; owners with no rep and skipped records are listed, not errors",
    1: "the pass stopped (HubSpot refused or kept failing); what was written is kept, the next pass resumes",
    ...COMMON,
  },
  report: { 0: "the report was printed", 1: "the report failed", ...COMMON },
  demo: { 0: "the demo data was loaded", 1: "loading failed; nothing was kept", ...COMMON },
};

/** Appends an "Exit codes" section to the help of every sub-command that has one. */
export function documentExitCodes(program: Command): void {
  program.addHelpText(
    "after",
    "\nExit codes: 0 ok, 1 rejected or failed, 2 usage error (see each command's --help).",
  );
  for (const command of program.commands) {
    const codes = CODES[command.name()];
    if (!codes) continue;
    const lines = Object.entries(codes).map(([code, meaning]) => `  ${code}  ${meaning}`);
    command.addHelpText("after", `\nExit codes:\n${lines.join("\n")}`);
  }
}
