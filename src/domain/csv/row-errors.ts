import type { z } from "zod";

/** One problem in a CSV file, reported as `line N: column: problem`. */
export interface RowError {
  /** The file's line number (the header is line 1). */
  line: number;
  column: string;
  problem: string;
}

export function formatRowError(e: RowError): string {
  return `line ${e.line}: ${e.column}: ${e.problem}`;
}

/** Turns a zod failure on one row into row errors, one per column. */
export function rowErrorsFromZod(line: number, error: z.ZodError): RowError[] {
  return error.issues.map((issue) => ({
    line,
    column: issue.path.length > 0 ? String(issue.path[0]) : "row",
    problem: issue.message,
  }));
}
