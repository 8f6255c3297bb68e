import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.js";

describe("configuration", () => {
  it("with no variables set, starts on the embedded database with the defaults", () => {
    const config = loadConfig({});
    expect(config.PORT).toBe(3000);
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.DATA_DIR).toBe("./data");
    expect(config.SCHEDULER).toBe(true);
  });

  it("SCHEDULER=off turns the in-process tick off", () => {
    expect(loadConfig({ SCHEDULER: "off" }).SCHEDULER).toBe(false);
  });

  it.each([
    ["PORT", "eighty", "PORT"],
    ["PORT", "70000", "PORT"],
    ["DATABASE_URL", "mysql://x", "DATABASE_URL: must start with postgres://"],
    ["SCHEDULER", "sometimes", "SCHEDULER"],
    ["LOG_LEVEL", "loud", "LOG_LEVEL"],
    ["SLACK_BOT_TOKEN", "xoxp-123", "SLACK_BOT_TOKEN: must start with xoxb-"],
    ["SLACK_API_URL", "not a url", "SLACK_API_URL"],
    ["MICROSOFT_APP_TYPE", "Personal", "MICROSOFT_APP_TYPE"],
  ])("rejects %s=%s with a message naming it", (name, value, expected) => {
    expect(() => loadConfig({ [name]: value })).toThrow(ConfigError);
    expect(() => loadConfig({ [name]: value })).toThrow(expected);
  });

  it("a Slack bot token without its signing secret names the missing variable", () => {
    expect(() => loadConfig({ SLACK_BOT_TOKEN: "xoxb-1" })).toThrow("SLACK_SIGNING_SECRET: required");
  });

  it("half an OAuth configuration names each missing part", () => {
    const attempt = () => loadConfig({ SLACK_CLIENT_ID: "1.2", SLACK_SIGNING_SECRET: "s" });
    expect(attempt).toThrow("SLACK_CLIENT_SECRET");
    expect(attempt).toThrow("SLACK_STATE_SECRET");
  });

  it("a Teams app id without a password is refused", () => {
    expect(() => loadConfig({ MICROSOFT_APP_ID: "00000000-0000-0000-0000-000000000001" })).toThrow(
      "MICROSOFT_APP_PASSWORD",
    );
  });

  it("never prints a secret it rejects", () => {
    try {
      loadConfig({ SLACK_BOT_TOKEN: "xoxp-very-secret" });
    } catch (err) {
      expect(String(err)).not.toContain("very-secret");
      return;
    }
    throw new Error("expected a ConfigError");
  });

  it("empty strings count as unset", () => {
    expect(loadConfig({ DATABASE_URL: "", SLACK_BOT_TOKEN: "" }).DATABASE_URL).toBeUndefined();
  });
});
