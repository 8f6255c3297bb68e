/** zod readers of typed setting values (`14`, `80%`, `Sun-Thu`, `on`), for the settings catalogue. */
import { z } from "zod";
import { isValidZone } from "./time.js";
import { parseWorkingDays } from "./working-days.js";

export const wholeNumber = (min: number, max: number) => {
  const range = `must be a whole number from ${min} to ${max}`;
  return z
    .string()
    .trim()
    .regex(/^\d+$/, range)
    .transform(Number)
    .pipe(z.number().min(min, range).max(max, range));
};

export const decimal = (min: number) =>
  z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?$/, `must be a number above ${min}, like 1.5`)
    .transform(Number)
    .pipe(z.number().gt(min, `must be a number above ${min}, like 1.5`));

/** A share typed as a percentage (`80` or `80%`), stored as a fraction (0.8). */
export const percent = () => {
  const range = "must be a percentage between 0% and 100%, like 80%";
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?%?$/, range)
    .transform((s) => Number(s.replace("%", "")))
    .pipe(z.number().gt(0, range).lt(100, range))
    .transform((n) => n / 100);
};

/** A share up to and including 100% (`80`, `80%`, `100%`), stored as a fraction. */
export const percentUpTo100 = () => {
  const range = "must be a percentage above 0% and at most 100%, like 80%";
  return z
    .string()
    .trim()
    .regex(/^\d+(\.\d+)?%?$/, range)
    .transform((s) => Number(s.replace("%", "")))
    .pipe(z.number().gt(0, range).lte(100, range))
    .transform((n) => n / 100);
};

export const onOff = z
  .string()
  .trim()
  .toLowerCase()
  .refine((s) => s === "on" || s === "off", "must be on or off")
  .transform((s) => s === "on");

export const zone = z
  .string()
  .trim()
  .refine(isValidZone, "is not an IANA time zone; use a name like Europe/Berlin");

export const weekdays = z.string().transform((text, ctx) => {
  const parsed = parseWorkingDays(text);
  if (parsed.ok) return parsed.days;
  ctx.addIssue({ code: "custom", message: parsed.problem });
  return z.NEVER;
});
