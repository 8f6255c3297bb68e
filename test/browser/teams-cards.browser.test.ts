import { eq } from "drizzle-orm";
import pino from "pino";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { actorForRep } from "../../src/app/actors.js";
import { runDeparted, runNeglected, runReport } from "../../src/app/commands/manager-commands.js";
import { loadDemo } from "../../src/app/demo/load-demo.js";
import type { Actor, AppContext } from "../../src/app/ports.js";
import { replyCard } from "../../src/channels/teams/cards/reply-card.js";
import { type Database, openDatabase } from "../../src/storage/database.js";
import { reps } from "../../src/storage/schema.js";
import { ensureDefaultWorkspace } from "../../src/storage/workspaces.js";
import { openCardPage, renderCard, textProblems } from "./adaptive-card-page.js";
import { ARTIFACTS, hasChromium, launch } from "./browser.js";

/** Teams' narrow width: a phone, or the chat pane squeezed beside another. */
const NARROW = 320;
const NOW = new Date("2026-03-10T09:30:00Z");

describe.skipIf(!hasChromium)("Teams reports drawn by Microsoft's Adaptive Cards renderer at 320 px", () => {
  let database: Database;
  let ctx: AppContext;
  let manager: Actor;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    database = await openDatabase({ dataDir: ":memory:" });
    await database.migrate();
    const workspace = await ensureDefaultWorkspace(database.db);
    await loadDemo(database.db, workspace.id, NOW);
    ctx = { db: database.db, clock: () => NOW, logger: pino({ level: "silent" }), channels: [] };
    const [boss] = await database.db.select().from(reps).where(eq(reps.role, "manager")).limit(1);
    const actor = boss && (await actorForRep(database.db, workspace.id, boss.id));
    if (!actor) throw new Error("the demo has no manager");
    manager = actor;
    browser = await launch();
    page = await browser.newPage({ viewport: { width: NARROW + 40, height: 900 } });
    await openCardPage(page);
  });
  afterAll(async () => {
    await browser?.close();
    await database?.close();
  });

  const reports = {
    report: () => runReport(ctx, manager, { type: "report" }),
    neglected: () => runNeglected(ctx, manager, { type: "neglected", limit: 10 }),
    departed: () => runDeparted(ctx, manager),
  };

  for (const [name, run] of Object.entries(reports)) {
    it(`\`${name}\`: every cell fits its column, no word or number breaks inside (screenshot)`, async () => {
      const reply = await run();
      expect(reply.kind).toBe("table");
      const card = replyCard(reply, { now: NOW, zone: manager.timezone });
      const frame = await renderCard(page, card, NARROW);
      await page.locator(`#${frame}`).screenshot({ path: `${ARTIFACTS}teams-${name}-${NARROW}px.png` });

      const cells = await page.locator(`#${frame} .ac-textBlock`).count();
      expect(cells).toBeGreaterThan(reply.kind === "table" ? reply.columns.length : 0);
      expect(await textProblems(page, frame, ".ac-textBlock")).toEqual([]);
    });
  }
});
