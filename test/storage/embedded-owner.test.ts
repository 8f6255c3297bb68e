import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { openDatabase, queryRows } from "../../src/storage/database.js";

const root = fileURLToPath(new URL("../..", import.meta.url));
const fixture = (name: string) => path.join(root, "test/fixtures/csv", `${name}.csv`);
const dirs: string[] = [];
const services = new Set<ChildProcess>();

function freshDataDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "retention-owner-"));
  dirs.push(dir);
  return dir;
}

function envFor(dataDir: string, port = 0): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR: dataDir,
    PORT: String(port),
    LOG_LEVEL: "warn",
    SCHEDULER: "off",
  };
  for (const key of Object.keys(env)) {
    if (key === "DATABASE_URL" || key.startsWith("SLACK_") || key.startsWith("MICROSOFT_")) delete env[key];
  }
  return env;
}

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

interface Service {
  child: ChildProcess;
  port: number;
  stderr(): string;
  exited: Promise<number | null>;
}

/** Starts `retention-bot` as its own process on `dataDir`. */
async function startService(dataDir: string): Promise<Service> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: root,
    env: envFor(dataDir, port),
    stdio: ["ignore", "ignore", "pipe"],
  });
  services.add(child);
  let stderr = "";
  child.stderr!.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      services.delete(child);
      resolve(code);
    }),
  );
  return { child, port, stderr: () => stderr, exited };
}

/** Resolves when /healthz answers 200; rejects if the service exits first or 60 s pass. */
async function healthy(service: Service): Promise<void> {
  const deadline = Date.now() + 60_000;
  let exited = false;
  void service.exited.then(() => {
    exited = true;
  });
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the service exited: ${service.stderr()}`);
    const ok = await fetch(`http://127.0.0.1:${service.port}/healthz`).then(
      (r) => r.status === 200,
      () => false,
    );
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error("the service did not become healthy within 60 s");
}

/** Runs `retention …` as its own process, as a user in another terminal would. */
function retention(
  dataDir: string,
  ...args: string[]
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["bin/retention.js", ...args], {
      cwd: root,
      env: envFor(dataDir),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => {
      out += String(chunk);
    });
    child.stderr.on("data", (chunk) => {
      err += String(chunk);
    });
    const timer = setTimeout(() => child.kill("SIGKILL"), 90_000);
    child.once("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out, err });
    });
  });
}

async function countIn(dataDir: string, table: "accounts" | "reps"): Promise<number> {
  const database = await openDatabase({ dataDir });
  try {
    const [row] = await queryRows<{ n: number }>(
      database.db,
      sql`select count(*)::int as n from ${sql.identifier(table)}`,
    );
    return row!.n;
  } finally {
    await database.close();
  }
}

describe("one owner for the embedded database", { timeout: 240_000 }, () => {
  afterEach(() => {
    for (const child of services) child.kill("SIGKILL");
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it("when the service runs on PGlite, the CLI's demo, import and plan go through it and the data outlives the service", async () => {
    const dataDir = freshDataDir();
    const service = await startService(dataDir);
    await healthy(service);

    const demo = await retention(dataDir, "demo");
    expect(demo.err).toBe("");
    expect(demo.out).toContain("demo workspace loaded");
    expect(demo.code).toBe(0);
    const reps = await retention(dataDir, "import", "reps", fixture("reps"));
    expect(reps.out).toBe("inserted 3, updated 0, unchanged 0, rejected 0\n");
    const plan = await retention(dataDir, "plan");
    expect(plan.code).toBe(0);
    expect(plan.out).not.toBe("");

    service.child.kill("SIGTERM");
    expect(await service.exited).toBe(0);
    expect(await countIn(dataDir, "reps")).toBe(8 + 3);
    expect(await countIn(dataDir, "accounts")).toBe(300);
  });

  it("when a service is killed with SIGKILL, the next one starts on the same DATA_DIR, and a second one beside it refuses clearly", async () => {
    const dataDir = freshDataDir();
    const first = await startService(dataDir);
    await healthy(first);
    first.child.kill("SIGKILL");
    await first.exited;

    const next = await startService(dataDir);
    await healthy(next);

    const second = await startService(dataDir);
    expect(await second.exited).toBe(1);
    expect(second.stderr()).toContain(
      `another retention service (pid ${next.child.pid}) already uses the embedded database in ${dataDir}`,
    );
    expect(second.stderr()).toContain("DATABASE_URL");
    await healthy(next);
  });
});
