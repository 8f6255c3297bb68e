/**
 * One pick as card elements: the account and why, the last contact and the contact person, and
 * the one-click buttons (or, once done, who did it and when, with Undo for a few minutes). The
 * same section appears in the nudge and in the `today` answer.
 */
import type { PickView } from "../../../app/ports.js";
import { channelWord, daysAgo, formatMoment } from "../../format.js";
import { inputIds, pickButton, showCardButton } from "./card-actions.js";
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

export function pickSection(pick: PickView, at: RenderAt): CardElement {
  const kind = kindLabels[pick.kind];
  const title = `**${clip(pick.accountName, 120)}**${kind ? ` · ${kind}` : ""}`;
  if (pick.done) {
    const items: CardElement[] = [
      textBlock(`✅ ${title}`),
      textBlock(`${pick.done.label} by ${pick.done.byName}, ${formatMoment(pick.done.at, at.zone)}`, {
        isSubtle: true,
        spacing: "None",
      }),
    ];
    if (pick.done.undoUntil && pick.done.undoUntil > at.now) {
      items.push(actionSet([pickButton("Undo", pick.pickId, "undo")]));
    }
    return container(items, { separator: true, spacing: "Medium" });
  }
  const items: CardElement[] = [textBlock(title), textBlock(clip(pick.reason, 300), { spacing: "None" })];
  if (pick.opener) items.push(textBlock(`💬 ${clip(pick.opener, 300)}`, { spacing: "Small" }));
  if (pick.promise) {
    items.push(
      textBlock(
        `🤝 You promised: ${clip(pick.promise.what, 200)} (due ${formatMoment(pick.promise.dueAt, at.zone)})`,
        { spacing: "Small" },
      ),
    );
  }
  items.push(
    textBlock(lastContactText(pick, at), { isSubtle: true, size: "Small", spacing: "Small" }),
    textBlock(contactText(pick), { isSubtle: true, size: "Small", spacing: "None" }),
    actionSet(pickActions(pick.pickId)),
  );
  return container(items, { separator: true, spacing: "Medium" });
}

function pickActions(pickId: number): CardElement[] {
  const ids = inputIds(pickId);
  return [
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
    showCardButton(
      "Add note",
      [
        {
          type: "Input.Text",
          id: ids.note,
          label: "Note",
          isMultiline: true,
          maxLength: 2000,
          isRequired: true,
          errorMessage: "Write the note first.",
        },
      ],
      [pickButton("Save note", pickId, "note")],
    ),
    showCardButton(
      "Promise follow-up",
      [
        {
          type: "Input.Text",
          id: ids.what,
          label: "What did you promise?",
          placeholder: "Send the figures",
          maxLength: 2000,
          isRequired: true,
          errorMessage: "Say what you promised.",
        },
        {
          type: "Input.Date",
          id: ids.date,
          label: "Due date",
          isRequired: true,
          errorMessage: "Pick a date.",
        },
        { type: "Input.Time", id: ids.time, label: "Time (optional, default 09:00)" },
      ],
      [pickButton("Save promise", pickId, "promise")],
    ),
  ];
}

function lastContactText(pick: PickView, at: RenderAt): string {
  const last = pick.lastContact;
  if (!last) return "Last contact: never";
  const note = last.note ? ` — “${clip(last.note, 200)}”` : "";
  return `Last contact: ${daysAgo(last.at, at.now, at.zone)} (${formatMoment(last.at, at.zone)}), ${channelWord(last.channel)}${note}`;
}

function contactText(pick: PickView): string {
  const { name, email, phone } = pick.contact;
  const parts = [name, email, phone].filter((p): p is string => Boolean(p));
  return parts.length ? `Contact: ${parts.join(" · ")}` : "Contact: none on file";
}
