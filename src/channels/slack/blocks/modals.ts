/**
 * The two modals a pick's overflow opens: a note, and a promised follow-up with a date-time
 * picker. Their submission is read back by `listeners/views`, using the ids exported here.
 */
import type { types } from "@slack/bolt";
import { VIEWS } from "../action-ids.js";
import { escapeMrkdwn, plain, section } from "./block-builders.js";
import { LIMITS, truncate } from "./limits.js";

/** Where the click came from, so that the message can be updated after the submission. */
export interface ModalOrigin {
  pickId: number;
  channel?: string;
  ts?: string;
}

export const NOTE_INPUT = { block: "note", action: "note_input" } as const;
export const PROMISE_INPUTS = {
  due: { block: "due", action: "due_input" },
  what: { block: "what", action: "what_input" },
} as const;

/** Longest note or promise text accepted (the commands' limit too). */
export const MAX_NOTE_LENGTH = 2000;

export function noteModal(accountName: string, origin: ModalOrigin): types.ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.note,
    private_metadata: metadata(origin),
    title: plain("Add a note", LIMITS.viewTitle),
    submit: plain("Save", LIMITS.viewButton),
    close: plain("Cancel", LIMITS.viewButton),
    blocks: [
      section(`Note for *${escapeMrkdwn(accountName)}*`),
      {
        type: "input",
        block_id: NOTE_INPUT.block,
        label: plain("What happened?", LIMITS.inputLabel),
        element: {
          type: "plain_text_input",
          action_id: NOTE_INPUT.action,
          multiline: true,
          max_length: MAX_NOTE_LENGTH,
          placeholder: plain("Spoke with Jane: renewal in May, wants the new price list", LIMITS.placeholder),
        },
      },
    ],
  };
}

export function promiseModal(accountName: string, origin: ModalOrigin, suggestedDue: Date): types.ModalView {
  return {
    type: "modal",
    callback_id: VIEWS.promise,
    private_metadata: metadata(origin),
    title: plain("Promise follow-up", LIMITS.viewTitle),
    submit: plain("Save", LIMITS.viewButton),
    close: plain("Cancel", LIMITS.viewButton),
    blocks: [
      section(`What did you promise *${escapeMrkdwn(accountName)}*, and by when?`),
      {
        type: "input",
        block_id: PROMISE_INPUTS.due.block,
        label: plain("Due", LIMITS.inputLabel),
        element: {
          type: "datetimepicker",
          action_id: PROMISE_INPUTS.due.action,
          initial_date_time: Math.floor(suggestedDue.getTime() / 1000),
        },
      },
      {
        type: "input",
        block_id: PROMISE_INPUTS.what.block,
        label: plain("What", LIMITS.inputLabel),
        element: {
          type: "plain_text_input",
          action_id: PROMISE_INPUTS.what.action,
          max_length: MAX_NOTE_LENGTH,
          placeholder: plain("Send the Q3 figures", LIMITS.placeholder),
        },
      },
    ],
  };
}

function metadata(origin: ModalOrigin): string {
  return truncate(JSON.stringify(origin), LIMITS.privateMetadata);
}
