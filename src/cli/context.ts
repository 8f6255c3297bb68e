/**
 * What every CLI command shares: the database (same as the service's), the workspace it acts on,
 * and exit codes (0 ok, 1 rejected input, 2 usage).
 */
import { loadConfig } from "../config.js";
import type { ErrorCode } from "../domain/errors.js";
import { type Database, openDatabase } from "../storage/database.js";
import { ensureDefaultWorkspace, listWorkspaces, type WorkspaceRow } from "../storage/workspaces.js";

export const EXIT_OK = 0;
export const EXIT_REJECTED = 1;
export const EXIT_USAGE = 2;

/**
 * A failure the user caused: printed as `error [CODE]: message` without a stack trace, with its
 * exit code. The code is from the catalogue (domain/errors.ts): USAGE for a bad argument, INVALID
 * for rejected input, unless the thrower names a more precise one.
 */
export class CliError extends Error {
  readonly code: ErrorCode;
  constructor(
    message: string,
    readonly exitCode: number = EXIT_USAGE,
    code?: ErrorCode,
  ) {
    super(message);
    this.code = code ?? (exitCode === EXIT_USAGE ? "USAGE" : "INVALID");
  }
}

/** How every CLI error is printed: the code first, so that it matches the log line. */
export function formatCliError(code: ErrorCode, message: string): string {
  return `retention: error [${code}]: ${message}\n`;
}

export interface CliContext {
  database: Database;
  workspace: WorkspaceRow;
  out: NodeJS.WritableStream;
  err: NodeJS.WritableStream;
}

export interface GlobalOptions {
  workspace?: string;
}

/** Opens the database, applies migrations, picks the workspace, runs `fn`, and closes. */
export async function withCli<T>(options: GlobalOptions, fn: (ctx: CliContext) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const database = await openDatabase({
    url: config.DATABASE_URL,
    dataDir: config.DATA_DIR,
    poolSize: config.DB_POOL_SIZE,
    statementTimeoutMs: config.DB_STATEMENT_TIMEOUT_MS,
    connectTimeoutMs: config.DB_CONNECT_TIMEOUT_MS,
    // Beside a running service on PGlite, the CLI works through the service's database.
    role: "cli",
    whenOwned: "share",
  });
  try {
    await database.migrate();
    const workspace = await chooseWorkspace(database, options.workspace);
    return await fn({ database, workspace, out: process.stdout, err: process.stderr });
  } finally {
    await database.close();
  }
}

async function chooseWorkspace(database: Database, wanted: string | undefined): Promise<WorkspaceRow> {
  await ensureDefaultWorkspace(database.db);
  const all = await listWorkspaces(database.db);
  if (wanted !== undefined) {
    const found = all.find((w) => String(w.id) === wanted || w.externalId === wanted);
    if (!found) {
      throw new CliError(
        `--workspace ${wanted}: no such workspace (known: ${all.map((w) => w.id).join(", ")})`,
        EXIT_USAGE,
        "NOT_FOUND",
      );
    }
    return found;
  }
  if (all.length > 1) {
    throw new CliError(
      `there are ${all.length} workspaces; name one with --workspace <id> (${all.map((w) => `${w.id} ${w.name}`).join(", ")})`,
    );
  }
  const [only] = all;
  if (!only)
    throw new CliError("no workspace exists; run `retention migrate` first", EXIT_REJECTED, "NOT_FOUND");
  return only;
}
