/**
 * A command's answer (the channel-agnostic `Reply`) as an Adaptive Card: information, an error
 * that says what to do, picks with the nudge's buttons, a choice of accounts as buttons that
 * re-run the command, or a table laid out with column sets (Teams renders `Table` unevenly).
 */
import type { Reply } from "../../../app/replies.js";
import { commandButton } from "./card-actions.js";
import { type AdaptiveCard, actionSet, adaptiveCard, type CardElement, clip, textBlock } from "./elements.js";
import { fitCard } from "./fit.js";
import { pickSection, type RenderAt } from "./pick-section.js";

/** Buttons per action set: Teams shows about six in a row before it folds them. */
const BUTTONS_PER_SET = 5;
const MAX_CHOICES = 25;

export function replyCard(reply: Reply, at: RenderAt): AdaptiveCard {
  switch (reply.kind) {
    case "info":
      return adaptiveCard(
        [
          ...(reply.title ? [textBlock(markdown(reply.title), { weight: "Bolder", size: "Medium" })] : []),
          ...paragraphs(reply.lines).map((line) => textBlock(markdown(line), { spacing: "Small" })),
        ],
        { fallbackText: [reply.title, ...reply.lines].filter(Boolean).join("\n") },
      );
    case "error":
      return adaptiveCard(
        [
          textBlock("⚠️ That did not work", { weight: "Bolder", color: "Attention" }),
          ...paragraphs([reply.message]).map((line) => textBlock(markdown(line), { spacing: "Small" })),
          textBlock(`Error code ${reply.code}`, { isSubtle: true, size: "Small", spacing: "Small" }),
        ],
        { fallbackText: `${reply.message} (code ${reply.code})` },
      );
    case "picks":
      return fitCard({
        head: [textBlock(markdown(reply.title), { weight: "Bolder", size: "Medium" })],
        sections: reply.picks.map((p) => pickSection(p, at)),
        tail: reply.footer ? [textBlock(markdown(reply.footer), { isSubtle: true, separator: true })] : [],
        leftOut: (n) => `${n} more not shown here.`,
        fallbackText: `${reply.title}: ${reply.picks.map((p) => p.accountName).join(", ")}`,
      });
    case "choose":
      return chooseCard(reply);
    case "table":
      return fitCard({
        head: [
          textBlock(markdown(reply.title), { weight: "Bolder", size: "Medium" }),
          row(reply.columns, true),
        ],
        sections: reply.rows.map((cells) => row(cells, false)),
        tail: reply.footer ? [textBlock(markdown(reply.footer), { isSubtle: true, separator: true })] : [],
        leftOut: (n) =>
          `${n} more rows not shown here; \`retention report\` on the command line lists them all.`,
        fallbackText: reply.title,
      });
  }
}

function chooseCard(reply: Extract<Reply, { kind: "choose" }>): AdaptiveCard {
  const options = reply.options.slice(0, MAX_CHOICES);
  const sets: CardElement[] = [];
  for (let i = 0; i < options.length; i += BUTTONS_PER_SET) {
    sets.push(
      actionSet(
        options.slice(i, i + BUTTONS_PER_SET).map((o) => commandButton(clip(o.label, 60), o.commandText)),
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
    { fallbackText: reply.prompt },
  );
}

function row(cells: string[], header: boolean): CardElement {
  return {
    type: "ColumnSet",
    spacing: "Small",
    ...(header ? {} : { separator: true }),
    columns: cells.map((cell, i) => ({
      type: "Column",
      width: i === 0 ? "stretch" : "auto",
      items: [textBlock(clip(cell, 80), header ? { weight: "Bolder", size: "Small" } : { size: "Small" })],
    })),
  };
}

/** One text block per line: a single newline inside a TextBlock does not break the line in every client. */
function paragraphs(lines: string[]): string[] {
  return lines.flatMap((line) => line.split("\n")).filter((line) => line.trim() !== "");
}

/** Replies use Slack-style `*bold*`; Adaptive Card markdown wants `**bold**`. */
function markdown(text: string): string {
  return text.replace(/(^|[^*\w])\*([^*\n]+)\*(?![*\w])/g, "$1**$2**");
}
