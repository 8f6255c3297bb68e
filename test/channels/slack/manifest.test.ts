import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { BOT_SCOPES, EVENTS_PATH } from "../../../src/channels/slack/endpoints.js";
import { BOT_EVENTS, buildSlackManifest } from "../../../src/channels/slack/manifest.js";
import { runCliCaptured } from "../../support/run-cli.js";

const root = path.resolve(import.meta.dirname, "../../..");
const schemaPath = path.resolve(root, "../shared/schemas/slack-manifest.schema.json");
const fixtures = path.resolve(root, "../shared/fixtures/slack");
const manifest = JSON.parse(readFileSync(path.join(root, "manifest.json"), "utf8"));
const hasShared = existsSync(schemaPath);
if (!hasShared) console.warn(`skipping the manifest schema checks: ${schemaPath} is absent`);

function validator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats.default(ajv);
  return ajv.compile(JSON.parse(readFileSync(schemaPath, "utf8")));
}

describe("the Slack app manifest", () => {
  it("the committed manifest.json is the Socket Mode one: no placeholder to edit", () => {
    expect(manifest).toEqual(buildSlackManifest({ socketMode: true }));
    expect(JSON.stringify(manifest)).not.toContain("YOUR-HOST");
    expect(manifest.settings.socket_mode_enabled).toBe(true);
  });

  it.runIf(hasShared)("manifest.json is a valid Slack app manifest (v1 schema)", () => {
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it.runIf(hasShared)("the schema rejects a manifest with an unknown setting (the check has teeth)", () => {
    const invalid = JSON.parse(readFileSync(path.join(fixtures, "manifest.v1.invalid.json"), "utf8"));
    expect(validator()(invalid)).toBe(false);
  });

  it("asks for exactly the bot scopes the code uses, and hears uninstalls", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(BOT_SCOPES);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(BOT_EVENTS);
    expect(BOT_EVENTS).toEqual(expect.arrayContaining(["app_uninstalled", "tokens_revoked"]));
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });
});

describe("retention slack manifest", () => {
  it("with --host, prints a valid manifest sending events, interactivity and /retention to the one endpoint", async () => {
    const { code, out } = await runCliCaptured(
      "slack",
      "manifest",
      "--host",
      "https://retention.example.com/",
    );
    expect(code).toBe(0);
    const printed = JSON.parse(out);
    const url = `https://retention.example.com${EVENTS_PATH}`;
    expect(printed.settings.event_subscriptions.request_url).toBe(url);
    expect(printed.settings.interactivity.request_url).toBe(url);
    expect(printed.features.slash_commands).toEqual([
      expect.objectContaining({ command: "/retention", url }),
    ]);
    expect(printed.oauth_config.redirect_urls).toEqual([
      "https://retention.example.com/slack/oauth_redirect",
    ]);
    expect(printed.settings.socket_mode_enabled).toBe(false);
    if (hasShared) {
      const validate = validator();
      expect(validate(printed), JSON.stringify(validate.errors, null, 2)).toBe(true);
    }
  });

  it("with --socket-mode, prints the committed manifest", async () => {
    const { code, out } = await runCliCaptured("slack", "manifest", "--socket-mode");
    expect(code).toBe(0);
    expect(JSON.parse(out)).toEqual(manifest);
  });

  it.each([
    [[], "give the service's public address with --host https://… (or set PUBLIC_URL), or use --socket-mode"],
    [["--host", "http://retention.example.com"], "Slack calls only https addresses"],
    [["--host", "retention.example.com"], "is not a URL"],
    [["--host", "https://x.example.com/app"], "give the address without a path (https://x.example.com)"],
    [["--host", "https://x.example.com", "--socket-mode"], "exclude each other"],
  ])("%j is a usage error (exit 2) that says what to give", async (args, message) => {
    const saved = process.env.PUBLIC_URL;
    delete process.env.PUBLIC_URL;
    try {
      const { code, out, err } = await runCliCaptured("slack", "manifest", ...args);
      expect(code).toBe(2);
      expect(out).toBe("");
      expect(err).toContain(message);
    } finally {
      if (saved !== undefined) process.env.PUBLIC_URL = saved;
    }
  });
});
