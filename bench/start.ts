/**
 * `npm run bench:start`: how long `npm start` takes to answer `GET /healthz` with 200 on PGlite,
 * on a fresh DATA_DIR and on an existing one, and how long `retention --version` takes.
 * Medians of `--runs` runs (default 3). Each run is a real process started from scratch.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({ options: { runs: { type: "string", default: "3" } } });
const runs = Number(values.runs);
const root = path.resolve(import.meta.dirname, "..");

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** Starts the service, waits for /healthz 200 (bounded), stops it; returns the seconds to healthy. */
async function timeStart(dataDir: string): Promise<number> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn("npm", ["start", "--silent"], {
    cwd: root,
    env: { ...process.env, PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: "warn", DATABASE_URL: "" },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  try {
    const deadline = started + 60_000;
    for (;;) {
      if (performance.now() > deadline) throw new Error("not healthy within 60 s");
      if (child.exitCode !== null) throw new Error(`service exited with ${child.exitCode}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.status === 200,
        () => false,
      );
      if (ok) return (performance.now() - started) / 1000;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    process.kill(-child.pid!, "SIGTERM");
    await exited;
  }
}

async function timeCommand(command: string, args: string[]): Promise<number> {
  const started = performance.now();
  const child = spawn(command, args, { cwd: root, stdio: "ignore" });
  await new Promise((resolve) => child.once("exit", resolve));
  return (performance.now() - started) / 1000;
}

function median(values: number[]): string {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!.toFixed(2);
}

const fresh: number[] = [];
const existing: number[] = [];
const version: number[] = [];
for (let i = 0; i < runs; i++) {
  const dir = mkdtempSync(path.join(tmpdir(), "retention-start-"));
  try {
    fresh.push(await timeStart(dir));
    existing.push(await timeStart(dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  version.push(await timeCommand(process.execPath, ["bin/retention.js", "--version"]));
}
const row = (name: string, xs: number[]) =>
  `${name.padEnd(36)} median ${median(xs)} s   (${xs.map((x) => x.toFixed(2)).join(", ")})`;
process.stdout.write(
  `${[
    row("npm start → /healthz 200, fresh", fresh),
    row("npm start → /healthz 200, existing", existing),
    row("retention --version", version),
  ].join("\n")}\n`,
);
