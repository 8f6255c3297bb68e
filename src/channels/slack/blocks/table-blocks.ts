/**
 * A `table` reply as Slack's table block (one per message, at most 100 rows of 20 cells, each a
 * `raw_text` cell shown exactly as given): the column names as the first row, figures aligned
 * right, names wrapped at word boundaries by Slack rather than cut. The report's title, intro and
 * footer stay in the blocks around it. Workspaces whose clients cannot show table blocks turn
 * them off with the `slack_table_blocks` setting and get the aligned monospace text instead.
 */
import type { types } from "@slack/bolt";
import type { Reply } from "../../../app/replies.js";
import {
  type Block,
  context,
  header,
  longTextSections,
  section,
  slackPlain,
  slackText,
} from "./block-builders.js";
import { LIMITS, truncate } from "./limits.js";
import type { SlackMessage } from "./nudge-blocks.js";

type TableReply = Extract<Reply, { kind: "table" }>;

/** A figure: a count, a share, money or days ("12", "87%", "$1.2M", "30d", "4 of 7"). */
const FIGURE = /^[~$€£]?[-+]?\d[\d,.]*\s?(%|k|K|M|d|€|£)?( of \d[\d,.]*)?$/;

/** Right-aligned when every cell of the column that has text is a figure. */
export function isFigureColumn(cells: readonly string[]): boolean {
  const filled = cells.map((c) => c.trim()).filter((c) => c !== "" && c !== "–" && c !== "-");
  return filled.length > 0 && filled.every((c) => FIGURE.test(c));
}

const rawText = (text: string): types.RawTextElement => ({
  type: "raw_text",
  // Slack refuses an empty cell; a cell is at most a section's length.
  text: truncate(text.trim() === "" ? " " : text, LIMITS.sectionText),
});

export function tableBlockMessage(reply: TableReply): SlackMessage {
  const width = Math.min(LIMITS.tableCells, reply.columns.length);
  const columns = reply.columns.slice(0, width).map(slackPlain);
  const cells = reply.rows.map((r) => r.slice(0, width).map(slackPlain));
  const shown = cells.slice(0, LIMITS.tableRows - 1);
  const top: Block[] = [header(slackPlain(reply.title))];
  if (reply.intro?.length) top.push(...longTextSections(reply.intro.map(slackText).join("\n")));
  const bottom: Block[] = [];
  if (cells.length > shown.length)
    bottom.push(
      context([
        `…and ${cells.length - shown.length} more rows, cut to fit Slack: export the full table with \`retention report\``,
      ]),
    );
  if (reply.footer) bottom.push(context([slackText(reply.footer)]));
  const table: types.TableBlock = {
    type: "table",
    column_settings: columns.map((_, i) =>
      isFigureColumn(shown.map((r) => r[i] ?? "")) ? { align: "right" } : { is_wrapped: true },
    ),
    rows: [columns, ...shown].map((row) => columns.map((_, i) => rawText(row[i] ?? ""))),
  };
  const body: Block[] = reply.rows.length === 0 ? [section("No rows.")] : [table as Block];
  // Room is never short: a header, the intro's few sections, one table and two contexts.
  const room = LIMITS.messageBlocks - body.length - bottom.length;
  return {
    text: truncate(slackPlain(reply.title), LIMITS.fallbackText),
    blocks: [...top.slice(0, room), ...body, ...bottom],
  };
}
