/**
 * Block Kit builders: every block and element our messages, modals and App Home use, each made
 * within the limits (limits.ts). Long texts are cut with "…", long lists end with a pointer to
 * the rest, and machine data (button values, ids) is refused rather than cut.
 */
import type { types } from "@slack/bolt";
import { plainText, renderText, type TextStyle } from "../../../domain/rich-text.js";
import { fitsButtonValue, LIMITS, truncate } from "./limits.js";

export type Block = types.KnownBlock;
export type Button = types.Button;
export type PlainText = types.PlainTextElement;
export type Mrkdwn = types.MrkdwnElement;

/** Escapes the three characters Slack's mrkdwn treats as control characters. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Slack's command form: the slash command. */
export const SLACK_COMMAND = "/retention ";

const slackStyle: TextStyle = {
  commandPrefix: SLACK_COMMAND,
  escape: escapeMrkdwn,
  bold: (inner) => `*${inner}*`,
  code: (inner) => `\`${inner}\``,
};

/** Our rich text (domain/rich-text.ts) as mrkdwn: what a user typed shows as typed, commands as `/retention …`. */
export function slackText(text: string): string {
  return renderText(text, slackStyle);
}

/** Our rich text for a `plain_text` field (headers, buttons): marks removed, nothing escaped. */
export function slackPlain(text: string): string {
  return plainText(text, SLACK_COMMAND);
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
  for (const [i, item] of items.entries()) {
    const blocks = render(item);
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
