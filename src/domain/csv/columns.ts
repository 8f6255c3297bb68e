/** The CSV columns of each file kind: what an import accepts and an export writes. */

export const CSV_KINDS = ["reps", "accounts", "checkins"] as const;
export type CsvKind = (typeof CSV_KINDS)[number];

export const EXPORT_KINDS = ["accounts", "checkins", "departed"] as const;
export type ExportKind = (typeof EXPORT_KINDS)[number];

export const REP_COLUMNS = [
  "email",
  "name",
  "timezone",
  "role",
  "manager_email",
  "slack_user_id",
  "teams_user_id",
  "handful",
  "nudge_hour",
  "working_days",
] as const;

export const ACCOUNT_COLUMNS = [
  "external_id",
  "name",
  "owner_email",
  "annual_revenue",
  "gross_profit",
  "tier",
  "status",
  "cadence_days",
  "customer_since",
  "last_contact_at",
  "last_order_at",
  "avg_order_interval_days",
  "contact_name",
  "contact_email",
  "contact_phone",
  "lost_on",
  "lost_reason",
] as const;

/**
 * `source` (and `origin`, the CRM an `api` or `crm` check-in came from) are written by exports and
 * accepted back, so that an export imports as is.
 */
export const CHECKIN_COLUMNS = [
  "external_id",
  "account_external_id",
  "rep_email",
  "at",
  "channel",
  "outcome",
  "note",
  "source",
  "origin",
] as const;

export const DEPARTED_COLUMNS = [
  "external_id",
  "name",
  "owner_email",
  "reason",
  "lost_on",
  "tenure_days",
  "exit_interview_at",
  "last_win_back_at",
  "won_back_at",
] as const;

export const REQUIRED_COLUMNS: Record<CsvKind, readonly string[]> = {
  reps: ["email", "name"],
  accounts: ["external_id", "name", "owner_email", "annual_revenue"],
  checkins: ["account_external_id", "rep_email", "at", "channel"],
};

export const IMPORT_COLUMNS: Record<CsvKind, readonly string[]> = {
  reps: REP_COLUMNS,
  accounts: ACCOUNT_COLUMNS,
  checkins: CHECKIN_COLUMNS,
};

export const EXPORT_COLUMNS: Record<ExportKind, readonly string[]> = {
  accounts: ACCOUNT_COLUMNS,
  checkins: CHECKIN_COLUMNS,
  departed: DEPARTED_COLUMNS,
};

/** Columns whose values are numbers: an export leaves a negative number in them as it is. */
export const NUMERIC_COLUMNS: ReadonlySet<string> = new Set([
  "annual_revenue",
  "gross_profit",
  "cadence_days",
  "avg_order_interval_days",
  "handful",
  "nudge_hour",
  "tenure_days",
]);
