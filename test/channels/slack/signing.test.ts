import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { signSlackBody } from "../../support/slack-requests.js";

const vectorPath = path.resolve(
  import.meta.dirname,
  "../../../../shared/fixtures/slack/signing-vector.slack-docs.json",
);
const hasVector = existsSync(vectorPath);
if (!hasVector) console.warn(`skipping the signing vector check: ${vectorPath} is absent`);

describe("the test request signer", () => {
  it.runIf(hasVector)("signs Slack's documented example exactly as Slack does", () => {
    const vector = JSON.parse(readFileSync(vectorPath, "utf8"));
    expect(signSlackBody(vector.signing_secret, vector.x_slack_request_timestamp, vector.body)).toBe(
      vector.x_slack_signature,
    );
  });

  it("gives a different signature when one byte of the body changes", () => {
    expect(signSlackBody("s", 1, "a=1")).not.toBe(signSlackBody("s", 1, "a=2"));
  });
});
