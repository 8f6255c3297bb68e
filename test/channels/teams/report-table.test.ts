import { describe, expect, it } from "vitest";
import type { Reply } from "../../../src/app/replies.js";
import { buildReplyMessage } from "../../../src/channels/slack/blocks/reply-blocks.js";
import type { CardElement } from "../../../src/channels/teams/cards/elements.js";
import { replyCard } from "../../../src/channels/teams/cards/reply-card.js";
import { columnWidths } from "../../../src/channels/teams/cards/table-card.js";
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

  it("is an Adaptive Card Table with a header row and one row per line", () => {
    expect(table.firstRowAsHeader).toBe(true);
    expect(table.rows).toHaveLength(3);
    expect(cellTexts(table.rows[0] as CardElement)).toEqual(report.columns);
    expect(cellTexts(table.rows[1] as CardElement)).toEqual(report.rows[0]);
  });

  it("gives every column room for its longest word, so '30d' and numbers never break", () => {
    const widths = columnWidths(report.columns, report.rows);
    report.columns.forEach((title, i) => {
      const words = [title, ...report.rows.map((r) => r[i] ?? "")].flatMap((t) => t.split(/\s+/));
      const longest = Math.max(...words.map((w) => w.length));
      expect(widths[i], title).toBeGreaterThanOrEqual(Math.min(longest, 18));
    });
    expect(table.columns.map((c) => c.width)).toEqual(widths);
    // A long name takes at most 18 of the shares, so the number columns keep theirs.
    expect(widths[0]).toBe(18);
  });

  it("shows names as typed: wrapping at spaces, with & and <...> kept", () => {
    const name = cellTexts(table.rows[2] as CardElement)[0] ?? "";
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
