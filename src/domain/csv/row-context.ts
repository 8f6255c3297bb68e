/** What reading a row depends on besides the row: the workspace's zone and the current time. */
export interface RowContext {
  /** Instants written without an offset are read in this IANA zone. */
  zone: string;
  now: Date;
}

/** A little slack for clocks that disagree, before an instant counts as "in the future". */
export const FUTURE_TOLERANCE_MS = 5 * 60_000;
