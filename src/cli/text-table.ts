/** Plain-text tables for the CLI: columns padded to their longest cell. */

/** The width of each column: its longest cell (a short row counts as empty cells). */
export function columnWidths(rows: readonly (readonly string[])[]): number[] {
  const widths: number[] = [];
  for (const row of rows) {
    for (const [i, cell] of row.entries()) widths[i] = Math.max(widths[i] ?? 0, cell.length);
  }
  return widths;
}

/** Each cell padded to its column's width (cells beyond `widths` stay as they are). */
export function padCells(cells: readonly string[], widths: readonly number[]): string[] {
  return cells.map((cell, i) => cell.padEnd(widths[i] ?? 0));
}
