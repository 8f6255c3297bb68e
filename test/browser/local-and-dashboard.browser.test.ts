import { sql } from "drizzle-orm";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { queryRows } from "../../src/storage/database.js";
import { signLink } from "../../src/web/signed-link.js";
import { ARTIFACTS, hasChromium, launch } from "./browser.js";
import { LINK_SECRET, startWeb, type WebHarness } from "./web-harness.js";

const CHARTS = ["chart-loop", "chart-coverage", "chart-weeks", "chart-neglected", "chart-departed"];

/** Points drawn per chart, read from Chart.js's own instances. */
function chartPoints(page: Page): Promise<Record<string, number>> {
  return page.evaluate((ids) => {
    type Charts = { getChart(c: unknown): { data: { datasets: { data: unknown[] }[] } } | undefined };
    const g = globalThis as unknown as { Chart: Charts; document: { getElementById(id: string): unknown } };
    const out: Record<string, number> = {};
    for (const id of ids) {
      const chart = g.Chart.getChart(g.document.getElementById(id));
      out[id] = chart
        ? chart.data.datasets.reduce((n, d) => n + d.data.filter((v) => v !== null && v !== 0).length, 0)
        : -1;
    }
    return out;
  }, CHARTS);
}

describe.skipIf(!hasChromium)("local mode in a browser", () => {
  let web: WebHarness;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    web = await startWeb("local");
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  it("an empty database offers the demo; loading it shows a rep's nudge as Slack would", async () => {
    await page.goto(`${web.url}/`);
    await page.getByRole("button", { name: "Load the demo" }).waitFor();
    expect(await page.textContent("#empty")).toContain("retention import accounts");
    await page.screenshot({ path: `${ARTIFACTS}local-empty.png`, fullPage: true });
    await page.getByRole("button", { name: "Load the demo" }).click();
    await page.getByLabel("Rep").waitFor();
    const options = await page.locator("#rep option").allTextContents();
    expect(options.length).toBe(8);
    const rep = options.find((o) => /Jordan Price/.test(o)) ?? options[0]!;
    await page.getByLabel("Rep").selectOption({ label: rep });
    await page.locator("#nudge .bk-header").waitFor();
    expect(await page.textContent("#nudge .bk-header")).toMatch(/^Your customers for /);
  });

  it("clicking Called on a pick shows it done in place and writes the check-in", async () => {
    const firstPick = page.locator("#nudge .bk-section strong").first();
    const account = (await firstPick.textContent())!;
    await page.locator("#nudge").getByRole("button", { name: "Called" }).first().click();
    await page.locator("#nudge s", { hasText: account }).waitFor();
    expect(await page.textContent("#nudge")).toMatch(/Called by [^,]+,/);
    await page.screenshot({ path: `${ARTIFACTS}local-rep-view.png`, fullPage: true });
    const rows = await queryRows<{ channel: string; source: string }>(
      web.database.db,
      sql`select c.channel, c.source from checkins c join accounts a on a.id = c.account_id where a.name = ${account} and c.source = 'nudge'`,
    );
    expect(rows).toEqual([{ channel: "call", source: "nudge" }]);
  });

  it("a note typed in the form is saved on the account", async () => {
    const more = page.locator("#nudge select[aria-label='More actions']").first();
    await more.selectOption({ label: "Add note" });
    const dialog = page.getByRole("dialog");
    await dialog.getByLabel("What happened?").fill("Asked for the spring catalogue");
    await dialog.getByRole("button", { name: "Save" }).click();
    await dialog.waitFor({ state: "hidden" });
    const rows = await queryRows<{ n: number }>(
      web.database.db,
      sql`select count(*)::int as n from checkins where note = 'Asked for the spring catalogue'`,
    );
    expect(rows[0]!.n).toBe(1);
  });

  it("/retention report in the command box answers as Slack would, with revenue at risk", async () => {
    await page.getByLabel("Rep").selectOption({
      label: (await page.locator("#rep option", { hasText: "manager" }).first().textContent())!,
    });
    await page.getByRole("textbox", { name: "Command" }).fill("/retention report");
    await page.getByRole("button", { name: "Send" }).click();
    await page.locator("#reply .bk-header, #reply .bk-section").first().waitFor();
    const text = await page.textContent("#reply");
    expect(text).toContain("Coverage");
    expect(text).toContain("Revenue at risk");
    await page.screenshot({ path: `${ARTIFACTS}local-command.png`, fullPage: true });
  });

  it("the Today control moves the day forward", async () => {
    const before = await page.inputValue("#today");
    await page.getByRole("button", { name: "Next day" }).click();
    await page.locator("#notice", { hasText: "It is now" }).waitFor();
    const after = await page.inputValue("#today");
    expect(new Date(after).getTime() - new Date(before).getTime()).toBe(86_400_000);
  });

  it("the dashboard draws every chart with data", async () => {
    await page.goto(`${web.url}/dashboard`);
    await page.locator("#board:not([hidden])").waitFor();
    const points = await chartPoints(page);
    for (const id of CHARTS) expect(points[id], id).toBeGreaterThan(0);
    expect(await page.textContent("#revenue-at-risk")).toMatch(/\d/);
    await page.screenshot({ path: `${ARTIFACTS}dashboard.png`, fullPage: true });
  });
});

describe.skipIf(!hasChromium)("the dashboard by signed link, with a chat platform configured", () => {
  let web: WebHarness;
  let browser: Browser;
  let page: Page;
  let managerId: number;

  beforeAll(async () => {
    web = await startWeb("production");
    await web.session.loadDemo();
    const [row] = await queryRows<{ id: number }>(
      web.database.db,
      sql`select id from reps where role = 'manager' order by id limit 1`,
    );
    managerId = row!.id;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  });
  afterAll(async () => {
    await browser?.close();
    await web?.close();
  });

  const link = (expiresAt: number) =>
    signLink(LINK_SECRET, { workspaceId: web.workspaceId, repId: managerId, expiresAt });

  it("a valid link shows the manager's team", async () => {
    await page.goto(`${web.url}/dashboard?t=${link(Date.now() + 3_600_000)}`);
    await page.locator("#board:not([hidden])").waitFor();
    expect(await page.textContent("#scope")).toContain("your team");
    const points = await chartPoints(page);
    expect(points["chart-coverage"]).toBeGreaterThan(0);
    await page.screenshot({ path: `${ARTIFACTS}dashboard-signed.png`, fullPage: true });
  });

  it("a tampered link is refused", async () => {
    const token = link(Date.now() + 3_600_000).replace(/^(\d+)\.(\d+)/, (_m, w) => `${w}.999`);
    await page.goto(`${web.url}/dashboard?t=${token}`);
    await page.locator("#status.error").waitFor();
    expect(await page.textContent("#status")).toContain("not valid");
    await page.screenshot({ path: `${ARTIFACTS}dashboard-tampered.png` });
  });

  it("an expired link is refused with how to get a new one", async () => {
    await page.goto(`${web.url}/dashboard?t=${link(Date.now() - 1_000)}`);
    await page.locator("#status.error").waitFor();
    expect(await page.textContent("#status")).toContain("expired");
  });

  it("without a link, and for the rep view, nothing is shown", async () => {
    expect((await fetch(`${web.url}/dashboard/data`)).status).toBe(403);
    expect((await fetch(`${web.url}/`)).status).toBe(404);
    expect((await fetch(`${web.url}/local/state`)).status).toBe(404);
  });
});
