/**
 * The text of every answer (a `Reply`, a card line) before a platform draws it. It is
 * markdown-light (our own `*bold*` and `` `code` ``), plus two marks no keyboard types:
 * - `verbatim(s)`: what a user typed (an account name, a note), shown exactly as typed on every
 *   platform: never read as markup, its `<`, `>`, `&`, `*`, `_` kept;
 * - `COMMAND`: where the command form goes ("/retention " in Slack, nothing in Teams, where
 *   commands are plain words), so that help, usage and error texts come from one catalogue.
 * Each platform has one function that turns this text into its own markup (Slack: `slackText`,
 * Teams: `teamsText`); the CLI and the log read it with `plainText`.
 */

const OPEN = "\uE000";
const CLOSE = "\uE001";
/** Where the platform's command form goes: `${COMMAND}log …`. */
export const COMMAND = "\uE002";
const MARKS = /[\uE000-\uE002]/g;

/** `text` as typed by a user: shown literally everywhere. */
export function verbatim(text: string): string {
  return `${OPEN}${text.replace(MARKS, "")}${CLOSE}`;
}

/** How a platform writes a command: the prefix ("/retention "), or "" for plain words. */
export interface TextStyle {
  commandPrefix: string;
  /** Escapes literal text (ours outside markup, or a user's) for the platform. */
  escape: (text: string) => string;
  bold: (inner: string) => string;
  code: (inner: string) => string;
}

/**
 * Renders `text` in `style`: verbatim parts escaped and never read as markup, our `*bold*` and
 * `` `code` `` spans drawn with the style's markup, everything else escaped.
 */
export function renderText(text: string, style: TextStyle): string {
  const kept: string[] = [];
  // Verbatim parts become placeholders without markup characters, so spans cannot start or end inside them.
  const ours = text
    .replace(/\uE000([^\uE001]*)\uE001?/g, (_, inner: string) => {
      kept.push(inner);
      return `\uE003${kept.length - 1}\uE004`;
    })
    .replaceAll(COMMAND, "\uE005");
  const literal = (part: string) =>
    part
      .split(/(\uE003\d+\uE004|\uE005)/)
      .map((piece) => {
        if (piece === "\uE005") return style.escape(style.commandPrefix);
        const m = /^\uE003(\d+)\uE004$/.exec(piece);
        return m ? style.escape(kept[Number(m[1])] ?? "") : style.escape(piece);
      })
      .join("");
  let out = "";
  let last = 0;
  const span = /`([^`\n]+)`|(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g;
  for (let m = span.exec(ours); m; m = span.exec(ours)) {
    const [whole, code, before, bold] = m;
    out += literal(ours.slice(last, m.index));
    if (code !== undefined) out += style.code(literal(code));
    else out += literal(before ?? "") + style.bold(literal(bold ?? ""));
    last = m.index + whole.length;
  }
  return out + literal(ours.slice(last));
}

/** Plain text for the CLI and logs: marks removed, markup kept as typed. */
export function plainText(text: string, commandPrefix = "/retention "): string {
  return text.replaceAll(COMMAND, commandPrefix).replace(/[\uE000\uE001]/g, "");
}
