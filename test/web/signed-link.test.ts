import { describe, expect, it } from "vitest";
import { dashboardLinks, LINK_VALIDITY_MS, signLink, verifyLink } from "../../src/web/signed-link.js";

const secret = "s".repeat(40);
const now = new Date("2026-03-02T10:00:00Z");
const claims = { workspaceId: 1, repId: 7, expiresAt: now.getTime() + LINK_VALIDITY_MS };

describe("signed dashboard links", () => {
  it("a link made now is accepted for 24 hours and names its manager", () => {
    const token = signLink(secret, claims);
    expect(verifyLink(secret, token, now)).toEqual({ ok: true, claims });
    expect(verifyLink(secret, token, new Date(claims.expiresAt - 1000)).ok).toBe(true);
  });

  it("a link is refused as expired once its 24 hours are over", () => {
    const token = signLink(secret, claims);
    expect(verifyLink(secret, token, new Date(claims.expiresAt))).toEqual({ ok: false, reason: "expired" });
  });

  it.each([
    ["another manager", (t: string) => t.replace(/^1\.7\./, "1.8.")],
    ["a later expiry", (t: string) => t.replace(/\.(\d+)\./, (_m, e) => `.${Number(e) + 86_400}.`)],
    ["another signature", (t: string) => `${t.slice(0, -1)}${t.endsWith("A") ? "B" : "A"}`],
    ["garbage", () => "<script>"],
    ["nothing", () => ""],
  ])("a link changed to %s is refused as invalid", (_what, change) => {
    expect(verifyLink(secret, change(signLink(secret, claims)), now)).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  it("a link signed with another secret is refused", () => {
    expect(verifyLink(secret, signLink("t".repeat(40), claims), now).ok).toBe(false);
  });

  it("/retention dashboard links: local page locally, none without PUBLIC_URL, signed with it", () => {
    const actor = { workspaceId: 1, repId: 7 };
    const local = dashboardLinks({
      local: true,
      localUrl: "http://localhost:3000",
      publicUrl: undefined,
      secret,
    });
    expect(local(actor, now)).toBe("http://localhost:3000/dashboard");
    const none = dashboardLinks({ local: false, localUrl: "", publicUrl: undefined, secret });
    expect(none(actor, now)).toBeUndefined();
    const made = dashboardLinks({ local: false, localUrl: "", publicUrl: "https://r.example.com/", secret });
    const link = made(actor, now)!;
    expect(link).toMatch(/^https:\/\/r\.example\.com\/dashboard\?t=/);
    const token = new URL(link).searchParams.get("t")!;
    expect(verifyLink(secret, token, now)).toEqual({ ok: true, claims });
  });
});
