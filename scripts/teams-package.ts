/**
 * `npm run teams:package [-- --developer-name … --website-url … --privacy-url … --terms-url …]`:
 * writes `teams/build/retention-bot.zip`, the app package a Teams admin uploads: `manifest.json`
 * with the app id filled from MICROSOFT_APP_ID, the publisher's name and links from the options or
 * package.json (`author`, `homepage`, `teamsApp.privacyUrl`, `teamsApp.termsOfUseUrl`), the
 * version from package.json, and the two icons. Refuses, naming what to set, when any is missing.
 */
import { mkdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import AdmZip from "adm-zip";

export const TEAMS_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../teams");
export const PACKAGE_PATH = path.join(TEAMS_DIR, "build", "retention-bot.zip");

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export class PackageError extends Error {}

/** Who publishes the app, as Teams shows it on the app's page. */
export interface Publisher {
  name: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
  version: string;
}

interface PackageJson {
  version?: string;
  author?: string | { name?: string };
  homepage?: string;
  teamsApp?: { privacyUrl?: string; termsOfUseUrl?: string };
}

const FIELDS = [
  ["name", "--developer-name", "author"],
  ["websiteUrl", "--website-url", "homepage"],
  ["privacyUrl", "--privacy-url", "teamsApp.privacyUrl"],
  ["termsOfUseUrl", "--terms-url", "teamsApp.termsOfUseUrl"],
] as const;

/** The publisher from the command line's options, else package.json; throws naming what is missing. */
export function readPublisher(argv: string[], pkg: PackageJson): Publisher {
  const { values } = parseArgs({
    args: argv,
    options: {
      "developer-name": { type: "string" },
      "website-url": { type: "string" },
      "privacy-url": { type: "string" },
      "terms-url": { type: "string" },
    },
    strict: true,
  });
  const author = typeof pkg.author === "string" ? pkg.author.replace(/\s*[<(].*$/, "") : pkg.author?.name;
  const found: Record<(typeof FIELDS)[number][0], string | undefined> = {
    name: values["developer-name"] ?? author,
    websiteUrl: values["website-url"] ?? pkg.homepage,
    privacyUrl: values["privacy-url"] ?? pkg.teamsApp?.privacyUrl,
    termsOfUseUrl: values["terms-url"] ?? pkg.teamsApp?.termsOfUseUrl,
  };
  const problems: string[] = [];
  for (const [key, option, field] of FIELDS) {
    const value = found[key]?.trim();
    if (!value) problems.push(`${option} (or "${field}" in package.json) is not set`);
    else if (key !== "name" && !/^https:\/\/[^\s/]+\.[^\s]+$/.test(value))
      problems.push(`${option} must be an https:// address (got "${value}")`);
  }
  if (problems.length > 0) {
    throw new PackageError(
      `Teams shows who publishes the app and links to your pages:\n  ${problems.join("\n  ")}\n` +
        "e.g. npm run teams:package -- --developer-name 'Acme Sales Ops' --website-url https://acme.example " +
        "--privacy-url https://acme.example/privacy --terms-url https://acme.example/terms",
    );
  }
  return {
    name: found.name?.trim() ?? "",
    websiteUrl: found.websiteUrl?.trim() ?? "",
    privacyUrl: found.privacyUrl?.trim() ?? "",
    termsOfUseUrl: found.termsOfUseUrl?.trim() ?? "",
    version: pkg.version ?? "1.0.0",
  };
}

/** The manifest template with every `{{NAME}}` replaced; throws on a bad or missing value. */
export function renderManifest(
  template: string,
  env: Record<string, string | undefined>,
  publisher: Publisher,
): string {
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
  const values: Record<string, string> = {
    MICROSOFT_APP_ID: appId,
    DEVELOPER_NAME: publisher.name,
    WEBSITE_URL: publisher.websiteUrl,
    PRIVACY_URL: publisher.privacyUrl,
    TERMS_OF_USE_URL: publisher.termsOfUseUrl,
    VERSION: publisher.version,
  };
  return template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, name: string) => {
    // JSON-escaped, so a publisher's name with a quote keeps the manifest valid.
    const value = values[name] === undefined ? undefined : JSON.stringify(values[name]).slice(1, -1);
    if (value === undefined)
      throw new PackageError(`teams/manifest.json uses {{${name}}}, which this script does not fill`);
    return value;
  });
}

/** Builds the zip from `teams/`; returns its path. */
export function buildPackage(
  env: Record<string, string | undefined>,
  publisher: Publisher,
  out = PACKAGE_PATH,
): string {
  const manifest = renderManifest(
    readFileSync(path.join(TEAMS_DIR, "manifest.json"), "utf8"),
    env,
    publisher,
  );
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
    const pkg = JSON.parse(readFileSync(path.join(TEAMS_DIR, "..", "package.json"), "utf8")) as PackageJson;
    const out = buildPackage(process.env, readPublisher(process.argv.slice(2), pkg));
    process.stdout.write(
      `Wrote ${path.relative(process.cwd(), out)}: upload it in Teams (Apps → Manage your apps → Upload an app).\n`,
    );
  } catch (err) {
    process.stderr.write(`teams:package: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(
      err instanceof PackageError || (err as { code?: string }).code?.startsWith("ERR_PARSE_ARGS") ? 2 : 1,
    );
  }
}
