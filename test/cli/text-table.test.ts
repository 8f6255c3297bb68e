import { describe, expect, it } from "vitest";
import { columnWidths, padCells } from "../../src/cli/text-table.js";

describe("CLI text tables", () => {
  it("pads every column to its longest cell, short rows counting as empty cells", () => {
    const widths = columnWidths([["#", "account"], ["1", "Acme Labs", "extra"], ["22"]]);
    expect(widths).toEqual([2, 9, 5]);
    expect(padCells(["1", "Acme"], widths)).toEqual(["1 ", "Acme     "]);
  });

  it("leaves cells beyond the measured columns as they are, and an empty table has no widths", () => {
    expect(padCells(["a", "b", "a long reason"], [2, 2])).toEqual(["a ", "b ", "a long reason"]);
    expect(columnWidths([])).toEqual([]);
  });
});
