/**
 * Control characters (NUL and the like) have no place in anything a person types: PostgreSQL
 * refuses NUL in text, and the rest only hide text. Tab, newline and carriage return are fine.
 */

/** True when `text` holds a control character other than tab, newline and carriage return. */
export function hasControlCharacter(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || code === 0x7f) return true;
  }
  return false;
}

/** True when any string in `value` (objects and arrays walked, up to `maxDepth`) has one. */
export function holdsControlCharacter(value: unknown, maxDepth = 32): boolean {
  if (typeof value === "string") return hasControlCharacter(value);
  if (maxDepth <= 0 || typeof value !== "object" || value === null) return false;
  for (const item of Array.isArray(value) ? value : Object.values(value)) {
    if (holdsControlCharacter(item, maxDepth - 1)) return true;
  }
  return false;
}
