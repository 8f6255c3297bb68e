/**
 * Channel-agnostic answers of the use cases. Slack renders them as Block Kit, Teams as Adaptive
 * Cards, the CLI and the logging channel as text. The domain never formats for a platform.
 */
import type { ErrorCode } from "../domain/errors.js";
import type { PickView } from "./ports.js";

export type Reply =
  /** Plain information: a title and lines of text (markdown-light: *bold*, `code`). */
  | { kind: "info"; title?: string; lines: string[] }
  /** A problem the user can fix; `code` is from the catalogue (domain/errors.ts), `message` says what to do. */
  | { kind: "error"; code: ErrorCode; message: string }
  /** Picks with the same buttons as the nudge (today, account lookups). */
  | { kind: "picks"; title: string; picks: PickView[]; footer?: string; nudgeId?: number }
  /** More than one account matched: ask which. Each option's `commandText` re-runs the command
   *  with the account named exactly (as `#<account id>`), so a button only has to send it back. */
  | { kind: "choose"; prompt: string; options: { label: string; commandText: string }[] }
  /** A table (reports): column headers and rows of cells; `intro` lines come before the table. */
  | { kind: "table"; title: string; intro?: string[]; columns: string[]; rows: string[][]; footer?: string };
