/** How users name accounts and reps in commands, turned into references the use cases resolve. */
import { restOf, type Token } from "./tokens.js";
import type { AccountRef, RepRef } from "./types.js";

/** Longest account name text accepted (names are matched by prefix, so this is generous). */
const MAX_NAME_LENGTH = 200;

/** The account named by tokens [from, to): `#<id>`, one quoted name, or the words as typed. */
export function accountRefOf(
  source: string,
  tokens: Token[],
  from: number,
  to: number,
): { ok: true; ref: AccountRef } | { ok: false; error: string } {
  if (to <= from) return { ok: false, error: "name an account" };
  const first = tokens[from]!;
  if (to - from === 1) {
    const id = /^#(\d{1,9})$/.exec(first.text);
    if (id && first.kind === "word") return { ok: true, ref: { kind: "id", id: Number(id[1]) } };
    if (first.kind === "quoted") return nameRef(first.text);
  }
  return nameRef(restOf(source, tokens, from, to));
}

function nameRef(text: string): { ok: true; ref: AccountRef } | { ok: false; error: string } {
  const name = text.replace(/\s+/g, " ").trim();
  if (name === "") return { ok: false, error: "name an account" };
  if (name.length > MAX_NAME_LENGTH) {
    return { ok: false, error: `the account name is ${name.length} characters; at most ${MAX_NAME_LENGTH}` };
  }
  return { ok: true, ref: { kind: "name", text: name } };
}

const emailPattern = /^[^\s@<>]+@[^\s@<>]+\.[^\s@<>]+$/;

/**
 * A rep reference, or undefined when the token does not look like one. Accepts Slack mentions
 * `<@U123>` / `<@U123|name>`, Teams `<at>Name</at>`, `<mailto:…|…>`, `@email`, `@name`, an email,
 * and `me` / `@me`.
 */
export function repRefOf(token: Token): RepRef | undefined {
  const text = token.text;
  if (token.kind === "angle") {
    const slack = /^<@([UW][A-Z0-9]{2,30})(?:\|[^>]*)?>$/.exec(text);
    if (slack) return { kind: "slack", userId: slack[1]! };
    const teams = /^<at>(.*)<\/at>$/s.exec(text);
    if (teams) return teams[1]!.trim() ? { kind: "name", text: teams[1]!.trim() } : undefined;
    const mailto = /^<mailto:([^|>]+)(?:\|[^>]*)?>$/.exec(text);
    if (mailto && emailPattern.test(mailto[1]!)) return { kind: "email", email: mailto[1]!.toLowerCase() };
    return undefined;
  }
  if (token.kind === "quoted") return undefined;
  const lower = text.toLowerCase();
  if (lower === "me" || lower === "@me" || lower === "myself") return { kind: "self" };
  if (text.startsWith("@") && text.length > 1) {
    const rest = text.slice(1);
    if (emailPattern.test(rest)) return { kind: "email", email: rest.toLowerCase() };
    return /^[\p{L}\p{N}._'-]{1,80}$/u.test(rest) ? { kind: "name", text: rest } : undefined;
  }
  if (emailPattern.test(text) && text.length <= 254) return { kind: "email", email: lower };
  return undefined;
}
