/**
 * One pass of a CRM connector into a workspace: owners are matched to reps by email (an owner
 * with no rep is reported, never created: reps come with a time zone, a manager and a chat
 * identity the CRM does not hold, and not every CRM user is a rep to nudge); companies become
 * accounts (name, revenue, owner); calls, emails and meetings become contacts through the
 * activities use case, with one meaning whatever their source, closing today's delivered picks.
 * Each page is written, then its cursor stored: a pass that dies resumes after the last page
 * written, and the activities ledger (idempotent on source and external id) counts nothing twice.
 */
import { type Activity, MAX_CLOCK_SKEW_MS } from "../../domain/activities/activity.js";
import { loadSyncCursors, saveSyncCursor, upsertCrmAccounts } from "../../storage/crm-sync.js";
import { loadRepDirectory } from "../../storage/rep-import.js";
import { refreshDates, retierWorkspace } from "../accounts/retier.js";
import { recordActivityBatch } from "../activities/record-activities.js";
import type { AppContext } from "../ports.js";
import type { CrmAccount, CrmActivity, CrmConnector, CrmOwner, CrmPassStats } from "./crm-connector.js";

/** What a pass did, for the CLI and the log. */
export interface CrmSyncReport {
  source: string;
  full: boolean;
  owners: { seen: number; matched: number; unknown: { id: string; email: string; name: string }[] };
  accounts: { inserted: number; updated: number; unchanged: number };
  activities: { inserted: number; alreadyKnown: number };
  /** Records not written, with the reason; the first 50 are kept, `skippedCount` counts them all. */
  skipped: { stream: string; id: string; reason: string }[];
  skippedCount: number;
  connector: CrmPassStats;
}

const KEEP_SKIPPED = 50;

export async function runCrmSync(
  ctx: AppContext,
  workspaceId: number,
  connector: CrmConnector,
  options: { full?: boolean } = {},
): Promise<CrmSyncReport> {
  const full = options.full ?? false;
  const report: CrmSyncReport = {
    source: connector.source,
    full,
    owners: { seen: 0, matched: 0, unknown: [] },
    accounts: { inserted: 0, updated: 0, unchanged: 0 },
    activities: { inserted: 0, alreadyKnown: 0 },
    skipped: [],
    skippedCount: 0,
    connector: { requests: 0, pages: 0, retries: 0, waitedMs: 0 },
  };
  const skip = (stream: string, id: string, reason: string) => {
    report.skippedCount += 1;
    if (report.skipped.length < KEEP_SKIPPED) report.skipped.push({ stream, id, reason });
  };
  const cursors = full
    ? new Map<string, string>()
    : await loadSyncCursors(ctx.db, workspaceId, connector.source);
  const reps = await loadRepDirectory(ctx.db, workspaceId);
  /** Owner id → the rep's id and email, for the owners that are reps. */
  const ownerReps = new Map<string, { id: number; email: string }>();
  const unknownOwners = new Map<string, CrmOwner>();

  const saveCursor = (stream: string, cursor: string) =>
    saveSyncCursor(ctx.db, workspaceId, connector.source, stream, cursor);

  report.connector = await connector.sync(
    cursors,
    {
      owners: async (owners) => {
        for (const owner of owners) {
          report.owners.seen += 1;
          const rep = reps.get(owner.email.toLowerCase());
          if (rep) ownerReps.set(owner.id, { id: rep.id, email: owner.email.toLowerCase() });
          else unknownOwners.set(owner.id, owner);
        }
        report.owners.matched = ownerReps.size;
        report.owners.unknown = [...unknownOwners.values()].map(({ id, email, name }) => ({
          id,
          email,
          name,
        }));
        if (unknownOwners.size > 0) {
          ctx.logger.warn(
            { source: connector.source, owners: report.owners.unknown.map((o) => o.email) },
            `${unknownOwners.size} ${connector.label} owner(s) match no rep by email; their records are skipped (import them as reps to include them)`,
          );
        }
      },
      accounts: async (stream, rows, cursor) => {
        const writes = rows.flatMap((row) => {
          const rep = row.ownerId === null ? undefined : ownerReps.get(row.ownerId);
          if (!rep) {
            skip(stream, row.externalId, ownerProblem(row, unknownOwners));
            return [];
          }
          return [
            {
              externalId: row.externalId,
              name: row.name,
              ownerRepId: rep.id,
              annualRevenue: row.annualRevenue,
            },
          ];
        });
        await ctx.db.transaction(async (tx) => {
          const written = await upsertCrmAccounts(tx, workspaceId, writes);
          report.accounts.inserted += written.inserted.length;
          report.accounts.updated += written.updated.length;
          report.accounts.unchanged += written.unchanged;
          const changed = [...written.inserted, ...written.updated];
          // Revenue and owners moved: the stored tiers are re-ranked, as after an accounts import.
          if (changed.length > 0) await retierWorkspace(tx, workspaceId);
          // Owners (their zones) and statuses moved: the planner dates of these accounts follow.
          await refreshDates(tx, workspaceId, { accountIds: changed });
          await saveSyncCursor(tx, workspaceId, connector.source, stream, cursor);
        });
      },
      activities: async (stream, rows, cursor) => {
        await recordPage(ctx, workspaceId, connector, stream, rows, ownerReps, unknownOwners, skip, report);
        await saveCursor(stream, cursor);
      },
      skipped: skip,
    },
    { full },
  );
  return report;
}

function ownerProblem(row: CrmAccount, unknownOwners: Map<string, CrmOwner>): string {
  if (row.ownerId === null) return "the company has no owner; set one to make it an account";
  const owner = unknownOwners.get(row.ownerId);
  return owner
    ? `its owner ${owner.email} is not a rep; import them as a rep or change the owner`
    : `its owner ${row.ownerId} is not a known owner`;
}

/**
 * Records a page of activities as one batch. Activities whose owner is not a rep, whose company
 * is not an account, or that lie in the future (a meeting booked ahead: counted when it has
 * happened) are skipped and reported; the rest are written whole.
 */
async function recordPage(
  ctx: AppContext,
  workspaceId: number,
  connector: CrmConnector,
  stream: string,
  rows: CrmActivity[],
  ownerReps: Map<string, { id: number; email: string }>,
  unknownOwners: Map<string, CrmOwner>,
  skip: (stream: string, id: string, reason: string) => void,
  report: CrmSyncReport,
): Promise<void> {
  const latest = ctx.clock().getTime() + MAX_CLOCK_SKEW_MS;
  let batch: Activity[] = [];
  for (const row of rows) {
    const rep = row.ownerId === null ? undefined : ownerReps.get(row.ownerId);
    if (row.ownerId !== null && !rep) {
      const owner = unknownOwners.get(row.ownerId);
      skip(stream, row.externalId, `made by ${owner?.email ?? `owner ${row.ownerId}`}, who is not a rep`);
      continue;
    }
    if (Date.parse(row.at) > latest) {
      skip(stream, row.externalId, "is in the future; counted once it has happened");
      continue;
    }
    batch.push({
      source: connector.source,
      external_id: row.externalId,
      account_external_id: row.accountExternalId,
      ...(rep ? { rep_email: rep.email } : {}),
      kind: row.kind,
      at: row.at,
      ...(row.summary ? { summary: row.summary.slice(0, 2000) } : {}),
    });
  }
  // An activity refused by the use case (its company is not an account: no owner that is a rep)
  // is reported and the rest of the page written; at most two tries.
  for (let attempt = 0; attempt < 2 && batch.length > 0; attempt++) {
    const outcome = await recordActivityBatch(ctx, workspaceId, batch, "crm");
    if (outcome.ok) {
      report.activities.inserted += outcome.inserted;
      report.activities.alreadyKnown += outcome.alreadyKnown;
      return;
    }
    const refused = new Set(outcome.problems.map((p) => p.index));
    for (const index of refused) {
      const activity = batch[index];
      const reasons = outcome.problems.filter((p) => p.index === index).map((p) => p.reason);
      if (activity) skip(stream, activity.external_id, reasons.join("; "));
    }
    batch = batch.filter((_, index) => !refused.has(index));
  }
  if (batch.length > 0) throw new Error(`a page of ${stream} was refused twice; the pass stops here`);
}
