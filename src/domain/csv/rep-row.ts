import { z } from "zod";
import { email, integer, oneOf, optional, required, text, timezone, workingDays } from "./cells.js";

export const REP_ROLES = ["rep", "manager", "admin"] as const;

/** One row of a reps file. */
export const repRowSchema = z
  .object({
    email: required(email(true)),
    name: required(text(200)),
    timezone: optional(timezone),
    role: optional(oneOf(REP_ROLES)),
    manager_email: optional(email(true)),
    slack_user_id: optional(text(64)),
    teams_user_id: optional(text(64)),
    handful: optional(integer(1, 20)),
    nudge_hour: optional(integer(0, 23)),
    /** `Mon-Fri`, `Sun-Thu`, `Mon,Tue,Thu`; empty: the workspace's working days. */
    working_days: optional(workingDays),
  })
  .superRefine((row, ctx) => {
    if (row.manager_email && row.manager_email === row.email) {
      ctx.addIssue({ code: "custom", path: ["manager_email"], message: "a rep cannot be their own manager" });
    }
  });

export type RepRow = z.infer<typeof repRowSchema>;
