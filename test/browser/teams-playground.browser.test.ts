/**
 * The Teams demo as a user tries it: `npm run teams:playground` (our bot plus Microsoft 365 Agents
 * Playground, Microsoft's Teams emulator) on a fresh embedded database, its page opened in
 * headless Chromium, Called clicked on the morning card, and the updated card read back.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ARTIFACTS, hasChromium, launch } from "./browser.js";

const ROOT = new URL("../../", import.meta.url).pathname;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject()));
    });
  });
}

const playgroundFolders = () => readdirSync(tmpdir()).filter((f) => f.startsWith("retention-playground-"));

describe.skipIf(!hasChromium)("the Teams playground in a real browser", () => {
  let child: ChildProcess;
  let output = "";
  let dataDir: string;
  let pageUrl: string;
  let browser: Browser;
  let page: Page;
  const foldersBefore = playgroundFolders();

  beforeAll(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), "rb-playground-test-"));
    const [port, playgroundPort] = [await freePort(), await freePort()];
    // tsx itself, as `npm run teams:playground` runs it (npx would not pass a stop signal on).
    child = spawn(
      path.join(ROOT, "node_modules/.bin/tsx"),
      ["scripts/teams-playground.ts", "--port", String(port), "--playground-port", String(playgroundPort)],
      // Its own process group, so that stopping it reaches tsx, the script and the playground alike.
      {
        cwd: ROOT,
        env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: "", LOG_LEVEL: "warn" },
        detached: true,
      },
    );
    child.stdout?.on("data", (d) => {
      output += String(d);
    });
    child.stderr?.on("data", (d) => {
      output += String(d);
    });
    await new Promise<void>((resolve, reject) => {
      const timer = setInterval(() => {
        const listening = /Listening on (\d+)/.exec(output);
        if (listening) {
          clearInterval(timer);
          pageUrl = `http://127.0.0.1:${listening[1]}`;
          resolve();
        }
      }, 200);
      child.once("exit", (code) => {
        clearInterval(timer);
        reject(new Error(`the playground exited (code ${code}):\n${output}`));
      });
    });
    browser = await launch();
    page = await browser.newPage({ viewport: { width: 1280, height: 1400 } });
  }, 240_000);

  /** Ctrl+C's equivalent for the whole group; it ends when the script has cleaned up. */
  function stopPlayground(): void {
    if (child?.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {
        // already gone
      }
    }
  }

  afterAll(async () => {
    await browser?.close();
    stopPlayground();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it("opens the page, clicks Called on the morning card, and the card shows the contact done (screenshots)", async () => {
    await page.goto(pageUrl, { waitUntil: "load" });
    const nudge = page.locator(".ac-adaptiveCard").filter({ hasText: "Your customers for" }).last();
    await nudge.waitFor({ state: "visible", timeout: 180_000 });
    // The card is taller than the chat pane: its top (header and first pick) in view, as a user scrolls to it.
    await nudge.locator(".ac-textBlock").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}playground-nudge-before.png` });
    const opened = Number(/(\d+) (?:customers? )?to contact today/.exec(await nudge.innerText())?.[1]);
    expect(opened).toBeGreaterThan(0);

    await nudge.getByRole("button", { name: "Called", exact: true }).first().click();

    await expect
      .poll(async () => nudge.innerText(), { timeout: 60_000, interval: 250 })
      .toMatch(/Called by [^\n]+/);
    const after = await nudge.innerText();
    await nudge.locator(".ac-textBlock").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: `${ARTIFACTS}playground-nudge-after.png` });
    expect(after).toMatch(/✔️|Logged|Called/);
    const left = /(\d+) (?:customers? )?to contact today/.exec(after);
    expect(left ? Number(left[1]) : 0).toBe(opened - 1);
  });

  it("leaves no temporary folder behind when stopped", async () => {
    stopPlayground();
    await expect
      .poll(() => playgroundFolders().filter((f) => !foldersBefore.includes(f)), {
        timeout: 30_000,
        interval: 250,
      })
      .toEqual([]);
  });
});
