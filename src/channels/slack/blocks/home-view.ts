/**
 * The App Home tab: today's picks with their buttons, open promises with due dates, and the rep's
 * own coverage (share of A/B/C accounts contacted within cadence). Within the 100-block view limit.
 */
import type { types } from "@slack/bolt";
import type { PickView } from "../../../app/ports.js";
import { ERROR_CATALOGUE } from "../../../domain/errors.js";
import { formatMoment } from "../../format.js";
import {
  type Block,
  context,
  divider,
  escapeMrkdwn,
  fieldsSection,
  fitList,
  header,
  section,
} from "./block-builders.js";
import { errorCodeLine } from "./error-blocks.js";
import { LIMITS } from "./limits.js";
import { pickBlocks, type RenderAt } from "./pick-blocks.js";

export interface HomePromise {
  accountName: string;
  what: string;
  dueAt: Date;
}

export interface HomeCoverage {
  tier: string;
  withinCadence: number;
  total: number;
}

export interface HomeData {
  name: string;
  picks: PickView[];
  promises: HomePromise[];
  coverage: HomeCoverage[];
  /** Why today's handful is smaller than the set one (adaptive handful). */
  handfulNote?: string | null;
}

/** Blocks kept for the promises and coverage sections, whatever the number of picks. */
const TAIL_BUDGET = 30;

export function buildHomeView(home: HomeData, at: RenderAt): types.HomeView {
  const top: Block[] = [header(`Hello ${home.name}`), section("*Today's customers*")];
  if (home.handfulNote) top.push(context([escapeMrkdwn(home.handfulNote)]));
  const picks: Block[] =
    home.picks.length === 0
      ? [section("Nothing due today. :sunny:")]
      : fitList(
          home.picks,
          (p) => pickBlocks(p, at),
          LIMITS.viewBlocks - TAIL_BUDGET - top.length,
          (rest) => context([`…and ${rest} more: \`/retention today\``]),
        );
  const tail: Block[] = [divider(), section("*Open promises*")];
  if (home.promises.length === 0) tail.push(context(["No open promises."]));
  const shown = home.promises.slice(0, 20);
  for (const p of shown) {
    const overdue = p.dueAt < at.now ? " :red_circle: overdue" : "";
    tail.push(
      section(
        `*${escapeMrkdwn(p.accountName)}*: ${escapeMrkdwn(p.what)}\nDue ${formatMoment(p.dueAt, at.zone)}${overdue}`,
      ),
    );
  }
  if (home.promises.length > shown.length) {
    tail.push(context([`…and ${home.promises.length - shown.length} more open promises`]));
  }
  tail.push(divider(), section("*Your coverage* (accounts contacted within their cadence)"));
  tail.push(
    home.coverage.length === 0
      ? context(["No accounts yet."])
      : fieldsSection(home.coverage.map((c) => `*Tier ${c.tier}*\n${coverageText(c)}`)),
  );
  const blocks = [...top, ...picks, ...tail].slice(0, LIMITS.viewBlocks);
  return { type: "home", blocks };
}

function coverageText(c: HomeCoverage): string {
  if (c.total === 0) return "no accounts";
  const share = Math.round((100 * c.withinCadence) / c.total);
  return `${share}% (${c.withinCadence} of ${c.total})`;
}

/** The Home tab of a Slack user who is not a rep yet. */
export function unknownUserHome(): types.HomeView {
  return {
    type: "home",
    blocks: [
      header("Retention bot"),
      section(ERROR_CATALOGUE.UNKNOWN_USER),
      context([errorCodeLine("UNKNOWN_USER")]),
    ],
  };
}
