import { describe, expect, it } from "vitest";
import type { Reply } from "../../../src/app/replies.js";
import { buildReplyMessage } from "../../../src/channels/slack/blocks/reply-blocks.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { replyCard } from "../../../src/channels/teams/cards/reply-card.js";
import { columnWidths, fitsNarrow } from "../../../src/channels/teams/cards/table-card.js";
import { cardSchemaAvailable, cardSchemaErrors, cardSchemaMissingMessage } from "./card-schema.js";

const at = { now: new Date("2026-03-03T09:00:00Z"), zone: "Europe/Berlin" };

const report: Extract<Reply, { kind: "table" }> = {
  kind: "table",
  title: "Coverage: your team",
  columns: ["Rep", "A within cadence", "B", "C", "Check-ins 7d", "30d", "Overdue promises"],
  rows: [
    ["Jane Doe", "100%", "80%", "75%", "12", "48", "0"],
    ["Millbrook Medical Supplies Co. & <Sons>", "50%", "—", "33%", "3", "110", "2"],
  ],
  footer: "Within cadence: contacted within the tier's cadence.",
};

function tableOf(card: {
  body: CardElement[];
}): CardElement & { rows: CardElement[]; columns: { width: number }[] } {
  const table = card.body.find((e) => e.type === "Table");
  if (!table) throw new Error("no Table in the card");
  return table as CardElement & { rows: CardElement[]; columns: { width: number }[] };
}

function cellTexts(row: CardElement): string[] {
  // As Teams shows them: CommonMark's backslash escapes read.
  return (row.cells as { items: { text: string }[] }[]).map((c) =>
    c.items.map((i) => i.text.replace(/\\(.)/g, "$1")).join(""),
  );
}

describe("a report in Teams", () => {
  const card = replyCard(report, at);
  const table = tableOf(card);

  it("too wide for 320 px side by side: two columns, the name and each figure on its own labelled line", () => {
    expect(fitsNarrow(report.columns, report.rows)).toBe(false);
    expect(table.firstRowAsHeader).toBe(true);
    expect(table.columns).toEqual([
      { type: "TableColumnDefinition", width: 2 },
      { type: "TableColumnDefinition", width: 3 },
    ]);
    expect(table.rows).toHaveLength(3);
    expect(cellTexts(table.rows[0] as CardElement)).toEqual(["Rep", "Details"]);
    const [name, details] = (table.rows[1] as unknown as { cells: { items: { text: string }[] }[] }).cells;
    expect(name?.items.map((i) => i.text)).toEqual(["Jane Doe"]);
    expect(details?.items.map((i) => i.text.replace(/\\(.)/g, "$1"))).toEqual([
      "A within cadence: 100%",
      "B: 80%",
      "C: 75%",
      "Check-ins 7d: 12",
      "30d: 48",
      "Overdue promises: 0",
    ]);
  });

  it("a narrow report stays a grid, every column as wide as its longest word so '30d' never breaks", () => {
    const narrow = { columns: ["Rep", "7d", "30d"], rows: [["Jane Doe", "12", "48"]] };
    expect(fitsNarrow(narrow.columns, narrow.rows)).toBe(true);
    const grid = tableOf(replyCard({ kind: "table", title: "T", ...narrow }, at));
    expect(cellTexts(grid.rows[0] as CardElement)).toEqual(narrow.columns);
    expect(cellTexts(grid.rows[1] as CardElement)).toEqual(narrow.rows[0]);
    const widths = columnWidths(narrow.columns, narrow.rows);
    expect(widths).toEqual([8, 3, 3]);
    expect(grid.columns.map((c) => c.width)).toEqual(widths);
  });

  it("shows names as typed: wrapping at spaces, with & and <...> kept", () => {
    const name = cellTexts(table.rows[2] as CardElement)[0] ?? "";
    // (stacked: the name is the row's first cell, the figures its second)
    expect(name).toBe("Millbrook Medical Supplies Co. & <Sons>");
    const block = (table.rows[2] as unknown as { cells: { items: { wrap: boolean }[] }[] }).cells[0]
      ?.items[0] ?? {
      wrap: false,
    };
    expect(block.wrap).toBe(true);
  });

  it.skipIf(!cardSchemaAvailable)("is valid against the Adaptive Card 1.5 schema", () => {
    expect(cardSchemaErrors(card)).toBe("");
  });
  if (!cardSchemaAvailable)
    it(`(${cardSchemaMissingMessage})`, () => expect(cardSchemaAvailable).toBe(false));
});

describe("a report in Slack", () => {
  it("lines its columns up in a monospace block with & and < escaped", () => {
    const message = buildReplyMessage(report, at);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain("Millbrook Medical Supplies Co. &amp; &lt;Sons&gt;");
    expect(text).not.toMatch(/<Sons>/);
    const block = message.blocks.find(
      (b) => b.type === "section" && "text" in b && b.text?.text.startsWith("```"),
    );
    const lines = (block as { text: { text: string } }).text.text.replace(/```/g, "").split("\n");
    const at30 = lines[0]?.indexOf("30d") ?? -1;
    expect(at30).toBeGreaterThan(0);
    // "48" sits under "30d" (right after the Check-ins column), whatever the name's length.
    expect(lines[2]?.slice(at30, at30 + 3).trim()).toBe("48");
  });
});
