import { type CsvKind, IMPORT_COLUMNS, REQUIRED_COLUMNS } from "./columns.js";
import type { RowError } from "./row-errors.js";

/** Checks a file's header row: every column known, none twice, every required one present. */
export function checkHeader(kind: CsvKind, header: readonly string[]): RowError[] {
  const allowed = IMPORT_COLUMNS[kind];
  const errors: RowError[] = [];
  const seen = new Set<string>();
  header.forEach((raw, i) => {
    const column = raw.trim();
    if (column === "") {
      errors.push({ line: 1, column: `column ${i + 1}`, problem: "empty column name; name it or remove it" });
    } else if (!allowed.includes(column) && /[;\t]/.test(column)) {
      errors.push({
        line: 1,
        column,
        problem: "the columns seem separated by semicolons or tabs; save the file as comma-separated CSV",
      });
    } else if (!allowed.includes(column)) {
      errors.push({
        line: 1,
        column,
        problem: `unknown column; the columns of ${kind === "accounts" ? "an" : "a"} ${kind} file are: ${allowed.join(", ")}`,
      });
    } else if (seen.has(column)) {
      errors.push({ line: 1, column, problem: "column appears twice; keep one" });
    }
    seen.add(column);
  });
  for (const column of REQUIRED_COLUMNS[kind]) {
    if (!seen.has(column)) {
      errors.push({ line: 1, column, problem: "required column is missing from the header row" });
    }
  }
  return errors;
}
