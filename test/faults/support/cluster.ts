/**
 * A throwaway PostgreSQL cluster for the fault suite: `initdb` into a temporary directory with
 * the installed server binaries, a free port on 127.0.0.1, its unix socket in that directory.
 * It can be stopped and started again (an outage); `destroy()` stops it and removes the
 * directory. The machine's shared server is never touched. As root, the binaries run as the
 * `postgres` user (initdb refuses root).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Cluster {
  /** postgres://… of the `postgres` database. */
  url: string;
  port: number;
  stop(): void;
  start(): void;
  destroy(): void;
}

function binDir(): string {
  const root = "/usr/lib/postgresql";
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  for (const v of versions) if (existsSync(join(root, v, "bin", "initdb"))) return join(root, v, "bin");
  throw new Error("no PostgreSQL server binaries under /usr/lib/postgresql/*/bin");
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function createCluster(): Promise<Cluster> {
  const bin = binDir();
  const dir = mkdtempSync(join(tmpdir(), "retention-faults-pg-"));
  const asRoot = process.getuid?.() === 0;
  let run = (cmd: string, args: string[]) => execFileSync(join(bin, cmd), args, { stdio: "pipe" });
  if (asRoot) {
    const uid = Number(execFileSync("id", ["-u", "postgres"]).toString().trim());
    const gid = Number(execFileSync("id", ["-g", "postgres"]).toString().trim());
    chownSync(dir, uid, gid);
    run = (cmd, args) =>
      execFileSync("runuser", ["-u", "postgres", "--", join(bin, cmd), ...args], { stdio: "pipe" });
  }
  const data = join(dir, "data");
  run("initdb", ["-D", data, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8"]);
  const port = await freePort();
  const options = `-p ${port} -k ${dir} -c listen_addresses=127.0.0.1 -c fsync=off -c max_connections=60`;
  const start = () => {
    run("pg_ctl", ["-D", data, "-o", options, "-l", join(dir, "log"), "-w", "-t", "30", "start"]);
  };
  const stop = () => {
    run("pg_ctl", ["-D", data, "-m", "immediate", "-w", "-t", "30", "stop"]);
  };
  start();
  let destroyed = false;
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    port,
    start,
    stop,
    destroy: () => {
      if (destroyed) return;
      destroyed = true;
      const bin2 = asRoot ? ["runuser", "-u", "postgres", "--", join(bin, "pg_ctl")] : [join(bin, "pg_ctl")];
      spawnSync(bin2[0] as string, [...bin2.slice(1), "-D", data, "-m", "immediate", "stop"], {
        stdio: "ignore",
      });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
