import { z } from "zod";
import { email, instant, oneOf, optional, required, text } from "./cells.js";
import { FUTURE_TOLERANCE_MS, type RowContext } from "./row-context.js";

export const CHECKIN_CHANNELS = ["call", "email", "meeting", "video", "message", "other"] as const;
export const CHECKIN_OUTCOMES = [
  "connected",
  "left_message",
  "no_answer",
  "issue_raised",
  "opportunity",
  "at_risk",
] as const;
export const CHECKIN_SOURCES = ["nudge", "command", "import"] as const;
export const MAX_NOTE_LENGTH = 2000;

/** One row of a check-ins file. */
export function checkinRowSchema(context: RowContext) {
  return z
    .object({
      external_id: optional(text(200)),
      account_external_id: required(text(100)),
      rep_email: required(email(true)),
      at: required(instant(context.zone)),
      channel: required(oneOf(CHECKIN_CHANNELS)),
      outcome: optional(oneOf(CHECKIN_OUTCOMES)),
      note: optional(text(MAX_NOTE_LENGTH)),
      source: optional(oneOf(CHECKIN_SOURCES)),
    })
    .superRefine((row, ctx) => {
      if (row.at.getTime() > context.now.getTime() + FUTURE_TOLERANCE_MS) {
        ctx.addIssue({ code: "custom", path: ["at"], message: `${row.at.toISOString()} is in the future` });
      }
    });
}

export type CheckinRow = z.infer<ReturnType<typeof checkinRowSchema>>;
