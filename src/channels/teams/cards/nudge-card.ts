/** The morning nudge as an Adaptive Card: a header with the date, then one section per pick. */
import type { NudgeView } from "../../../app/ports.js";
import { formatLocalDate } from "../../format.js";
import { moreButton } from "./card-actions.js";
import { teamsPlain, teamsText } from "./card-text.js";
import { type AdaptiveCard, actionSet, textBlock } from "./elements.js";
import { fitCard } from "./fit.js";
import { pickSection, type RefusedForm } from "./pick-section.js";

export interface NudgeCardOptions {
  now: Date;
  /** A line confirming what a click just did, shown above the picks. */
  notice?: string;
  /** The notice says why a click changed nothing (a stale copy), not what it did. */
  refused?: boolean;
  /** A refused note or promise form, shown open with what was typed and why. */
  form?: RefusedForm;
}

export function nudgeCard(view: NudgeView, options: NudgeCardOptions): AdaptiveCard {
  const zone = view.recipient.timezone;
  const open = view.picks.filter((p) => p.status === "open").length;
  const date = formatLocalDate(view.localDate);
  const head = [
    textBlock(`☀️ Your customers for ${date}`, { weight: "Bolder", size: "Medium" }),
    textBlock(
      open === 0 ? "All done for today. Thank you!" : `${open} to contact today. One click logs it.`,
      { isSubtle: true, spacing: "None" },
    ),
    ...(options.notice
      ? [
          options.refused
            ? textBlock(`⚠️ ${teamsText(options.notice)}`, { color: "Attention" as const })
            : textBlock(`✔️ ${teamsText(options.notice)}`, { color: "Good" as const }),
        ]
      : []),
  ];
  const tail =
    view.moreCount > 0
      ? [
          textBlock(`…and ${view.moreCount} more due; they roll forward to the next days.`, {
            isSubtle: true,
            separator: true,
          }),
          actionSet([moreButton(view.nudgeId, view.picks.length)]),
        ]
      : [];
  return fitCard({
    head,
    sections: view.picks.map((p) => pickSection(p, { now: options.now, zone }, options.form)),
    tail,
    leftOut: (n) => `${n} more not shown here: type **today** to see them.`,
    fallbackText: teamsPlain(
      `Your customers for ${date}: ${view.picks.map((p) => p.accountName).join(", ")}`,
    ),
  });
}
