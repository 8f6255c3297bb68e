/**
 * The envelope of a Bot Framework activity, checked before botbuilder sees it: botbuilder trusts
 * the shape (a numeric `serviceUrl` throws `endpoint.toLowerCase is not a function`, a missing
 * `type` a 500), and an activity without an `id` would share one dedupe key with every other.
 * Card data and inputs are checked later (card-input.ts); this is only the frame.
 */
import { z } from "zod";
import { holdsControlCharacter } from "../../domain/control-characters.js";

const id = z.string().min(1).max(1024);
const account = z.looseObject({ id, name: z.string().max(1024).optional() });

/** Activity types that start work and are deduplicated by their id. */
const NEEDS_ID = new Set(["message", "invoke"]);

const activitySchema = z
  .looseObject({
    type: z.string().min(1).max(64),
    id: id.optional(),
    serviceUrl: z.url({ protocol: /^https?$/ }).max(2048),
    channelId: z.string().max(64).optional(),
    from: account,
    recipient: account.optional(),
    conversation: z.looseObject({ id, tenantId: z.string().max(256).optional() }),
    text: z.string().max(64_000).optional(),
    replyToId: id.optional(),
    name: z.string().max(256).optional(),
  })
  .superRefine((a, ctx) => {
    if (NEEDS_ID.has(a.type) && a.id === undefined) {
      ctx.addIssue({ code: "custom", path: ["id"], message: `a ${a.type} activity needs an id` });
    }
  });

export type ActivityCheck = { ok: true } | { ok: false; message: string };

/** Checks an activity's frame; the message names the first bad field. */
export function checkActivity(body: unknown): ActivityCheck {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, message: "body must be a Bot Framework activity (a JSON object)" };
  }
  if (holdsControlCharacter(body)) {
    return { ok: false, message: "the activity holds a NUL or another control character" };
  }
  const result = activitySchema.safeParse(body);
  if (result.success) return { ok: true };
  const issue = result.error.issues[0];
  const field = issue?.path.join(".") || "activity";
  return { ok: false, message: `${field}: ${issue?.message ?? "invalid"}` };
}
