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
  const top: Block[] = title ? [header(title)] : [];
  const text = lines.join("\n") || " ";
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
    text: truncate(title ? `${title}: ${text}` : text, LIMITS.fallbackText),
    blocks: [...top, ...body],
  };
}

function picks(reply: Extract<Reply, { kind: "picks" }>, at: RenderAt): SlackMessage {
  const top: Block[] = [header(reply.title)];
  if (reply.picks.length === 0) top.push(section("Nothing due. Enjoy the quiet day."));
  const bottom: Block[] = reply.footer ? [context([reply.footer])] : [];
  const body = fitList(
    reply.picks,
    (p) => pickBlocks(p, at),
    BUDGET - top.length - bottom.length,
    (rest) => context([`…and ${rest} more: \`/retention today\``]),
  );
  return { text: truncate(reply.title, LIMITS.fallbackText), blocks: [...top, ...body, ...bottom] };
}

function choose(reply: Extract<Reply, { kind: "choose" }>): SlackMessage {
  const usable = reply.options.filter((o) => fitsButtonValue(o.commandText));
  const perBlock = LIMITS.actionsElements;
  const rows: Block[] = [];
  for (let i = 0; i < usable.length; i += perBlock) {
    rows.push(
      actions(
        usable
          .slice(i, i + perBlock)
          .map((o, j) =>
            button({ text: o.label, actionId: `${ACTIONS.runCommand}:${i + j}`, value: o.commandText }),
          ),
      ),
    );
  }
  const top: Block[] = [section(`:mag: ${escapeMrkdwn(reply.prompt)}`)];
  const shown = rows.slice(0, BUDGET - top.length - 1);
  const blocks = [...top, ...shown];
  const hidden = reply.options.length - Math.min(usable.length, shown.length * perBlock);
  if (hidden > 0) blocks.push(context([`${hidden} more matches: type more of the name to narrow it down`]));
  return { text: truncate(reply.prompt, LIMITS.fallbackText), blocks };
}

function table(reply: Extract<Reply, { kind: "table" }>): SlackMessage {
  const widths = reply.columns.map((c, i) =>
    Math.min(40, Math.max(c.length, ...reply.rows.map((r) => (r[i] ?? "").length))),
  );
  const line = (cells: string[]) =>
    widths
      .map((w, i) => truncate(cells[i] ?? "", w).padEnd(w))
      .join("  ")
      .trimEnd();
  const rows = [line(reply.columns), line(widths.map((w) => "-".repeat(w))), ...reply.rows.map(line)];
  const fence = (chunk: string) => `\`\`\`${chunk}\`\`\``;
  const top: Block[] = [header(reply.title)];
  if (reply.rows.length === 0) top.push(section("No rows."));
  const bottom: Block[] = reply.footer ? [context([reply.footer])] : [];
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
  return { text: truncate(reply.title, LIMITS.fallbackText), blocks: [...top, ...body, ...bottom] };
}
