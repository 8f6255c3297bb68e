import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => path.join(root, "test/fixtures/csv", `${name}.csv`);
const dataDir = mkdtempSync(path.join(tmpdir(), "retention-cli-"));

/** Runs `retention …` as a user would, in its own process, on an embedded database in a temp folder. */
function retention(...args: string[]) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR: dataDir, LOG_LEVEL: "silent" };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, ["--import", "tsx", "src/cli/main.ts", ...args], {
    cwd: root,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

// The tests share one database and run in order: reps first, then accounts that refer to them.
// Each run starts a process and opens the embedded database: slow on a busy machine, hence the timeout.
describe("the retention command line: import and export", { timeout: 120_000 }, () => {
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it("when a valid file is imported, the summary is printed and the exit status is 0", () => {
    const run = retention("import", "reps", fixture("reps"));
    expect(run.stdout).toBe("inserted 3, updated 0, unchanged 0, rejected 0\n");
    expect(run.status).toBe(0);
  });

  it("when a file is imported as a dry run, the summary says so and a real import still inserts", () => {
    const dry = retention("import", "accounts", fixture("accounts"), "--dry-run");
    expect(dry.stdout).toBe("inserted 3, updated 0, unchanged 0, rejected 0 (dry run: nothing written)\n");
    expect(dry.status).toBe(0);
    expect(retention("import", "accounts", fixture("accounts")).stdout).toBe(
      "inserted 3, updated 0, unchanged 0, rejected 0\n",
    );
  });

  it("when a file has an invalid row, the error is printed by line and column and the exit status is 1", () => {
    const run = retention(
      "import",
      "checkins",
      path.join(root, "test/fixtures/csv/checkins-unknown-account.csv"),
    );
    expect(run.stderr).toContain(
      "line 3: account_external_id: no account has the external_id ACME-404; import accounts first or fix the id\n",
    );
    expect(run.stderr).toContain("nothing written");
    expect(run.stdout).toBe("inserted 0, updated 0, unchanged 0, rejected 1\n");
    expect(run.status).toBe(1);
  });

  it("when the file does not exist or the kind is unknown, the exit status is 2", () => {
    const missing = retention("import", "accounts", path.join(dataDir, "nope.csv"));
    expect(missing.stderr).toContain("error [NOT_FOUND]:");
    expect(missing.stderr).toContain("no such file");
    expect(missing.status).toBe(2);
    const badKind = retention("import", "customers", fixture("accounts"));
    expect(badKind.stderr).toContain("error [USAGE]:");
    expect(badKind.stderr).toContain("Allowed choices are reps, accounts, checkins");
    expect(badKind.status).toBe(2);
  });

  it("when accounts are exported, formula cells are neutralised and negative numbers stay numbers", () => {
    const run = retention("export", "accounts");
    expect(run.status).toBe(0);
    expect(run.stdout).toContain(',"Initech, Ltd",ben@acme.test,50000,-2500.5,');
    expect(run.stdout).toContain("ACME-3,'=Evil Corp,");
  });

  it("when --since is not a date, the exit status is 2", () => {
    const run = retention("export", "checkins", "--since", "last week");
    expect(run.stderr).toContain("retention: error [USAGE]: --since last week: not a date");
    expect(run.status).toBe(2);
  });
});
