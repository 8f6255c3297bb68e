/**
 * A fresh PGlite data directory costs about 6 s of initdb on this kind of machine; the same
 * directory, already migrated, restored from a tarball takes well under half that. So the first fresh
 * database this checkout needs is built once in memory, migrated, and saved as a template under
 * node_modules/.cache, keyed by the PGlite version and the migrations' content; every later
 * fresh one (a new DATA_DIR, an in-memory test database) starts from it.
 * Without a writable cache everything still works, only slower.
 */
import { createHash } from "node:crypto";
import {
  accessSync,
  constants,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { PGlite } from "@electric-sql/pglite";
import { drizzle } from "drizzle-orm/pglite";
import { migrate } from "drizzle-orm/pglite/migrator";

/** Where the template for these migrations lives (it may not exist yet). */
function templatePath(migrationsFolder: string): string | undefined {
  try {
    const root = path.dirname(migrationsFolder);
    const hash = createHash("sha256");
    hash.update(readFileSync(path.join(root, "node_modules/@electric-sql/pglite/package.json")));
    for (const file of listFiles(migrationsFolder)) {
      hash.update(file);
      hash.update(readFileSync(path.join(migrationsFolder, file)));
    }
    const key = hash.digest("hex").slice(0, 16);
    return path.join(root, "node_modules/.cache/retention-bot", `pglite-template-${key}.tar.gz`);
  } catch {
    return undefined;
  }
}

/**
 * The migrated empty database as a tarball for PGlite's `loadDataDir`: read from the cache, or
 * built once in memory (initdb and migrations) and cached. Undefined when it cannot be built.
 */
export async function migratedTemplate(migrationsFolder: string): Promise<Blob | undefined> {
  const file = templatePath(migrationsFolder);
  if (file) {
    try {
      // Node's zlib unpacks it several times faster than PGlite's own gzip reader.
      return new Blob([gunzipSync(readFileSync(file))]);
    } catch {}
  }
  // Building costs more than a plain initdb, so only when the result can be kept.
  if (!file || !writableDir(path.dirname(file))) return undefined;
  try {
    const client = new PGlite();
    try {
      await migrate(drizzle({ client }), { migrationsFolder });
      const dump = await client.dumpDataDir("gzip");
      save(file, Buffer.from(await dump.arrayBuffer()));
      return dump;
    } finally {
      await client.close();
    }
  } catch {
    return undefined;
  }
}

function writableDir(dir: string): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    accessSync(dir, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

function save(file: string, bytes: Buffer): void {
  try {
    const temp = `${file}.${process.pid}.tmp`;
    writeFileSync(temp, bytes);
    renameSync(temp, file);
  } catch {
    // A read-only checkout only loses the speed-up.
  }
}

function listFiles(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true })
    .flatMap((entry) => {
      const name = path.join(prefix, entry.name);
      return entry.isDirectory() ? listFiles(dir, name) : [name];
    })
    .sort();
}
