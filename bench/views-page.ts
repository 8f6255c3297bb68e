/**
 * The dashboard page on the demo data, in headless Chromium (playwright-core, /usr/bin/chromium):
 * the service's web side in local mode on an in-memory PGlite, the demo loaded, then RUNS cold
 * page loads (a fresh browser context each) timed from navigation until the board is shown with
 * every chart drawn. Part of `npm run bench:views`.
 */
import { existsSync } from "node:fs";
import pino from "pino";
import { chromium } from "playwright-core";
import type { AppContext } from "../src/app/ports.js";
import { createLogChannel } from "../src/channels/log/log-channel.js";
import { createHttpServer } from "../src/http/server.js";
import { openDatabase } from "../src/storage/database.js";
import { ensureDefaultWorkspace } from "../src/storage/workspaces.js";
import { LocalClock } from "../src/web/local-clock.js";
import { LocalSession } from "../src/web/local-session.js";
import { registerWeb } from "../src/web/routes.js";

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const CHARTS = ["chart-loop", "chart-coverage", "chart-weeks", "chart-neglected", "chart-departed"];

export async function benchDashboardPage(
  runs: number,
  median: (xs: number[]) => number,
  load: () => string,
): Promise<void> {
  if (!existsSync(CHROMIUM)) {
    console.log(`dashboard page: SKIPPED, no Chromium at ${CHROMIUM}`);
    return;
  }
  const logger = pino({ level: "silent" });
  const database = await openDatabase({ dataDir: ":memory:" });
  await database.migrate();
  const workspace = await ensureDefaultWorkspace(database.db);
  const clock = new LocalClock();
  const ctx: AppContext = { db: database.db, clock: () => clock.now(), logger, channels: [] };
  ctx.channels.push(createLogChannel(logger));
  const session = new LocalSession(ctx, clock, workspace.id);
  await session.loadDemo();
  const http = createHttpServer([], logger, {
    register: (app) =>
      registerWeb(app, {
        ctx,
        local: session,
        workspaceId: workspace.id,
        linkSecret: "a-bench-secret-of-at-least-32-characters!",
      }),
  });
  const port = await http.listen(0, "127.0.0.1");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
  try {
    const times: number[] = [];
    // One warm-up load (the first JIT of the server's routes), then the timed cold-cache loads.
    for (let run = -1; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      const t0 = performance.now();
      await page.goto(`http://localhost:${port}/dashboard`);
      await page.locator("#board:not([hidden])").waitFor();
      await page.waitForFunction((ids) => {
        const g = globalThis as unknown as {
          Chart: { getChart(c: unknown): unknown };
          document: { getElementById(id: string): unknown };
        };
        return ids.every((id) => g.Chart.getChart(g.document.getElementById(id)) !== undefined);
      }, CHARTS);
      if (run >= 0) times.push(performance.now() - t0);
      await context.close();
    }
    console.log(
      `dashboard page on the demo data (cold cache, until every chart is drawn): median ${median(times).toFixed(0)} ms ` +
        `(${times.map((t) => t.toFixed(0)).join(", ")}; target < 1000 ms); ${load()}`,
    );
  } finally {
    await browser.close();
    await http.close();
    await database.close();
  }
}
