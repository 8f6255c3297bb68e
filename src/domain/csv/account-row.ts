import { DateTime } from "luxon";
import { z } from "zod";
import { decimal, email, instant, integer, isoDate, oneOf, optional, required, text } from "./cells.js";
import { FUTURE_TOLERANCE_MS, type RowContext } from "./row-context.js";

export const ACCOUNT_TIERS = ["A", "B", "C"] as const;
export const ACCOUNT_STATUSES = ["active", "lost"] as const;

/** One row of an accounts file. */
export function accountRowSchema(context: RowContext) {
  return z
    .object({
      external_id: required(text(100)),
      name: required(text(200)),
      owner_email: required(email(true)),
      annual_revenue: required(decimal({ min: 0 })),
      gross_profit: optional(decimal()),
      tier: optional(oneOf(ACCOUNT_TIERS)),
      status: optional(oneOf(ACCOUNT_STATUSES)),
      cadence_days: optional(integer(1, 3650)),
      customer_since: optional(isoDate),
      last_contact_at: optional(instant(context.zone)),
      last_order_at: optional(isoDate),
      avg_order_interval_days: optional(integer(1, 3650)),
      contact_name: optional(text(200)),
      contact_email: optional(email(false)),
      contact_phone: optional(text(50)),
    })
    .superRefine((row, ctx) => {
      // A day ahead is tolerated (zones); a customer since next year is a typo.
      const tomorrow = DateTime.fromJSDate(context.now, { zone: context.zone }).plus({ days: 1 }).toISODate();
      for (const field of ["customer_since", "last_order_at"] as const) {
        const value = row[field];
        if (value && tomorrow && value > tomorrow) {
          ctx.addIssue({ code: "custom", path: [field], message: `${value} is in the future` });
        }
      }
      if (
        row.last_contact_at &&
        row.last_contact_at.getTime() > context.now.getTime() + FUTURE_TOLERANCE_MS
      ) {
        ctx.addIssue({
          code: "custom",
          path: ["last_contact_at"],
          message: `${row.last_contact_at.toISOString()} is in the future`,
        });
      }
    });
}

export type AccountRow = z.infer<ReturnType<typeof accountRowSchema>>;
