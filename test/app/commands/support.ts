/** Shared set-up for the command and pick-action tests: a context with a settable clock, and a nudge. */
import pino from "pino";
import type { AppContext } from "../../../src/app/ports.js";
import type { Tx } from "../../../src/storage/database.js";
import { nudges, picks } from "../../../src/storage/schema.js";
import type { TestDatabase } from "../../support/database.js";
import { createRecordingChannel, type RecordingChannel } from "../../support/recording-channel.js";

export interface TestContext {
  ctx: AppContext;
  channel: RecordingChannel;
  /** Moves the context's clock. */
  setNow(iso: string | Date): void;
}

export function testContext(t: TestDatabase, now = "2026-06-15T08:00:00Z"): TestContext {
  let current = new Date(now);
  const channel = createRecordingChannel();
  return {
    ctx: {
      get db() {
        return t.db;
      },
      clock: () => current,
      logger: pino({ level: "silent" }),
      channels: [channel],
    },
    channel,
    setNow: (iso) => {
      current = new Date(iso);
    },
  };
}

/** A sent nudge for `repId` on `localDate` with one open pick per account, in order. */
export async function createNudge(
  db: Tx,
  workspaceId: number,
  input: {
    repId: number;
    localDate: string;
    accountIds: number[];
    kind?: "due" | "promise";
    promiseId?: number;
  },
): Promise<{ nudgeId: number; pickIds: number[] }> {
  const [nudge] = await db
    .insert(nudges)
    .values({ workspaceId, repId: input.repId, localDate: input.localDate, status: "sent" })
    .returning({ id: nudges.id });
  const rows = await db
    .insert(picks)
    .values(
      input.accountIds.map((accountId, position) => ({
        workspaceId,
        nudgeId: nudge!.id,
        accountId,
        position,
        kind: input.kind ?? ("due" as const),
        reason: "Top 10% by revenue · 23 days since last call (every 7)",
        promiseId: input.promiseId ?? null,
      })),
    )
    .returning({ id: picks.id });
  return { nudgeId: nudge!.id, pickIds: rows.map((r) => r.id) };
}
