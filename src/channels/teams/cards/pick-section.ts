/**
 * One pick as card elements: the account and why, the last contact and the contact person, and
 * the one-click buttons (or, once done, who did it and when, with Undo for a few minutes). The
 * same section appears in the nudge and in the `today` answer.
 */
import type { PickView } from "../../../app/ports.js";
import { channelWord, daysAgo, formatMoment } from "../../format.js";
import { inputIds, pickButton, showCardButton } from "./card-actions.js";
import { escapeCardMarkdown as esc } from "./card-text.js";
import { actionSet, type CardElement, clip, container, textBlock } from "./elements.js";

export interface RenderAt {
  now: Date;
  /** The viewer's IANA zone, for every date shown. */
  zone: string;
}

const kindLabels: Partial<Record<PickView["kind"], string>> = {
  promise: "Promise due",
  risk: "At risk",
  review: "Relationship review",
  exit_interview: "Exit interview",
  win_back: "Win-back",
};

export function pickSection(pick: PickView, at: RenderAt, form?: RefusedForm): CardElement {
  const kind = kindLabels[pick.kind];
  const title = `**${esc(clip(pick.accountName, 120))}**${kind ? ` · ${kind}` : ""}`;
  if (pick.done) {
    const items: CardElement[] = [
      textBlock(`✅ ${title}`),
      textBlock(`${pick.done.label} by ${esc(pick.done.byName)}, ${formatMoment(pick.done.at, at.zone)}`, {
        isSubtle: true,
        spacing: "None",
      }),
    ];
    if (pick.done.undoUntil && pick.done.undoUntil > at.now) {
      items.push(actionSet([pickButton("Undo", pick.pickId, "undo")]));
    }
    return container(items, { separator: true, spacing: "Medium" });
  }
  const items: CardElement[] = [
    textBlock(title),
    textBlock(esc(clip(pick.reason, 300)), { spacing: "None" }),
  ];
  if (pick.opener) items.push(textBlock(`💬 ${esc(clip(pick.opener, 300))}`, { spacing: "Small" }));
  if (pick.promise) {
    items.push(
      textBlock(
        `🤝 You promised: ${esc(clip(pick.promise.what, 200))} (due ${formatMoment(pick.promise.dueAt, at.zone)})`,
        { spacing: "Small" },
      ),
    );
  }
  items.push(
    textBlock(lastContactText(pick, at), { isSubtle: true, size: "Small", spacing: "Small" }),
    textBlock(contactText(pick), { isSubtle: true, size: "Small", spacing: "None" }),
    ...pickActions(pick.pickId, form?.pickId === pick.pickId ? form : undefined),
  );
  return container(items, { separator: true, spacing: "Medium" });
}

/** A form given back after a refusal: what was typed, and why it was refused. */
export interface RefusedForm {
  pickId: number;
  action: "note" | "promise";
  values: Record<string, string>;
  error: string;
}

/**
 * The pick's buttons. A refused form is shown open (not behind its button), with what was typed
 * and the reason right under its fields, so that nothing typed is lost.
 */
function pickActions(pickId: number, form: RefusedForm | undefined): CardElement[] {
  const ids = inputIds(pickId);
  const values = form?.values ?? {};
  const forms = {
    note: {
      title: "Add note",
      inputs: noteInputs(ids, values),
      save: pickButton("Save note", pickId, "note"),
    },
    promise: {
      title: "Promise follow-up",
      inputs: promiseInputs(ids, values),
      save: pickButton("Save promise", pickId, "promise"),
    },
  };
  const closed = (["note", "promise"] as const).filter((k) => k !== form?.action);
  const buttons = actionSet([
    pickButton("Called", pickId, "call"),
    pickButton("Emailed", pickId, "email"),
    pickButton("Met", pickId, "meeting"),
    showCardButton(
      "Snooze…",
      [],
      [
        pickButton("Snooze 1 week", pickId, "snooze_week"),
        pickButton("Snooze 1 month", pickId, "snooze_month"),
        pickButton("Not my account", pickId, "not_mine"),
      ],
    ),
    ...closed.map((k) => showCardButton(forms[k].title, forms[k].inputs, [forms[k].save])),
  ]);
  if (!form) return [buttons];
  const open = forms[form.action];
  return [
    buttons,
    container([
      textBlock(open.title, { weight: "Bolder", size: "Small" }),
      ...open.inputs,
      textBlock(`⚠️ ${esc(form.error)}`, { color: "Attention", size: "Small", spacing: "Small" }),
      actionSet([open.save]),
    ]),
  ];
}

type Ids = ReturnType<typeof inputIds>;

/** `value` only when something was typed: an input never shows an empty string as a value. */
function typed(values: Record<string, string>, id: string): { value?: string } {
  const value = values[id];
  return value ? { value } : {};
}

function noteInputs(ids: Ids, values: Record<string, string>): CardElement[] {
  return [
    {
      type: "Input.Text",
      id: ids.note,
      label: "Note",
      isMultiline: true,
      maxLength: 2000,
      isRequired: true,
      errorMessage: "Write the note first.",
      ...typed(values, ids.note),
    },
  ];
}

function promiseInputs(ids: Ids, values: Record<string, string>): CardElement[] {
  return [
    {
      type: "Input.Text",
      id: ids.what,
      label: "What did you promise?",
      placeholder: "Send the figures",
      maxLength: 2000,
      isRequired: true,
      errorMessage: "Say what you promised.",
      ...typed(values, ids.what),
    },
    {
      type: "Input.Date",
      id: ids.date,
      label: "Due date",
      isRequired: true,
      errorMessage: "Pick a date.",
      ...typed(values, ids.date),
    },
    { type: "Input.Time", id: ids.time, label: "Time (optional, default 09:00)", ...typed(values, ids.time) },
  ];
}

function lastContactText(pick: PickView, at: RenderAt): string {
  const last = pick.lastContact;
  if (!last) return "Last contact: never";
  const note = last.note ? ` — “${esc(clip(last.note, 200))}”` : "";
  return `Last contact: ${daysAgo(last.at, at.now, at.zone)} (${formatMoment(last.at, at.zone)}), ${channelWord(last.channel)}${note}`;
}

function contactText(pick: PickView): string {
  const { name, email, phone } = pick.contact;
  const parts = [name, email, phone].filter((p): p is string => Boolean(p));
  return parts.length ? `Contact: ${parts.map(esc).join(" · ")}` : "Contact: none on file";
}
