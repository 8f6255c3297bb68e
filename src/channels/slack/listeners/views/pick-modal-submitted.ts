/**
 * Submissions of the note and promise modals. Inputs are validated with errors shown on the
 * field (`response_action: errors`), and so is a refusal of the use case; only a saved action
 * closes the modal, after which the nudge is updated in place.
 */

import type { App, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import { z } from "zod";
import { performPickAction } from "../../../../app/pick-actions.js";
import type { PickAction } from "../../../../app/ports.js";
import { type UserError, userError } from "../../../../domain/errors.js";
import { parsePickId, VIEWS } from "../../action-ids.js";
import { slackPlain } from "../../blocks/block-builders.js";
import { MAX_NOTE_LENGTH, NOTE_INPUT, PROMISE_INPUTS } from "../../blocks/modals.js";
import type { SlackDeps } from "../../deps.js";
import { refreshAfterPickAction } from "../../refresh-views.js";
import { resolveCaller } from "../caller.js";

const originSchema = z.object({
  pickId: z.number().int().positive(),
  channel: z.string().min(1).max(40).optional(),
  ts: z.string().min(1).max(40).optional(),
});

type Values = ViewSubmitAction["view"]["state"]["values"];
type Read = { ok: true; action: PickAction } | { ok: false; errors: Record<string, string> };

export function register(app: App, deps: SlackDeps): void {
  app.view<ViewSubmitAction>(VIEWS.note, (args) => submit(deps, args, (values) => readNote(values)));
  app.view<ViewSubmitAction>(VIEWS.promise, (args) =>
    submit(deps, args, (values) => readPromise(values, deps.ctx.clock())),
  );
}

async function submit(
  deps: SlackDeps,
  {
    ack,
    body,
    view,
    client,
  }: SlackViewMiddlewareArgs<ViewSubmitAction> & { client: Parameters<typeof refreshAfterPickAction>[1] },
  read: (values: Values) => Read,
): Promise<void> {
  const field: string = view.callback_id === VIEWS.note ? NOTE_INPUT.block : PROMISE_INPUTS.what.block;
  const fail = (message: string, on: string = field) =>
    ack({ response_action: "errors", errors: { [on]: message } });
  // A refusal shows in the form with its code, and is logged with the same code.
  const refuse = (error: UserError, on: string = field) => {
    if (error.code !== "INTERNAL")
      deps.ctx.logger.info({ code: error.code, slackUserId: body.user.id }, error.message);
    return fail(slackPlain(`${error.message} (code ${error.code})`), on);
  };
  let origin: z.infer<typeof originSchema>;
  try {
    origin = originSchema.parse(JSON.parse(view.private_metadata));
  } catch {
    return fail("This form is out of date; close it and start again from the message.");
  }
  if (parsePickId(String(origin.pickId)) === undefined) return fail("This form names no pick of ours.");
  const input = read(view.state.values);
  if (!input.ok) return ack({ response_action: "errors", errors: input.errors });

  let acked = false;
  try {
    const caller = await resolveCaller(deps, client, body.team?.id ?? body.user.team_id, body.user.id);
    if (!caller.ok) return await refuse(caller.error);
    const result = await performPickAction(deps.ctx, caller.actor, {
      pickId: origin.pickId,
      action: input.action,
      // A modal is submitted once; a retried or double submission carries the same view id.
      dedupeKey: `slack:view:${view.id}`,
    });
    if (!result.ok) {
      const on =
        /due/i.test(result.message) && view.callback_id === VIEWS.promise ? PROMISE_INPUTS.due.block : field;
      return await refuse(userError(result.code, result.message), on);
    }
    await ack();
    acked = true;
    const message = origin.channel && origin.ts ? { channel: origin.channel, ts: origin.ts } : undefined;
    await refreshAfterPickAction(
      deps,
      client,
      caller.actor,
      caller.slackUserId,
      result.nudgeId,
      message,
      !message,
    );
  } catch (err) {
    deps.ctx.logger.error({ err, code: "INTERNAL", pick: origin.pickId }, "a Slack modal submission failed");
    if (!acked) await refuse(userError("INTERNAL")).catch(() => {});
  }
}

function readNote(values: Values): Read {
  const note = (values[NOTE_INPUT.block]?.[NOTE_INPUT.action]?.value ?? "").trim();
  if (note === "") return { ok: false, errors: { [NOTE_INPUT.block]: "Write a note first." } };
  if (note.length > MAX_NOTE_LENGTH) {
    return {
      ok: false,
      errors: { [NOTE_INPUT.block]: `Keep the note under ${MAX_NOTE_LENGTH} characters.` },
    };
  }
  return { ok: true, action: { type: "note", note } };
}

function readPromise(values: Values, now: Date): Read {
  const errors: Record<string, string> = {};
  const seconds = values[PROMISE_INPUTS.due.block]?.[PROMISE_INPUTS.due.action]?.selected_date_time;
  const what = (values[PROMISE_INPUTS.what.block]?.[PROMISE_INPUTS.what.action]?.value ?? "").trim();
  const dueAt = typeof seconds === "number" ? new Date(seconds * 1000) : undefined;
  if (!dueAt) errors[PROMISE_INPUTS.due.block] = "Pick the date and time you promised.";
  else if (dueAt <= now) errors[PROMISE_INPUTS.due.block] = "That moment has passed; pick a later one.";
  if (what === "") errors[PROMISE_INPUTS.what.block] = "Say what you promised.";
  else if (what.length > MAX_NOTE_LENGTH)
    errors[PROMISE_INPUTS.what.block] = `Keep it under ${MAX_NOTE_LENGTH} characters.`;
  if (!dueAt || Object.keys(errors).length > 0) return { ok: false, errors };
  return { ok: true, action: { type: "promise", dueAt, what } };
}
