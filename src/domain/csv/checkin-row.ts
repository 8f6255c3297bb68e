import { z } from "zod";
import { CHECK_IN_CHANNELS, CHECK_IN_OUTCOMES, CHECK_IN_SOURCES } from "../planner/types.js";
import { email, oneOf, optional, pastInstant, required, text } from "./cells.js";
import type { RowContext } from "./row-context.js";

export const CHECKIN_SOURCES = CHECK_IN_SOURCES;
export const MAX_NOTE_LENGTH = 2000;

/** One row of a check-ins file. */
export function checkinRowSchema(context: RowContext) {
  return z.object({
    external_id: optional(text(200)),
    account_external_id: required(text(100)),
    rep_email: required(email(true)),
    at: required(pastInstant(context)),
    channel: required(oneOf(CHECK_IN_CHANNELS)),
    outcome: optional(oneOf(CHECK_IN_OUTCOMES)),
    note: optional(text(MAX_NOTE_LENGTH)),
    source: optional(oneOf(CHECKIN_SOURCES)),
    origin: optional(text(64)),
  });
}

export type CheckinRow = z.infer<ReturnType<typeof checkinRowSchema>>;
