/**
 * Block Kit's documented limits, in this one place, and `findLimitViolations`, which checks a
 * finished surface against them (the tests run it on every builder with huge inputs). The
 * builders (block-builders.ts) cut texts and lists to these numbers, so no message Slack would
 * reject (`invalid_blocks`) can be built.
 */
import type { types } from "@slack/bolt";

export const LIMITS = {
  /** Blocks in a message, and in a modal or App Home view. */
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  fields: 10,
  fieldText: 2000,
  contextElements: 10,
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  overflowMin: 2,
  overflowMax: 5,
  optionText: 75,
  optionValue: 150,
  viewTitle: 24,
  viewButton: 24,
  privateMetadata: 3000,
  inputLabel: 2000,
  placeholder: 150,
  /** A table block: rows (the header row included) and cells per row; one table per message. */
  tableRows: 100,
  tableCells: 20,
  /** The notification fallback `text` of chat.postMessage (Slack truncates beyond 40,000). */
  fallbackText: 3000,
} as const;

export type Surface = "message" | "modal" | "home";

export function maxBlocks(surface: Surface): number {
  return surface === "message" ? LIMITS.messageBlocks : LIMITS.viewBlocks;
}

/** Cuts `text` to `max` characters, ending with "…" when cut; never returns an empty string. */
export function truncate(text: string, max: number): string {
  const clean = text.length === 0 ? " " : text;
  if (clean.length <= max) return clean;
  let cut = clean.slice(0, max - 1);
  // Never leave half of a surrogate pair (an emoji) before the ellipsis.
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** True when `value` fits a button's value (machine data must never be cut). */
export function fitsButtonValue(value: string): boolean {
  return value.length <= LIMITS.buttonValue;
}

/** Every way `blocks` break Block Kit's limits for `surface`; empty when they are fine. */
export function findLimitViolations(blocks: readonly types.KnownBlock[], surface: Surface): string[] {
  const problems: string[] = [];
  const max = maxBlocks(surface);
  if (blocks.length > max) problems.push(`${blocks.length} blocks (max ${max})`);
  blocks.forEach((block, i) => {
    const at = `block ${i} (${block.type})`;
    const check = (what: string, text: string | undefined, limit: number) => {
      if (text === undefined) return;
      if (text.length > limit) problems.push(`${at}: ${what} has ${text.length} characters (max ${limit})`);
      if (text.length === 0) problems.push(`${at}: ${what} is empty`);
    };
    if ("block_id" in block && block.block_id) check("block_id", block.block_id, LIMITS.blockId);
    switch (block.type) {
      case "header":
        check("header text", block.text.text, LIMITS.headerText);
        break;
      case "section":
        check("section text", block.text?.text, LIMITS.sectionText);
        if (block.fields && block.fields.length > LIMITS.fields) problems.push(`${at}: more than 10 fields`);
        for (const f of block.fields ?? []) check("field", f.text, LIMITS.fieldText);
        if (!block.text && !block.fields?.length) problems.push(`${at}: neither text nor fields`);
        if (block.accessory) checkElement(block.accessory, at, check, problems);
        break;
      case "context":
        if (block.elements.length > LIMITS.contextElements) problems.push(`${at}: more than 10 elements`);
        for (const e of block.elements) if ("text" in e) check("context text", e.text, LIMITS.contextText);
        break;
      case "actions":
        if (block.elements.length > LIMITS.actionsElements) problems.push(`${at}: more than 25 elements`);
        for (const e of block.elements) checkElement(e, at, check, problems);
        break;
      case "table": {
        const rows = (block as { rows: { text?: string }[][] }).rows;
        if (rows.length > LIMITS.tableRows)
          problems.push(`${at}: ${rows.length} rows (max ${LIMITS.tableRows})`);
        if (rows.some((r) => r.length > LIMITS.tableCells))
          problems.push(`${at}: a row has more than 20 cells`);
        for (const row of rows) for (const cell of row) check("table cell", cell.text, LIMITS.sectionText);
        break;
      }
      case "input":
        check("input label", block.label.text, LIMITS.inputLabel);
        checkElement(block.element, at, check, problems);
        break;
      default:
        break;
    }
  });
  if (blocks.filter((b) => b.type === "table").length > 1) problems.push("more than one table block");
  return problems;
}

type Check = (what: string, text: string | undefined, limit: number) => void;

function checkElement(element: object, at: string, check: Check, problems: string[]): void {
  const e = element as {
    type: string;
    action_id?: string;
    text?: { text: string };
    value?: string;
    options?: { text: { text: string }; value?: string }[];
    placeholder?: { text: string };
  };
  check("action_id", e.action_id, LIMITS.actionId);
  check("placeholder", e.placeholder?.text, LIMITS.placeholder);
  if (e.type === "button") {
    check("button text", e.text?.text, LIMITS.buttonText);
    check("button value", e.value, LIMITS.buttonValue);
  }
  if (e.type === "overflow") {
    const n = e.options?.length ?? 0;
    if (n < LIMITS.overflowMin || n > LIMITS.overflowMax) problems.push(`${at}: overflow with ${n} options`);
  }
  for (const o of e.options ?? []) {
    check("option text", o.text.text, LIMITS.optionText);
    check("option value", o.value, LIMITS.optionValue);
  }
}
