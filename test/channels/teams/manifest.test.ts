import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { inflateSync } from "node:zlib";
import { AppManifestUtils, type TeamsManifest } from "@microsoft/app-manifest";
import AdmZip from "adm-zip";
import { describe, expect, it } from "vitest";
import {
  buildPackage,
  type Publisher,
  readPublisher,
  renderManifest,
  TEAMS_DIR,
} from "../../../scripts/teams-package.js";
import { SHARED_SCHEMAS } from "./card-schema.js";

const APP_ID = "2f0e9a4c-6d1b-4c1e-9a51-7f3c2b8d9e10";
const PUBLISHER: Publisher = {
  name: 'Acme "Sales" Ops',
  websiteUrl: "https://acme.example",
  privacyUrl: "https://acme.example/privacy",
  termsOfUseUrl: "https://acme.example/terms",
  version: "0.1.0",
};
const template = readFileSync(path.join(TEAMS_DIR, "manifest.json"), "utf8");
const manifest = JSON.parse(
  renderManifest(template, { MICROSOFT_APP_ID: APP_ID }, PUBLISHER),
) as TeamsManifest & {
  bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
};
const sharedSchema = path.join(SHARED_SCHEMAS, "teams-manifest.schema.json");

function pngSize(file: Buffer): { width: number; height: number } {
  return { width: file.readUInt32BE(16), height: file.readUInt32BE(20) };
}

/** The RGBA pixels of an unfiltered 8-bit RGBA PNG with one IDAT chunk (as scripts/teams-icons.ts writes). */
function pngPixels(file: Buffer): Buffer {
  const { width } = pngSize(file);
  const at = file.indexOf("IDAT");
  const rows = inflateSync(file.subarray(at + 4, at + 4 + file.readUInt32BE(at - 4)));
  const stride = width * 4 + 1;
  return Buffer.concat(
    Array.from({ length: rows.length / stride }, (_, y) => rows.subarray(y * stride + 1, (y + 1) * stride)),
  );
}

describe("teams/manifest.json", () => {
  it("is valid against the schema it declares, by Microsoft's @microsoft/app-manifest", async () => {
    expect(manifest.$schema).toMatch(/\/teams\/v1\.(19|[2-9]\d)\/MicrosoftTeams\.schema\.json$/);
    expect(await AppManifestUtils.validateAgainstSchema(manifest)).toEqual([]);
  });

  it.skipIf(!existsSync(sharedSchema))(
    "is valid against the Teams schema kept in ../shared/schemas",
    async () => {
      const schema = JSON.parse(readFileSync(sharedSchema, "utf8").replace(/\\a/g, "\\u0007")) as Parameters<
        typeof AppManifestUtils.validateAgainstSchema
      >[1];
      expect(await AppManifestUtils.validateAgainstSchema(manifest, schema)).toEqual([]);
    },
  );

  it("declares the bot in personal scope with the app id as bot id, and the common commands", () => {
    const [bot] = manifest.bots;
    expect(manifest.id).toBe(APP_ID);
    expect(bot?.botId).toBe(APP_ID);
    expect(bot?.scopes).toEqual(["personal"]);
    expect(bot?.commandLists[0]?.commands.map((c) => c.title)).toEqual([
      "help",
      "home",
      "today",
      "log",
      "snooze",
      "promise",
      "account",
      "report",
      "neglected",
      "digest",
    ]);
  });
});

describe("npm run teams:package", () => {
  it("writes a zip with the filled manifest and the two icons at its root", () => {
    const out = buildPackage(
      { MICROSOFT_APP_ID: APP_ID },
      PUBLISHER,
      path.join(mkdtempSync(path.join(tmpdir(), "teams-")), "app.zip"),
    );
    const zip = new AdmZip(out);
    expect(
      zip
        .getEntries()
        .map((e) => e.entryName)
        .sort(),
    ).toEqual(["color.png", "manifest.json", "outline.png"]);
    const packed = JSON.parse(zip.readAsText("manifest.json")) as { id: string };
    expect(packed.id).toBe(APP_ID);
    expect(zip.readAsText("manifest.json")).not.toContain("{{");
    expect(pngSize(zip.getEntry("color.png")!.getData())).toEqual({ width: 192, height: 192 });
    expect(pngSize(zip.getEntry("outline.png")!.getData())).toEqual({ width: 32, height: 32 });
  });

  it("ships an outline icon that is white on transparent, as Teams requires", () => {
    const pixels = pngPixels(readFileSync(path.join(TEAMS_DIR, "outline.png")));
    const alphas = new Set<number>();
    for (let i = 0; i < pixels.length; i += 4) {
      if (pixels[i + 3]! > 0) expect([pixels[i], pixels[i + 1], pixels[i + 2]]).toEqual([255, 255, 255]);
      alphas.add(pixels[i + 3]!);
    }
    expect(alphas.has(0)).toBe(true);
    expect(alphas.has(255)).toBe(true);
  });

  it("refuses to package without MICROSOFT_APP_ID, or with one that is not a GUID, saying what to set", () => {
    expect(() => renderManifest(template, {}, PUBLISHER)).toThrow(/MICROSOFT_APP_ID is not set/);
    expect(() => renderManifest(template, { MICROSOFT_APP_ID: "my-bot" }, PUBLISHER)).toThrow(
      /must be a GUID/,
    );
  });

  it("fills the publisher's name, links and version, with no placeholder left in the committed template", () => {
    expect(template).not.toMatch(/example\.com|YOUR-|github\.com\/retention-bot/);
    expect(manifest.developer).toEqual({
      name: 'Acme "Sales" Ops',
      websiteUrl: "https://acme.example",
      privacyUrl: "https://acme.example/privacy",
      termsOfUseUrl: "https://acme.example/terms",
    });
    expect(manifest.version).toBe("0.1.0");
  });

  it("takes the publisher from the options first, then from package.json", () => {
    const pkg = {
      version: "2.3.4",
      author: "Acme Sales Ops <ops@acme.example>",
      homepage: "https://acme.example",
      teamsApp: { privacyUrl: "https://acme.example/privacy", termsOfUseUrl: "https://acme.example/terms" },
    };
    expect(readPublisher([], pkg)).toEqual({
      name: "Acme Sales Ops",
      websiteUrl: "https://acme.example",
      privacyUrl: "https://acme.example/privacy",
      termsOfUseUrl: "https://acme.example/terms",
      version: "2.3.4",
    });
    expect(
      readPublisher(["--developer-name", "Other Co", "--terms-url", "https://other.example/t"], pkg),
    ).toMatchObject({
      name: "Other Co",
      termsOfUseUrl: "https://other.example/t",
    });
  });

  it("refuses to package without the publisher's name and https links, naming each option to set", () => {
    expect(() => readPublisher([], {})).toThrow(
      /--developer-name[\s\S]*--website-url[\s\S]*--privacy-url[\s\S]*--terms-url/,
    );
    expect(() =>
      readPublisher(
        [
          "--developer-name",
          "Acme",
          "--website-url",
          "http://acme.example",
          "--privacy-url",
          "https://a.example/p",
          "--terms-url",
          "https://a.example/t",
        ],
        {},
      ),
    ).toThrow(/--website-url must be an https:\/\/ address/);
  });
});
