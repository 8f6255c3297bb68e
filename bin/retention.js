#!/usr/bin/env node
// Runs the TypeScript sources through tsx, or the compiled CLI where there are no sources (the image).
import { existsSync, readFileSync } from "node:fs";

// `--version` answers before anything heavy (tsx, the database driver) is loaded.
const [first] = process.argv.slice(2);
if (first === "--version" || first === "-V") {
  const { version } = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8"));
  process.stdout.write(`${version}\n`);
  process.exit(0);
}

process.env.RETENTION_CLI = "1";
const compiled = new URL("../dist/src/cli/main.js", import.meta.url);
const sources = new URL("../src/cli/main.ts", import.meta.url);
// In a checkout the sources win, so that an old `npm run build` never hides an edit; the image
// ships only dist/. RETENTION_USE_BUILD=1 runs the build where both exist.
const useBuild = existsSync(compiled) && (!existsSync(sources) || process.env.RETENTION_USE_BUILD === "1");
if (useBuild) {
  await import(compiled.href);
} else {
  const { register } = await import("tsx/esm/api");
  register();
  await import(sources.href);
}
