/**
 * Draws Adaptive Cards in a headless Chromium with Microsoft's own renderer (npm `adaptivecards`,
 * loaded from node_modules: no CDN), at a given width, with a host config close to Teams', and
 * measures what a reader would see. The in-page code is adaptive-card-probe.js.
 */
import { createRequire } from "node:module";
import path from "node:path";
import type { Page } from "playwright-core";

const require = createRequire(import.meta.url);
const RENDERER = path.join(
  path.dirname(require.resolve("adaptivecards/package.json")),
  "dist",
  "adaptivecards.min.js",
);
const PROBE = new URL("./adaptive-card-probe.js", import.meta.url).pathname;

interface ProbeGlobals {
  rbRender(card: unknown, width: number): string;
  rbTextProblems(frameId: string, selector: string): TextProblem[];
}

export interface TextProblem {
  text: string;
  problem: string;
}

/** Loads the renderer and the probe in a blank page (once per page). */
export async function openCardPage(page: Page): Promise<void> {
  await page.setContent(
    `<!doctype html><html><head><meta charset="utf-8"><style>
      body { margin: 0; padding: 8px; background: #f5f5f5; font-family: 'Segoe UI', system-ui, sans-serif; }
      .frame { background: #fff; border: 1px solid #ddd; border-radius: 4px; }
    </style></head><body><div id="cards"></div></body></html>`,
  );
  await page.addScriptTag({ path: RENDERER });
  await page.addScriptTag({ path: PROBE });
}

/** Renders `card` alone, `width` px wide; returns its frame's element id. */
export function renderCard(page: Page, card: unknown, width: number): Promise<string> {
  return page.evaluate(
    ([c, w]) => (globalThis as unknown as ProbeGlobals).rbRender(c, w as number),
    [card, width],
  );
}

/**
 * The text blocks inside `selector` (in the frame) that overflow their box or would have to break
 * a word to fit: a word wider than its block wraps mid-word ("Millb / rook"), or spills over.
 */
export function textProblems(page: Page, frameId: string, selector: string): Promise<TextProblem[]> {
  return page.evaluate(
    ([f, s]) => (globalThis as unknown as ProbeGlobals).rbTextProblems(f as string, s as string),
    [frameId, selector],
  );
}
