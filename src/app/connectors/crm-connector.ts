/**
 * The port a CRM connector implements (docs/activities.md, "Connectors"). A connector reads its
 * CRM and hands over plain data page by page; the use case (`runCrmSync`) writes each page and
 * only then stores the page's cursor, so a pass that dies resumes after the last page written.
 * HubSpot is the first (`src/connectors/hubspot/`); Salesforce (jsforce) and Pipedrive follow
 * the same way. No CRM SDK is imported under `src/app`.
 */

/** A CRM user who owns records: becomes a rep by email (never created). */
export interface CrmOwner {
  id: string;
  email: string;
  name: string;
}

/** A CRM company: becomes the account with `externalId`. */
export interface CrmAccount {
  externalId: string;
  name: string;
  /** The owner's CRM id; null when the record has none. */
  ownerId: string | null;
  /** Yearly revenue; null when the CRM has none. */
  annualRevenue: number | null;
}

/** A call, email or meeting with a company: a contact with the account by its owner. */
export interface CrmActivity {
  /** Unique within the source (one per engagement and company it is associated with). */
  externalId: string;
  accountExternalId: string;
  /** The owner's CRM id; null: the account's owner. */
  ownerId: string | null;
  kind: "call" | "email" | "meeting";
  /** ISO 8601 instant. */
  at: string;
  summary: string | null;
}

/** Where a connector hands its pages. Each call resolves once the page (and its cursor) is stored. */
export interface CrmSink {
  /** Every owner, before any account or activity. */
  owners(owners: CrmOwner[]): Promise<void>;
  /** A page of a stream of companies and the cursor the stream reached with it. */
  accounts(stream: string, rows: CrmAccount[], cursor: string): Promise<void>;
  /** A page of a stream of activities and the cursor the stream reached with it. */
  activities(stream: string, rows: CrmActivity[], cursor: string): Promise<void>;
  /** A record left out by the connector itself, with the reason (reported to whoever runs the pass). */
  skipped(stream: string, id: string, reason: string): void;
}

export interface CrmConnector {
  /** The activities' source (`hubspot`). */
  readonly source: string;
  /** How people call it (`HubSpot`). */
  readonly label: string;
  /**
   * One pass: each stream from its stored cursor (absent: from the beginning; `full` ignores them
   * all). Cursors are strings that sort as text in stream order (ISO 8601 instants); a stored
   * cursor never moves back.
   */
  sync(
    cursors: ReadonlyMap<string, string>,
    sink: CrmSink,
    options: { full: boolean },
  ): Promise<CrmPassStats>;
}

/** What the connector itself counted: requests, pages, and retries after a 429 or a 5xx. */
export interface CrmPassStats {
  requests: number;
  pages: number;
  retries: number;
  /** Total milliseconds waited on the CRM's rate limit. */
  waitedMs: number;
}
