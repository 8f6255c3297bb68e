/**
 * `npm run teams:package`: writes `teams/build/retention-bot.zip`, the app package a Teams admin
 * uploads: `manifest.json` with `{{MICROSOFT_APP_ID}}` filled from the environment, and the two
 * icons. Fails with a clear message when MICROSOFT_APP_ID is unset or not a GUID.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import AdmZip from "adm-zip";

export const TEAMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../teams");
export const PACKAGE_PATH = path.join(TEAMS_DIR, "build", "retention-bot.zip");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageError extends Error {}

/** The manifest template with every `{{NAME}}` replaced from `env`; throws on a bad or missing value. */
export function renderManifest(template: string, env: Record<string, string | undefined>): string {
  const appId = env.MICROSOFT_APP_ID?.trim();
  if (!appId) {
    throw new PackageError(
      "MICROSOFT_APP_ID is not set: set it to your Azure Bot's Microsoft App ID (a GUID), e.g.\n" +
        "  MICROSOFT_APP_ID=00000000-0000-0000-0000-000000000000 npm run teams:package",
    );
  }
  if (!GUID.test(appId)) {
    throw new PackageError(
      `MICROSOFT_APP_ID must be a GUID like 00000000-0000-0000-0000-000000000000 (got "${appId}")`,
    );
  }
  const values: Record<string, string> = { MICROSOFT_APP_ID: appId };
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined)
      throw new PackageError(`teams/manifest.json uses {{${name}}}, which this script does not fill`);
    return value;
  });
}

/** Builds the zip from `teams/`; returns its path. */
export function buildPackage(env: Record<string, string | undefined>, out = PACKAGE_PATH): string {
  const manifest = renderManifest(readFileSync(path.join(TEAMS_DIR, "manifest.json"), "utf8"), env);
  const zip = new AdmZip();
  zip.addFile("manifest.json", Buffer.from(manifest, "utf8"));
  for (const icon of ["color.png", "outline.png"])
    zip.addFile(icon, readFileSync(path.join(TEAMS_DIR, icon)));
  mkdirSync(path.dirname(out), { recursive: true });
  zip.writeZip(out);
  return out;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const out = buildPackage(process.env);
    process.stdout.write(
      `Wrote ${path.relative(process.cwd(), out)}: upload it in Teams (Apps → Manage your apps → Upload an app).\n`,
    );
  } catch (err) {
    process.stderr.write(`teams:package: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(err instanceof PackageError ? 2 : 1);
  }
}
