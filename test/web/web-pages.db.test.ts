import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCommandText } from "../../src/app/commands/execute.js";
import { loadReps } from "../../src/app/reports/book-scope.js";
import { loadDashboard } from "../../src/app/reports/dashboard.js";
import { queryRows } from "../../src/storage/database.js";
import { getWorkspace } from "../../src/storage/workspaces.js";
import { startWeb, type WebHarness } from "../browser/web-harness.js";

describe("the web pages' guards", () => {
  let web: WebHarness;
  beforeAll(async () => {
    web = await startWeb("local");
  });
  afterAll(async () => {
    await web.close();
  });

  it.each([
    ["no Origin", {}],
    ["another site's Origin", { origin: "https://evil.example" }],
    ["an Origin of null", { origin: "null" }],
  ])("a POST with %s is refused 403 and writes nothing", async (_what, headers) => {
    const res = await fetch(`${web.url}/local/demo`, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: "{}",
    });
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ code: "FORBIDDEN_ORIGIN" });
    const [row] = await queryRows<{ n: number }>(web.database.db, sql`select count(*)::int as n from reps`);
    expect(row!.n).toBe(0);
  });

  it("pages carry the security headers and load nothing from elsewhere", async () => {
    const res = await fetch(`${web.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    expect(await res.text()).not.toMatch(/https?:\/\//);
  });

  it("a bad input is answered 400 with a code, not 500", async () => {
    const res = await fetch(`${web.url}/local/click`, {
      method: "POST",
      headers: { "content-type": "application/json", origin: web.url },
      body: JSON.stringify({ rep: "x", actionId: 1 }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ code: "BAD_INPUT" });
  });

  it("the dashboard's figures add up on the demo, and /retention report says them in words", async () => {
    await web.session.loadDemo();
    const settings = (await getWorkspace(web.database.db, web.workspaceId))!.settings;
    const reps = await loadReps(web.database.db, web.workspaceId, settings);
    const d = await loadDashboard(web.database.db, web.workspaceId, settings, web.ctx.clock(), reps, "all");
    expect(d.coverage).toHaveLength(8);
    expect(d.contactsByWeek.length).toBeGreaterThan(10);
    expect(d.departed.length).toBeGreaterThan(0);
    expect(d.revenueAtRisk.total).toBeGreaterThan(0);
    expect(d.closedLoop.flagged).toBe(d.closedLoop.contacted + d.closedLoop.notContacted);
    expect(d.closedLoop.contactedOrdered).toBeLessThanOrEqual(d.closedLoop.contacted);
    const manager = reps.find((r) => r.role === "manager")!;
    const actor = {
      workspaceId: web.workspaceId,
      repId: manager.id,
      role: manager.role,
      name: manager.name,
      timezone: manager.timezone,
    };
    const reply = await runCommandText(web.ctx, actor, "report");
    expect(reply.kind === "table" && reply.footer).toMatch(/Revenue at risk: .* a year across \d+ accounts/);
    expect(reply.kind === "table" && reply.footer).toMatch(
      /Closed loop \(last quarter\): \d+ accounts flagged at risk/,
    );
    const link = await runCommandText(web.ctx, actor, "dashboard");
    expect(link).toMatchObject({ kind: "error", code: "NO_DASHBOARD_URL" });
    web.ctx.dashboardLink = () => "https://r.example.com/dashboard?t=x";
    expect(JSON.stringify(await runCommandText(web.ctx, actor, "dashboard"))).toContain(
      "https://r.example.com/dashboard?t=x",
    );
  });
});
