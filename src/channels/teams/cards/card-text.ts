/**
 * Text for Adaptive Card `TextBlock`s. Their markdown is a CommonMark subset (`**bold**`,
 * `_italic_`, lists, links) and Teams drops HTML tags, so anything literal is backslash-escaped;
 * `{{` is broken with a zero-width space so it is never read as a DATE()/TIME() function.
 * Teams commands are plain words (`log Acme call`), so the command form is empty.
 */
import { plainText, renderText, type TextStyle } from "../../../domain/rich-text.js";

/** Characters that can start markup in a TextBlock (CommonMark punctuation that matters there). */
const SPECIAL = /[\\`*_[\]()<>#+\-!~|&]/g;

export function escapeCardMarkdown(text: string): string {
  return text
    .replace(SPECIAL, (c) => `\\${c}`)
    .replace(/^(\d+)\./gm, "$1\\.")
    .replace(/\{(?=\{)/g, "{\u200B");
}

const teamsStyle: TextStyle = {
  commandPrefix: "",
  escape: escapeCardMarkdown,
  bold: (inner) => `**${inner}**`,
  // TextBlocks show backticks literally; a command or value reads best in bold.
  code: (inner) => `**${inner}**`,
};

/** Our rich text (domain/rich-text.ts) as TextBlock markdown. */
export function teamsText(text: string): string {
  return renderText(text, teamsStyle);
}

/** Our rich text where no markdown is read (fallback text, button titles, inputs). */
export function teamsPlain(text: string): string {
  return plainText(text, "");
}
