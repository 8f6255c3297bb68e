import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const root = fileURLToPath(new URL("../..", import.meta.url));
const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as {
  version: string;
};

describe("retention --version", () => {
  it.each(["--version", "-V"])("when run with %s, prints package.json's version and exits 0", (flag) => {
    const run = spawnSync(process.execPath, ["bin/retention.js", flag], { cwd: root, encoding: "utf8" });
    expect(run.stdout).toBe(`${version}\n`);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });

  it("is listed in --help", () => {
    const run = spawnSync(process.execPath, ["bin/retention.js", "--help"], {
      cwd: root,
      encoding: "utf8",
      env: { ...process.env, RETENTION_CLI: "1" },
    });
    expect(run.stdout).toMatch(/-V, --version\s+print the version and exit/);
    expect(run.status).toBe(0);
  });
});
