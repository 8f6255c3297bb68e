/**
 * A report (`report`, `neglected`, `departed`) as an Adaptive Card `Table` (1.5): a header row,
 * one row per line of the report, columns weighted so that numbers and short headers ("30d")
 * never wrap and names wrap only at word boundaries, also at Teams' narrow width (about 320 px).
 * Rows are cut to the card budget with a line saying how many were left out.
 */
import type { Reply } from "../../../app/replies.js";
import { escapeCardMarkdown, teamsPlain, teamsText } from "./card-text.js";
import { type AdaptiveCard, adaptiveCard, type CardElement, clip, textBlock } from "./elements.js";
import { MAX_CARD_BYTES } from "./fit.js";

type TableReply = Extract<Reply, { kind: "table" }>;

/** No cell is longer than this; the rest is in the CLI export. */
const MAX_CELL = 80;
/** A long text column (names, reasons) gets at most this weight, so numbers keep their room. */
const MAX_TEXT_WEIGHT = 18;

/** Teams' narrow card (a phone, a squeezed pane) is about 320 px; this much is left for a table. */
const NARROW_TABLE_PX = 288;
/** What one character of a Small TextBlock takes, at most, and a cell's padding, in px. */
const CHAR_PX = 7.5;
const CELL_PADDING_PX = 16;

/**
 * The report's columns and rows (the first `kept` of them) as a Table element: a grid when every
 * column's longest word fits side by side at the narrow width, else (six columns of words do
 * not fit in 320 px: "Millb / rook") two columns, the name and its figures one per line, each
 * labelled with its column's title, so that nothing ever breaks inside a word.
 */
export function reportTable(
  reply: Pick<TableReply, "columns" | "rows">,
  kept = reply.rows.length,
): CardElement {
  const rows = reply.rows.slice(0, kept);
  if (!fitsNarrow(reply.columns, rows)) return stackedTable(reply.columns, rows);
  const columns = columnWidths(reply.columns, reply.rows).map((width) => ({
    type: "TableColumnDefinition",
    width,
  }));
  return {
    type: "Table",
    columns,
    firstRowAsHeader: true,
    showGridLines: true,
    gridStyle: "default",
    rows: [tableRow(reply.columns, true), ...rows.map((cells) => tableRow(cells, false))],
  };
}

/** True when the columns' longest words, side by side, fit the narrow width. */
export function fitsNarrow(columns: string[], rows: string[][]): boolean {
  const needed = columns.reduce((sum, title, i) => {
    const words = [title, ...rows.map((r) => teamsPlain(r[i] ?? ""))].flatMap((t) => t.split(/\s+/));
    const longest = Math.max(0, ...words.map((w) => Math.min(w.length, MAX_CELL)));
    return sum + longest * CHAR_PX + CELL_PADDING_PX;
  }, 0);
  return needed <= NARROW_TABLE_PX;
}

/** Two columns: the first cell in bold, then "Column: value" lines for the others. */
function stackedTable(columns: string[], rows: string[][]): CardElement {
  const cell = (items: CardElement[]) => ({ type: "TableCell", items });
  const label = (i: number) => escapeCardMarkdown(clip(teamsPlain(columns[i] ?? ""), MAX_CELL));
  return {
    type: "Table",
    columns: [
      { type: "TableColumnDefinition", width: 2 },
      { type: "TableColumnDefinition", width: 3 },
    ],
    // A header row in both layouts: the 1.5 schema names the flag `firstRowAsHeader`, but the
    // renderers (Microsoft's JavaScript one, Teams') read `firstRowAsHeaders`, true by default.
    firstRowAsHeader: true,
    showGridLines: true,
    gridStyle: "default",
    rows: [
      tableRow([columns[0] ?? "", "Details"], true),
      ...rows.map((cells) => ({
        type: "TableRow",
        cells: [
          cell([
            textBlock(escapeCardMarkdown(clip(teamsPlain(cells[0] ?? ""), MAX_CELL)), {
              size: "Small",
              weight: "Bolder",
            }),
          ]),
          cell(
            cells.slice(1).map((value, i) =>
              textBlock(`${label(i + 1)}: ${escapeCardMarkdown(clip(teamsPlain(value), MAX_CELL))}`, {
                size: "Small",
                spacing: "None",
              }),
            ),
          ),
        ],
      })),
    ],
  };
}

export function tableCard(reply: TableReply, maxBytes = MAX_CARD_BYTES): AdaptiveCard {
  const head = [
    textBlock(teamsText(reply.title), { weight: "Bolder", size: "Medium" }),
    ...(reply.intro ?? []).map((line) => textBlock(teamsText(line), { spacing: "Small" })),
  ];
  // One text block per footer line: a newline inside a TextBlock does not break in every client.
  const tail = (reply.footer ?? "")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, i) =>
      textBlock(teamsText(line), { isSubtle: true, ...(i === 0 ? { separator: true } : {}) }),
    );
  for (let kept = reply.rows.length; ; kept -= 1) {
    const omitted = reply.rows.length - kept;
    const body: CardElement[] = [
      ...head,
      ...(reply.rows.length === 0
        ? reply.intro?.length
          ? []
          : [textBlock("No rows.")]
        : [reportTable(reply, kept)]),
      ...(omitted > 0
        ? [
            textBlock(
              teamsText(
                `${omitted} more rows not shown here; \`retention report\` on the command line lists them all.`,
              ),
              {
                isSubtle: true,
                separator: true,
              },
            ),
          ]
        : []),
      ...tail,
    ];
    const card = adaptiveCard(body, { fallbackText: teamsPlain(reply.title) });
    if (kept === 0 || Buffer.byteLength(JSON.stringify(card)) <= maxBytes) return card;
  }
}

function tableRow(cells: string[], header: boolean): CardElement {
  return {
    type: "TableRow",
    cells: cells.map((cell) => ({
      type: "TableCell",
      items: [
        textBlock(escapeCardMarkdown(clip(teamsPlain(cell), MAX_CELL)), {
          size: "Small",
          ...(header ? { weight: "Bolder" as const } : {}),
        }),
      ],
    })),
  };
}

/**
 * Relative column widths: each column is at least as wide as its longest word (header or cell),
 * so nothing breaks inside a word or a number; long text columns grow up to MAX_TEXT_WEIGHT.
 */
export function columnWidths(columns: string[], rows: string[][]): number[] {
  return columns.map((title, i) => {
    const cells = rows.map((r) => teamsPlain(r[i] ?? ""));
    const words = [title, ...cells].flatMap((t) => t.split(/\s+/));
    const longestWord = Math.max(3, ...words.map((w) => Math.min(w.length, MAX_TEXT_WEIGHT)));
    const longestCell = Math.max(0, ...cells.map((c) => Math.min(c.length, MAX_CELL)));
    return Math.max(longestWord, Math.min(longestCell, MAX_TEXT_WEIGHT));
  });
}
