/**
 * Splits command text into tokens. Slack wraps mentions and links in `<…>` (and may put spaces
 * inside, `<@U1|Jane Doe>`), Teams wraps mentions in `<at>…</at>`, and users quote names with
 * spaces; each of those is one token. Slack escapes `&`, `<`, `>` as HTML entities; plain tokens
 * are unescaped here so that "AT&amp;T" matches the account "AT&T".
 */

export interface Token {
  /** The token's value: unescaped, quotes removed. */
  text: string;
  kind: "word" | "quoted" | "angle";
  /** Offsets in the source text, so that free text (notes) keeps its own spacing. */
  start: number;
  end: number;
}

const quotePairs: Record<string, string> = { '"': '"', "“": "”", "'": "'", "‘": "’" };

export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const n = source.length;
  while (i < n) {
    const ch = source[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const start = i;
    if (source.startsWith("<at>", i)) {
      const close = source.indexOf("</at>", i + 4);
      if (close !== -1) {
        tokens.push({ text: source.slice(i, close + 5), kind: "angle", start, end: close + 5 });
        i = close + 5;
        continue;
      }
    }
    if (ch === "<") {
      const close = source.indexOf(">", i + 1);
      if (close !== -1 && !/[<\n]/.test(source.slice(i + 1, close))) {
        tokens.push({ text: source.slice(i, close + 1), kind: "angle", start, end: close + 1 });
        i = close + 1;
        continue;
      }
    }
    const closing = own(quotePairs, ch);
    // A quote opens a quoted token only at a word start; "O'Brien" stays one word.
    if (closing !== undefined) {
      const close = source.indexOf(closing, i + 1);
      if (close > i + 1) {
        tokens.push({
          text: unescapeSlack(source.slice(i + 1, close)).trim(),
          kind: "quoted",
          start,
          end: close + 1,
        });
        i = close + 1;
        continue;
      }
    }
    while (i < n && !/\s/.test(source[i]!)) i++;
    tokens.push({ text: unescapeSlack(source.slice(start, i)), kind: "word", start, end: i });
  }
  return tokens;
}

/** Slack's three escapes, undone. */
export function unescapeSlack(text: string): string {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
}

/** The source text from token `index` to the end (or to token `endIndex`, exclusive), unescaped. */
export function restOf(source: string, tokens: Token[], index: number, endIndex = tokens.length): string {
  const first = tokens[index];
  if (!first || endIndex <= index) return "";
  const last = tokens[endIndex - 1]!;
  return unescapeSlack(source.slice(first.start, last.end)).trim();
}

/** `record[key]` for the record's own keys only: user text like "constructor" is not a key. */
export function own<T>(record: Readonly<Record<string, T>>, key: string): T | undefined {
  return Object.hasOwn(record, key) ? record[key] : undefined;
}
