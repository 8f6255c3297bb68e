import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";
import { describe, expect, it } from "vitest";
import { BOT_SCOPES, EVENTS_PATH } from "../../../src/channels/slack/endpoints.js";

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

describe("manifest.json", () => {
  it.runIf(hasShared)("is a valid Slack app manifest (v1 schema)", () => {
    const validate = validator();
    expect(validate(manifest), JSON.stringify(validate.errors, null, 2)).toBe(true);
  });

  it.runIf(hasShared)("the schema rejects a manifest with an unknown setting (the check has teeth)", () => {
    const invalid = JSON.parse(readFileSync(path.join(fixtures, "manifest.v1.invalid.json"), "utf8"));
    expect(validator()(invalid)).toBe(false);
  });

  it("asks for exactly the bot scopes the code uses", () => {
    expect(manifest.oauth_config.scopes.bot).toEqual(BOT_SCOPES);
  });

  it("sends events, interactivity and the /retention command to the one endpoint", () => {
    const url = `https://YOUR-HOST${EVENTS_PATH}`;
    expect(manifest.settings.event_subscriptions.request_url).toBe(url);
    expect(manifest.settings.interactivity.request_url).toBe(url);
    expect(manifest.features.slash_commands).toEqual([
      expect.objectContaining({ command: "/retention", url, usage_hint: expect.stringContaining("today") }),
    ]);
    expect(manifest.settings.event_subscriptions.bot_events).toEqual(["app_home_opened"]);
    expect(manifest.features.app_home).toMatchObject({ home_tab_enabled: true, messages_tab_enabled: true });
  });
});
