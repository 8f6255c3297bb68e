/**
 * A command's answer (the channel-agnostic `Reply`) as an Adaptive Card: information, an error
 * that says what to do, picks with the nudge's buttons, a choice of accounts as buttons that
 * re-run the command, or a table (an Adaptive Card `Table`, table-card.ts).
 */
import type { Reply } from "../../../app/replies.js";
import { commandButton } from "./card-actions.js";
import { teamsPlain, teamsText } from "./card-text.js";
import { type AdaptiveCard, actionSet, adaptiveCard, type CardElement, clip, textBlock } from "./elements.js";
import { fitCard } from "./fit.js";
import { pickSection, type RenderAt } from "./pick-section.js";
import { tableCard } from "./table-card.js";

/** Buttons per action set: Teams shows about six in a row before it folds them. */
const BUTTONS_PER_SET = 5;
const MAX_CHOICES = 25;

export function replyCard(reply: Reply, at: RenderAt): AdaptiveCard {
  switch (reply.kind) {
    case "info":
      return adaptiveCard(
        [
          ...(reply.title ? [textBlock(markdown(reply.title), { weight: "Bolder", size: "Medium" })] : []),
          ...paragraphs(reply.lines.map(markdown)).map((line) => textBlock(line, { spacing: "Small" })),
        ],
        { fallbackText: teamsPlain([reply.title, ...reply.lines].filter(Boolean).join("\n")) },
      );
    case "error":
      return adaptiveCard(
        [
          textBlock("⚠️ That did not work", { weight: "Bolder", color: "Attention" }),
          ...paragraphs([markdown(reply.message)]).map((line) => textBlock(line, { spacing: "Small" })),
          textBlock(`Error code ${reply.code}`, { isSubtle: true, size: "Small", spacing: "Small" }),
        ],
        { fallbackText: teamsPlain(`${reply.message} (code ${reply.code})`) },
      );
    case "picks":
      return fitCard({
        head: [textBlock(markdown(reply.title), { weight: "Bolder", size: "Medium" })],
        sections: reply.picks.map((p) => pickSection(p, at)),
        tail: reply.footer ? [textBlock(markdown(reply.footer), { isSubtle: true, separator: true })] : [],
        leftOut: (n) => `${n} more not shown here.`,
        fallbackText: teamsPlain(`${reply.title}: ${reply.picks.map((p) => p.accountName).join(", ")}`),
      });
    case "choose":
      return chooseCard(reply);
    case "table":
      return tableCard(reply);
  }
}

function chooseCard(reply: Extract<Reply, { kind: "choose" }>): AdaptiveCard {
  const options = reply.options.slice(0, MAX_CHOICES);
  const sets: CardElement[] = [];
  for (let i = 0; i < options.length; i += BUTTONS_PER_SET) {
    sets.push(
      actionSet(
        options
          .slice(i, i + BUTTONS_PER_SET)
          .map((o) => commandButton(clip(teamsPlain(o.label), 60), o.commandText)),
      ),
    );
  }
  const cut = reply.options.length - options.length;
  return adaptiveCard(
    [
      textBlock(markdown(reply.prompt), { weight: "Bolder" }),
      ...sets,
      ...(cut > 0 ? [textBlock(`${cut} more match; type more of the name.`, { isSubtle: true })] : []),
    ],
    { fallbackText: teamsPlain(reply.prompt) },
  );
}

/** One text block per line: a single newline inside a TextBlock does not break the line in every client. */
function paragraphs(lines: string[]): string[] {
  return lines.flatMap((line) => line.split("\n")).filter((line) => line.trim() !== "");
}

/** Replies are our rich text (domain/rich-text.ts): `*bold*`, `code`, what users typed, commands. */
const markdown = teamsText;
