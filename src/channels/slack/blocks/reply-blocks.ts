/**
 * A use case's `Reply` as a Block Kit message: `/retention` answers, notifications to managers,
 * errors shown to whoever clicked. Every kind is cut to the message limits with a pointer.
 */
import type { Reply } from "../../../app/replies.js";
import { ACTIONS } from "../action-ids.js";
import {
  actions,
  type Block,
  button,
  context,
  escapeMrkdwn,
  fitList,
  header,
  longTextSections,
  section,
  slackPlain,
  slackText,
} from "./block-builders.js";
import { buildErrorMessage } from "./error-blocks.js";
import { fitsButtonValue, LIMITS, truncate } from "./limits.js";
import type { SlackMessage } from "./nudge-blocks.js";
import { pickBlocks, type RenderAt } from "./pick-blocks.js";

const BUDGET = LIMITS.messageBlocks;

export function buildReplyMessage(reply: Reply, at: RenderAt): SlackMessage {
  switch (reply.kind) {
    case "info":
      return info(reply.title, reply.lines);
    case "error":
      return buildErrorMessage(reply);
    case "picks":
      return picks(reply, at);
    case "choose":
      return choose(reply);
    case "table":
      return table(reply);
  }
}

function info(title: string | undefined, lines: string[]): SlackMessage {
  const top: Block[] = title ? [header(slackPlain(title))] : [];
  const text = lines.map(slackText).join("\n") || " ";
  const sections = longTextSections(text);
  const room = BUDGET - top.length;
  const body =
    sections.length > room
      ? [
          ...sections.slice(0, room - 1),
          context([`…and ${sections.length - room + 1} more sections, cut to fit`]),
        ]
      : sections;
  return {
    text: truncate(
      slackPlain(title ? `${title}: ${lines.join("\n")}` : lines.join("\n")),
      LIMITS.fallbackText,
    ),
    blocks: [...top, ...body],
  };
}

function picks(reply: Extract<Reply, { kind: "picks" }>, at: RenderAt): SlackMessage {
  const top: Block[] = [header(slackPlain(reply.title))];
  if (reply.picks.length === 0) top.push(section("Nothing due. Enjoy the quiet day."));
  const bottom: Block[] = reply.footer ? [context([slackText(reply.footer)])] : [];
  const body = fitList(
    reply.picks,
    (p) => pickBlocks(p, at),
    BUDGET - top.length - bottom.length,
    (rest) => context([`…and ${rest} more: \`/retention today\``]),
  );
  return {
    text: truncate(slackPlain(reply.title), LIMITS.fallbackText),
    blocks: [...top, ...body, ...bottom],
  };
}

function choose(reply: Extract<Reply, { kind: "choose" }>): SlackMessage {
  const usable = reply.options.filter((o) => fitsButtonValue(o.commandText));
  const perBlock = LIMITS.actionsElements;
  const rows: Block[] = [];
  for (let i = 0; i < usable.length; i += perBlock) {
    rows.push(
      actions(
        usable.slice(i, i + perBlock).map((o, j) =>
          button({
            text: slackPlain(o.label),
            actionId: `${ACTIONS.runCommand}:${i + j}`,
            value: o.commandText,
          }),
        ),
      ),
    );
  }
  const top: Block[] = [section(`:mag: ${slackText(reply.prompt)}`)];
  const shown = rows.slice(0, BUDGET - top.length - 1);
  const blocks = [...top, ...shown];
  const hidden = reply.options.length - Math.min(usable.length, shown.length * perBlock);
  if (hidden > 0) blocks.push(context([`${hidden} more matches: type more of the name to narrow it down`]));
  return { text: truncate(slackPlain(reply.prompt), LIMITS.fallbackText), blocks };
}

function table(reply: Extract<Reply, { kind: "table" }>): SlackMessage {
  // Cells are literal text in a monospace block: marks removed, `&`, `<`, `>` escaped after padding.
  const columns = reply.columns.map(slackPlain);
  const cellRows = reply.rows.map((r) => r.map(slackPlain));
  const widths = columns.map((c, i) =>
    Math.min(40, Math.max(c.length, ...cellRows.map((r) => (r[i] ?? "").length))),
  );
  const line = (cells: string[]) =>
    widths
      .map((w, i) => escapeMrkdwn(truncate(cells[i] ?? "", w).padEnd(w)))
      .join("  ")
      .trimEnd();
  const rows = [line(columns), line(widths.map((w) => "-".repeat(w))), ...cellRows.map(line)];
  const fence = (chunk: string) => `\`\`\`${chunk}\`\`\``;
  const top: Block[] = [header(slackPlain(reply.title))];
  if (reply.intro?.length) top.push(...longTextSections(reply.intro.map(slackText).join("\n")));
  if (reply.rows.length === 0 && !reply.intro?.length) top.push(section("No rows."));
  const bottom: Block[] = reply.footer ? [context([slackText(reply.footer)])] : [];
  // Rows are packed into fenced sections; whole sections are dropped when the message is full.
  const sections = reply.rows.length === 0 ? [] : longTextSections(rows.join("\n"), fence);
  const room = BUDGET - top.length - bottom.length;
  const body =
    sections.length > room
      ? [
          ...sections.slice(0, room - 1),
          context(["…cut to fit Slack: export the full table with `retention report`"]),
        ]
      : sections;
  return {
    text: truncate(slackPlain(reply.title), LIMITS.fallbackText),
    blocks: [...top, ...body, ...bottom],
  };
}
