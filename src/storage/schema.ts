/**
 * The database schema. Every row belongs to a workspace; the planner's and the reports' queries
 * are served by the indexes declared beside each table.
 */
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  check,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import type { CheckInChannel, CheckInOutcome, CheckInSource, PickKind } from "../domain/planner/types.js";
import type { WorkspaceSettings } from "../domain/settings.js";

const id = () => integer().primaryKey().generatedAlwaysAsIdentity();
const createdAt = () => timestamp("created_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const updatedAt = () => timestamp("updated_at", { withTimezone: true, mode: "date" }).notNull().defaultNow();
const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });
const day = (name: string) => date(name, { mode: "string" });

export const workspaces = pgTable(
  "workspaces",
  {
    id: id(),
    /** `none` until the first Slack or Teams installation binds it. */
    platform: text().$type<"none" | "slack" | "teams">().notNull().default("none"),
    /** Slack team id or Microsoft tenant id. */
    externalId: text("external_id"),
    name: text().notNull().default("Default workspace"),
    settings: jsonb().$type<Partial<WorkspaceSettings>>().notNull().default({}),
    /** Set when the chat app was uninstalled or its tokens revoked: nothing is sent until it is installed again. */
    disconnectedAt: tstz("disconnected_at"),
    disconnectedReason: text("disconnected_reason"),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("workspaces_platform_external_uq").on(t.platform, t.externalId)],
);

export const reps = pgTable(
  "reps",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull(),
    role: text().$type<"rep" | "manager" | "admin">().notNull().default("rep"),
    managerId: integer("manager_id").references((): AnyPgColumn => reps.id, { onDelete: "set null" }),
    /** IANA zone; null means the workspace's. */
    timezone: text(),
    handful: smallint(),
    nudgeHour: smallint("nudge_hour"),
    /** ISO weekdays (1 = Monday … 7 = Sunday); null means the workspace's. */
    workingDays: smallint("working_days").array(),
    pausedUntil: day("paused_until"),
    backupRepId: integer("backup_rep_id").references((): AnyPgColumn => reps.id, { onDelete: "set null" }),
    /** The manager's weekly digest (issue 13); on unless the manager turned it off. */
    digest: boolean().notNull().default(true),
    slackUserId: text("slack_user_id"),
    teamsUserId: text("teams_user_id"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("reps_workspace_email_uq").on(t.workspaceId, t.email),
    uniqueIndex("reps_workspace_slack_uq").on(t.workspaceId, t.slackUserId),
    uniqueIndex("reps_workspace_teams_uq").on(t.workspaceId, t.teamsUserId),
    index("reps_manager_idx").on(t.managerId),
    check("reps_handful_ck", sql`${t.handful} is null or ${t.handful} between 1 and 20`),
    check("reps_nudge_hour_ck", sql`${t.nudgeHour} is null or ${t.nudgeHour} between 0 and 23`),
  ],
);

export const accounts = pgTable(
  "accounts",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    externalId: text("external_id").notNull(),
    name: text().notNull(),
    ownerRepId: integer("owner_rep_id")
      .notNull()
      .references(() => reps.id),
    annualRevenue: doublePrecision("annual_revenue").notNull(),
    grossProfit: doublePrecision("gross_profit"),
    /** A tier set by hand; null lets the Pareto ranking decide. */
    tierOverride: text("tier_override").$type<"A" | "B" | "C">(),
    /**
     * The account's tier (planner rule 1): its hand-set tier, else its Pareto tier among the
     * workspace's active accounts. Kept by `rerankTiers` (storage/tiers.ts) after every write that
     * moves a value, an override, a status or the tier shares.
     */
    tier: text().$type<"A" | "B" | "C">().notNull().default("C"),
    /**
     * The planner's dates (domain/planner/planner-dates.ts), kept by `refreshPlannerDates`
     * (storage/planner-dates.ts) after every write that moves a fact they derive from:
     * `-infinity` is always, `infinity` never. A new account is read every morning until derived.
     */
    atRiskFrom: day("at_risk_from").notNull().default(sql`'-infinity'`),
    dueOn: day("due_on").notNull().default(sql`'-infinity'`),
    reviewDueOn: day("review_due_on").notNull().default(sql`'-infinity'`),
    /** The earlier of due_on and review_due_on for an active account; never for a lost one. */
    nextPickOn: day("next_pick_on").notNull().default(sql`'-infinity'`),
    status: text().$type<"active" | "lost">().notNull().default("active"),
    cadenceDays: smallint("cadence_days"),
    customerSince: day("customer_since"),
    lastContactAt: tstz("last_contact_at"),
    lastOutcome: text("last_outcome"),
    lastChannel: text("last_channel"),
    lastNote: text("last_note"),
    lastOrderAt: day("last_order_at"),
    avgOrderIntervalDays: smallint("avg_order_interval_days"),
    lastReviewAt: tstz("last_review_at"),
    contactName: text("contact_name"),
    contactEmail: text("contact_email"),
    contactPhone: text("contact_phone"),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex("accounts_workspace_external_uq").on(t.workspaceId, t.externalId),
    index("accounts_owner_idx").on(t.ownerRepId, t.status),
    // The morning reads only what is due: its cost grows with the due accounts, not the book.
    index("accounts_owner_next_pick_idx").on(t.ownerRepId, t.nextPickOn),
    index("accounts_workspace_name_idx").on(t.workspaceId, sql`lower(${t.name}) text_pattern_ops`),
  ],
);

/** The account fields a check-in moved and the promises it kept, as they were before it. */
export interface CheckInPreviousState {
  lastContactAt: string | null;
  lastChannel: string | null;
  lastOutcome: string | null;
  lastNote: string | null;
  lastReviewAt: string | null;
  keptPromiseIds: number[];
  /** A lost account's departure as it was, when the check-in was its exit interview or a win-back. */
  departure?: {
    id: number;
    exitInterviewAt: string | null;
    exitInterviewNote: string | null;
    lastWinBackAt: string | null;
  };
}

export const checkins = pgTable(
  "checkins",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    repId: integer("rep_id")
      .notNull()
      .references(() => reps.id),
    at: tstz("at").notNull(),
    channel: text().$type<CheckInChannel>().notNull(),
    outcome: text().$type<CheckInOutcome>(),
    note: text(),
    source: text().$type<CheckInSource>().notNull(),
    /** For `api` and `crm` check-ins: the system the contact was logged in (`hubspot`, …). */
    origin: text(),
    /** Idempotency: the import's external id, or a click's dedupe key. */
    externalId: text("external_id"),
    pickId: integer("pick_id"),
    /** What logging it changed, so that an Undo can put it back (null for imports). */
    previousState: jsonb("previous_state").$type<CheckInPreviousState>(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex("checkins_workspace_external_uq").on(t.workspaceId, t.externalId),
    index("checkins_account_at_idx").on(t.accountId, t.at),
    index("checkins_rep_at_idx").on(t.repId, t.at),
  ],
);

/**
 * Every activity the activity API or a CRM connector delivered, once: the idempotency ledger on
 * (source, external id). Contacts among them are also check-ins (source `api` or `crm`, `origin`
 * the activity's source); orders move the account's last order.
 */
export const activities = pgTable(
  "activities",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text().notNull(),
    externalId: text("external_id").notNull(),
    // No foreign keys on the account and the rep: the ledger only remembers what was counted (the
    // check-in carries the checked references), and two foreign-key checks per activity were a
    // fifth of a batch's time (docs/decisions/0010-activities-ledger-speed.md).
    accountId: integer("account_id").notNull(),
    repId: integer("rep_id").notNull(),
    kind: text().$type<"call" | "email" | "meeting" | "note" | "order">().notNull(),
    at: tstz("at").notNull(),
    summary: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("activities_source_external_uq").on(t.workspaceId, t.source, t.externalId)],
);

/**
 * Where each CRM connector's incremental sync stands, per workspace, source (`hubspot`) and stream
 * (`companies`, `calls`, …): the opaque cursor of the last page written (for HubSpot, the
 * `hs_lastmodifieddate` it reached). Stored only after that page's rows are committed, so a crash
 * resumes at the page after the last one counted.
 */
export const crmSyncCursors = pgTable(
  "crm_sync_cursors",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    source: text().notNull(),
    stream: text().notNull(),
    cursor: text().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("crm_sync_cursors_stream_uq").on(t.workspaceId, t.source, t.stream)],
);

export const promises = pgTable(
  "promises",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    repId: integer("rep_id")
      .notNull()
      .references(() => reps.id),
    dueAt: tstz("due_at").notNull(),
    what: text().notNull(),
    status: text().$type<"open" | "kept" | "cancelled">().notNull().default("open"),
    keptAt: tstz("kept_at"),
    createdAt: createdAt(),
  },
  (t) => [index("promises_rep_open_idx").on(t.repId, t.dueAt).where(sql`${t.status} = 'open'`)],
);

export const nudges = pgTable(
  "nudges",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repId: integer("rep_id")
      .notNull()
      .references(() => reps.id, { onDelete: "cascade" }),
    /** The rep's local calendar date this nudge is for. */
    localDate: day("local_date").notNull(),
    status: text().$type<"claimed" | "sent" | "failed" | "missed" | "empty" | "paused">().notNull(),
    claimedAt: tstz("claimed_at").notNull().defaultNow(),
    claimedBy: text("claimed_by"),
    attempts: smallint().notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at"),
    sentAt: tstz("sent_at"),
    lastError: text("last_error"),
    /** Due picks that did not fit the handful and roll forward (shown as "and N more"). */
    moreDue: smallint("more_due").notNull().default(0),
    /** Where the message went, so that it can be updated in place. */
    messageRef: jsonb("message_ref").$type<Record<string, string>>(),
  },
  (t) => [
    uniqueIndex("nudges_rep_date_uq").on(t.repId, t.localDate),
    // The minute pass marks ignored picks of a workspace's last two weeks of nudges (planner rule 17).
    index("nudges_workspace_date_idx").on(t.workspaceId, t.localDate),
    index("nudges_pending_idx").on(t.status, t.nextAttemptAt).where(sql`${t.status} = 'claimed'`),
  ],
);

export const picks = pgTable(
  "picks",
  {
    id: id(),
    /** The nudge's workspace (no foreign key of its own: the nudge's proves it, and cascades). */
    workspaceId: integer("workspace_id").notNull(),
    nudgeId: integer("nudge_id")
      .notNull()
      .references(() => nudges.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    position: smallint().notNull(),
    kind: text().$type<PickKind>().notNull(),
    reason: text().notNull(),
    /** The suggested opener (domain/planner/opener.ts); empty on picks planned before it existed. */
    opener: text().notNull().default(""),
    promiseId: integer("promise_id"),
    status: text().$type<"open" | "done" | "snoozed" | "skipped">().notNull().default("open"),
    doneAt: tstz("done_at"),
    doneByRepId: integer("done_by_rep_id"),
    checkinId: integer("checkin_id"),
    /** Set by the minute pass once the pick's day is over and it was delivered and left open (issue 13). */
    ignoredAt: tstz("ignored_at"),
  },
  (t) => [
    uniqueIndex("picks_nudge_account_uq").on(t.nudgeId, t.accountId),
    index("picks_account_idx").on(t.accountId),
    // The minute tick redraws nudges whose Undo just expired: picks ended a few minutes ago.
    index("picks_done_at_idx").on(t.doneAt),
    // Open picks not yet marked ignored: the minute pass reads only these (planner rule 17).
    index("picks_unmarked_idx")
      .on(t.workspaceId, t.nudgeId)
      .where(sql`${t.status} = 'open' and ${t.ignoredAt} is null`),
  ],
);

export const snoozes = pgTable(
  "snoozes",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    repId: integer("rep_id")
      .notNull()
      .references(() => reps.id),
    /** The account is left out of plans before this date; it is due again on it. */
    until: day("until").notNull(),
    createdAt: createdAt(),
  },
  (t) => [index("snoozes_account_until_idx").on(t.accountId, t.until)],
);

export const departures = pgTable(
  "departures",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    accountId: integer("account_id")
      .notNull()
      .references(() => accounts.id, { onDelete: "cascade" }),
    reason: text().notNull(),
    lostOn: day("lost_on").notNull(),
    tenureDays: integer("tenure_days"),
    /** Someone other than the owner, who asks the customer why. */
    exitInterviewRepId: integer("exit_interview_rep_id"),
    exitInterviewAt: tstz("exit_interview_at"),
    exitInterviewNote: text("exit_interview_note"),
    lastWinBackAt: tstz("last_win_back_at"),
    wonBackAt: tstz("won_back_at"),
    createdAt: createdAt(),
  },
  (t) => [
    index("departures_account_idx").on(t.accountId),
    index("departures_workspace_open_idx").on(t.workspaceId).where(sql`${t.wonBackAt} is null`),
  ],
);

export const holidays = pgTable(
  "holidays",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    on: day("on").notNull(),
    name: text().notNull().default("Holiday"),
  },
  (t) => [uniqueIndex("holidays_workspace_on_uq").on(t.workspaceId, t.on)],
);

export const slackInstallations = pgTable(
  "slack_installations",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    teamId: text("team_id").notNull().default(""),
    enterpriseId: text("enterprise_id").notNull().default(""),
    installation: jsonb().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("slack_installations_team_uq").on(t.enterpriseId, t.teamId)],
);

export const teamsConversations = pgTable(
  "teams_conversations",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    repId: integer("rep_id").references(() => reps.id, { onDelete: "set null" }),
    /** The user's Microsoft Entra object id (`aadObjectId`). */
    aadObjectId: text("aad_object_id").notNull(),
    reference: jsonb().notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex("teams_conversations_user_uq").on(t.workspaceId, t.aadObjectId)],
);

/** Requests already handled (Slack retries, Teams duplicate activities, double clicks). */
export const handledRequests = pgTable(
  "handled_requests",
  {
    key: text().primaryKey(),
    workspaceId: integer("workspace_id").references(() => workspaces.id, { onDelete: "cascade" }),
    at: tstz("at").notNull().defaultNow(),
  },
  (t) => [index("handled_requests_at_idx").on(t.at)],
);

/**
 * The manager's weekly digest, claimed once per (manager, week) across any number of replicas
 * (like the nudges' claim and lease, decision 0003): the row is inserted by the first pass that
 * finds the digest due, leased while it is built and sent, and marked `sent_at`. `summary` keeps
 * the figures the next week's digest compares against.
 */
export const digestClaims = pgTable(
  "digest_claims",
  {
    id: id(),
    workspaceId: integer("workspace_id")
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    managerId: integer("manager_id")
      .notNull()
      .references(() => reps.id, { onDelete: "cascade" }),
    /** The manager's local date of the first day of the workspace week (domain/digest/week.ts). */
    weekStart: day("week_start").notNull(),
    claimedBy: text("claimed_by"),
    leaseUntil: tstz("lease_until"),
    attempts: smallint().notNull().default(0),
    sentAt: tstz("sent_at"),
    lastError: text("last_error"),
    summary: jsonb().$type<{ aWithin: number; aTotal: number; contacts: number }>(),
  },
  (t) => [uniqueIndex("digest_claims_manager_week_uq").on(t.managerId, t.weekStart)],
);

/**
 * Clicks acknowledged to the platform and not yet worked (decision record 0007). A row is written
 * before the acknowledgement, keyed by what the platform resends on a retry, and worked by any
 * replica: claimed with a lease (`lease_until`), retried with backoff (`next_attempt_at`),
 * marked `done_at` when worked.
 */
export const clickInbox = pgTable(
  "click_inbox",
  {
    id: id(),
    /** The platform's retry key (Slack: trigger_id and action_ts). */
    key: text().notNull(),
    platform: text().notNull(),
    /** What the worker needs to act on the click: the platform's payload and the parsed input. */
    payload: jsonb().notNull(),
    receivedAt: tstz("received_at").notNull(),
    attempts: integer().notNull().default(0),
    nextAttemptAt: tstz("next_attempt_at").notNull(),
    leaseUntil: tstz("lease_until"),
    doneAt: tstz("done_at"),
    lastError: text("last_error"),
  },
  (t) => [
    uniqueIndex("click_inbox_key_uq").on(t.key),
    index("click_inbox_due_idx").on(t.nextAttemptAt).where(sql`${t.doneAt} is null`),
  ],
);
