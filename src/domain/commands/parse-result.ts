/** What every command's argument parser shares: its input, and how it answers. */
import type { Token } from "./tokens.js";
import { type Command, type CommandName, MAX_TEXT_LENGTH, type ParseResult } from "./types.js";
import { usageOf } from "./usage.js";

export interface ParseAt {
  now: Date;
  /** The rep's IANA zone: relative dates resolve in it. */
  zone: string;
}

export interface Args {
  source: string;
  tokens: Token[];
  at: ParseAt;
}

export type Parser = (args: Args) => ParseResult;

export function ok(command: Command): ParseResult {
  return { ok: true, command };
}

export function fail(name: CommandName, error: string): ParseResult {
  return { ok: false, error: error.charAt(0).toUpperCase() + error.slice(1), usage: usageOf(name) };
}

export function tooLong(what: string, text: string): string {
  return `${what} is ${text.length.toLocaleString("en-US")} characters; the limit is ${MAX_TEXT_LENGTH.toLocaleString("en-US")}`;
}

/** Echoed user text stays short in error messages. */
export function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}
