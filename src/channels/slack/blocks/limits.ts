/**
 * Block Kit's documented limits, enforced in this one place. Every builder makes its blocks with
 * these helpers, so no message Slack would reject (`invalid_blocks`) can be built; long texts are
 * cut with "…" and long lists with a pointer to the rest. `findLimitViolations` checks a finished
 * surface against the same numbers (the tests run it on every builder with huge inputs).
 */
import type { types } from "@slack/bolt";

export type Block = types.KnownBlock;
export type Button = types.Button;
export type PlainText = types.PlainTextElement;
export type Mrkdwn = types.MrkdwnElement;

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

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

export function plain(text: string, max: number): PlainText {
  return { type: "plain_text", text: truncate(text, max), emoji: true };
}

export function mrkdwn(text: string, max: number = LIMITS.sectionText): Mrkdwn {
  return { type: "mrkdwn", text: truncate(text, max) };
}

export function header(text: string): types.HeaderBlock {
  return { type: "header", text: plain(text, LIMITS.headerText) };
}

export function section(text: string, blockId?: string): types.SectionBlock {
  return {
    type: "section",
    text: mrkdwn(text),
    ...(blockId ? { block_id: id(blockId, LIMITS.blockId) } : {}),
  };
}

/** A section of label/value fields, at most ten; extra fields are dropped. */
export function fieldsSection(fields: string[], text?: string): types.SectionBlock {
  return {
    type: "section",
    ...(text ? { text: mrkdwn(text) } : {}),
    fields: fields.slice(0, LIMITS.fields).map((f) => mrkdwn(f, LIMITS.fieldText)),
  };
}

/** A context line of up to ten mrkdwn elements; extra elements are dropped. */
export function context(texts: string[]): types.ContextBlock {
  const elements = texts.filter((t) => t.length > 0).slice(0, LIMITS.contextElements);
  return {
    type: "context",
    elements: (elements.length ? elements : [" "]).map((t) => mrkdwn(t, LIMITS.contextText)),
  };
}

export function divider(): types.DividerBlock {
  return { type: "divider" };
}

export interface ButtonInput {
  text: string;
  actionId: string;
  value: string;
  style?: "primary" | "danger";
}

/** True when `value` fits a button's value (machine data must never be cut). */
export function fitsButtonValue(value: string): boolean {
  return value.length <= LIMITS.buttonValue;
}

/** A button; throws when its value does not fit, since cutting machine data would corrupt it. */
export function button(input: ButtonInput): Button {
  if (!fitsButtonValue(input.value))
    throw new RangeError(`button value over ${LIMITS.buttonValue} characters`);
  return {
    type: "button",
    text: plain(input.text, LIMITS.buttonText),
    action_id: id(input.actionId, LIMITS.actionId),
    value: input.value,
    ...(input.style ? { style: input.style } : {}),
  };
}

/** An overflow menu of 2–5 options; extra options are dropped, a single one is refused. */
export function overflow(actionId: string, options: { text: string; value: string }[]): types.Overflow {
  if (options.length < LIMITS.overflowMin)
    throw new RangeError("an overflow menu needs at least two options");
  return {
    type: "overflow",
    action_id: id(actionId, LIMITS.actionId),
    options: options.slice(0, LIMITS.overflowMax).map((o) => {
      if (o.value.length > LIMITS.optionValue)
        throw new RangeError(`option value over ${LIMITS.optionValue}`);
      return { text: plain(o.text, LIMITS.optionText), value: o.value };
    }),
  };
}

/** An actions block of at most 25 elements. */
export function actions(elements: types.ActionsBlockElement[], blockId?: string): types.ActionsBlock {
  return {
    type: "actions",
    elements: elements.slice(0, LIMITS.actionsElements),
    ...(blockId ? { block_id: id(blockId, LIMITS.blockId) } : {}),
  };
}

/** Splits long text over as many sections as it needs, each within the section limit. */
export function longTextSections(
  text: string,
  wrap: (chunk: string) => string = (c) => c,
): types.SectionBlock[] {
  const room = LIMITS.sectionText - wrap("").length;
  const lines = text.split("\n");
  const chunks: string[] = [];
  let current = "";
  for (const line of lines) {
    const piece = line.length > room ? truncate(line, room) : line;
    if (current.length > 0 && current.length + 1 + piece.length > room) {
      chunks.push(current);
      current = piece;
    } else {
      current = current.length > 0 ? `${current}\n${piece}` : piece;
    }
  }
  if (current.length > 0 || chunks.length === 0) chunks.push(current);
  return chunks.map((c) => section(wrap(c)));
}

/**
 * Lays out a list within a block budget: renders items while they fit, keeping room for a
 * pointer that names how many were left out (`pointer(rest)`), so long lists say where the rest is.
 */
export function fitList<T>(
  items: T[],
  render: (item: T) => Block[],
  budget: number,
  pointer: (rest: number) => Block,
): Block[] {
  const out: Block[] = [];
  for (let i = 0; i < items.length; i++) {
    const blocks = render(items[i]!);
    const last = i === items.length - 1;
    const room = last ? budget : budget - 1;
    if (out.length + blocks.length > room) {
      out.push(pointer(items.length - i));
      return out;
    }
    out.push(...blocks);
  }
  return out;
}

function id(value: string, max: number): string {
  if (value.length > max) throw new RangeError(`identifier over ${max} characters`);
  return value;
}

/** Every way `blocks` break Block Kit's limits for `surface`; empty when they are fine. */
export function findLimitViolations(blocks: readonly Block[], surface: Surface): string[] {
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
      case "input":
        check("input label", block.label.text, LIMITS.inputLabel);
        checkElement(block.element, at, check, problems);
        break;
      default:
        break;
    }
  });
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
