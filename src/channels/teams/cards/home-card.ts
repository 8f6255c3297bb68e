/**
 * The Teams home (the `home` command and the welcome card): what Slack's App Home shows. Today's
 * picks with their buttons, open promises with due dates, the rep's coverage, and for a manager
 * the team's coverage as a table. Cut to the card budget: picks go first when it is tight.
 */
import type { Home } from "../../../app/commands/home-command.js";
import { coverageLine } from "../../../app/commands/home-command.js";
import { formatMoment } from "../../format.js";
import { escapeCardMarkdown as esc, teamsText } from "./card-text.js";
import { type AdaptiveCard, type CardElement, clip, textBlock } from "./elements.js";
import { fitCard } from "./fit.js";
import { pickSection, type RenderAt } from "./pick-section.js";
import { reportTable } from "./table-card.js";

const MAX_PROMISES = 20;

export interface HomeCardOptions {
  /** A title of our rich text instead of "Hello <name>" (the welcome). */
  title?: string;
  /** Lines of our rich text under the title (the welcome's). */
  greeting?: string[];
}

export function homeCard(home: Home, at: RenderAt, options: HomeCardOptions = {}): AdaptiveCard {
  const head: CardElement[] = [
    textBlock(options.title ? teamsText(options.title) : `Hello ${esc(home.name)}`, {
      weight: "Bolder",
      size: "Medium",
    }),
    ...(options.greeting ?? []).map((line) => textBlock(teamsText(line), { spacing: "Small" })),
    textBlock("Today's customers", { weight: "Bolder", separator: true }),
    ...(home.picks.length === 0 ? [textBlock("Nothing due today. ☀️", { isSubtle: true })] : []),
  ];
  const promises = home.promises.slice(0, MAX_PROMISES);
  const tail: CardElement[] = [
    textBlock("Open promises", { weight: "Bolder", separator: true }),
    ...(promises.length === 0 ? [textBlock("No open promises.", { isSubtle: true })] : []),
    ...promises.map((p) =>
      textBlock(
        `**${esc(clip(p.accountName, 80))}**: ${esc(clip(p.what, 200))} · due ${formatMoment(p.dueAt, at.zone)}${p.overdue ? " · **overdue**" : ""}`,
        { size: "Small", spacing: "Small" },
      ),
    ),
    textBlock("Your coverage (contacted within cadence)", { weight: "Bolder", separator: true }),
    textBlock(esc(coverageLine(home)), { size: "Small" }),
    ...(home.team
      ? [
          textBlock(teamsText(home.team.title), { weight: "Bolder", separator: true }),
          reportTable(home.team, 15),
          ...(home.team.rows.length > 15
            ? [textBlock(`${home.team.rows.length - 15} more reps: type **report**.`, { isSubtle: true })]
            : []),
        ]
      : []),
  ];
  return fitCard({
    head,
    sections: home.picks.map((p) => pickSection(p, at)),
    tail,
    leftOut: (n) => `${n} more not shown here: type **today** to see them.`,
    fallbackText: `Hello ${home.name}: ${home.picks.length} picks today, ${home.promises.length} open promises.`,
  });
}
