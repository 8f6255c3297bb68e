/**
 * zod schemas for single CSV cells. A cell arrives as a string; an empty cell becomes `null` (the
 * value is cleared) and a column missing from the header stays `undefined` (the value is kept).
 */
import { DateTime } from "luxon";
import { z } from "zod";
import { hasControlCharacter } from "../control-characters.js";
import { isValidZone } from "../time.js";
import { restoreFormula } from "./formula.js";

type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string };
type Parser<T> = (cell: string) => Parsed<T>;

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = (problem: string): Parsed<never> => ({ ok: false, problem });

/** The value as the user wrote it, shortened, for messages. */
export function quote(cell: string): string {
  return JSON.stringify(cell.length > 40 ? `${cell.slice(0, 40)}…` : cell);
}

function run<T>(parse: Parser<T>, raw: string, ctx: z.RefinementCtx): T {
  // PostgreSQL refuses NUL in text; the other control characters only hide text.
  if (hasControlCharacter(raw)) {
    ctx.addIssue({ code: "custom", message: "holds a control character (NUL, say); remove it" });
    return z.NEVER;
  }
  const result = parse(raw);
  if (result.ok) return result.value;
  ctx.addIssue({ code: "custom", message: result.problem });
  return z.NEVER;
}

/** A cell that must hold a value. */
export function required<T>(parse: Parser<T>) {
  return z.string().transform((raw, ctx) => {
    const cell = raw.trim();
    if (cell === "") {
      ctx.addIssue({ code: "custom", message: "is required; fill it in" });
      return z.NEVER;
    }
    return run(parse, cell, ctx);
  });
}

/** A cell that may be empty (null) or whose column may be absent (undefined). */
export function optional<T>(parse: Parser<T>) {
  return z
    .string()
    .transform((raw, ctx): T | null => {
      const cell = raw.trim();
      return cell === "" ? null : run(parse, cell, ctx);
    })
    .optional();
}

export const text =
  (max: number): Parser<string> =>
  (cell) => {
    const value = restoreFormula(cell);
    return value.length <= max
      ? ok(value)
      : fail(`is ${value.length} characters long; at most ${max} are allowed, shorten it`);
  };

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** An email address; `lower` for the ones used to find a rep (matching ignores case). */
export const email =
  (lower: boolean): Parser<string> =>
  (cell) => {
    const value = restoreFormula(cell);
    if (value.length > 254 || !EMAIL.test(value)) return fail(`${quote(value)} is not an email address`);
    return ok(lower ? value.toLowerCase() : value);
  };

const DECIMAL = /^-?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** Amounts beyond this are typing or export errors (1e308 would rank "Top 5%"), not revenue. */
export const MAX_AMOUNT = 1e13;

export const decimal =
  (options: { min?: number } = {}): Parser<number> =>
  (cell) => {
    const value = Number(cell);
    if (!DECIMAL.test(cell) || !Number.isFinite(value)) {
      return fail(`${quote(cell)} is not a number; write digits with a dot for decimals, e.g. 1250.50`);
    }
    if (options.min !== undefined && value < options.min) {
      return fail(`${cell} is below ${options.min}`);
    }
    if (Math.abs(value) > MAX_AMOUNT) {
      return fail(
        `${cell} is not a plausible amount; at most ${MAX_AMOUNT.toLocaleString("en-US")} is accepted`,
      );
    }
    return ok(value);
  };

export const integer =
  (min: number, max: number): Parser<number> =>
  (cell) => {
    if (!/^-?\d+$/.test(cell)) return fail(`${quote(cell)} is not a whole number`);
    const value = Number(cell);
    return value >= min && value <= max ? ok(value) : fail(`${cell} is out of range; use ${min} to ${max}`);
  };

export const oneOf =
  <T extends string>(values: readonly T[]): Parser<T> =>
  (cell) =>
    (values as readonly string[]).includes(cell)
      ? ok(cell as T)
      : fail(`${quote(cell)} is not one of ${values.join(", ")}`);

export const timezone: Parser<string> = (cell) =>
  isValidZone(cell)
    ? ok(cell)
    : fail(`${quote(cell)} is not a known IANA time zone; use a name like Europe/Berlin or America/New_York`);

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
// Offset-qualified instants are the common case (exports write them) and are read without luxon,
// which is several times slower and dominates a large import otherwise.
const UTC_INSTANT =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:?\d{2})$/;

/** Years a date in a file may name; `0000-01-01` or year 10000 are errors, not history. */
export const FIRST_YEAR = 1900;
export const LAST_YEAR = 2999;

function isRealDate(year: number, month: number, day: number): boolean {
  if (year < FIRST_YEAR || year > LAST_YEAR) return false;
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** A calendar date, YYYY-MM-DD. */
export const isoDate: Parser<string> = (cell) => {
  const m = DATE.exec(cell);
  if (m && isRealDate(Number(m[1]), Number(m[2]), Number(m[3]))) return ok(cell);
  const year = Number(m?.[1]);
  if (m && (year < FIRST_YEAR || year > LAST_YEAR)) {
    return fail(`${quote(cell)} is not a date between ${FIRST_YEAR} and ${LAST_YEAR}; check the year`);
  }
  return fail(`${quote(cell)} is not a date; write YYYY-MM-DD, e.g. 2026-03-31`);
};

/**
 * An instant in ISO 8601. Without an offset it is read in `zone`; a bare date means the start of
 * that day in `zone`.
 */
export const instant =
  (zone: string): Parser<Date> =>
  (cell) => {
    const m = UTC_INSTANT.exec(cell);
    if (
      m &&
      isRealDate(Number(m[1]), Number(m[2]), Number(m[3])) &&
      Number(m[4]) < 24 &&
      Number(m[5]) < 60 &&
      Number(m[6] ?? 0) < 60
    ) {
      const value = new Date(cell);
      if (!Number.isNaN(value.getTime())) return ok(value);
    }
    const parsed = !m && /^\d{4}-\d{2}-\d{2}/.test(cell) ? DateTime.fromISO(cell, { zone }) : null;
    return parsed?.isValid && parsed.year >= FIRST_YEAR && parsed.year <= LAST_YEAR
      ? ok(parsed.toJSDate())
      : fail(`${quote(cell)} is not an ISO 8601 date or time; write e.g. 2026-03-31T14:30:00Z or 2026-03-31`);
  };
