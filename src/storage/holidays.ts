/** A workspace's holidays: days on which no nudge goes out. */
import { and, asc, eq, gte, sql } from "drizzle-orm";
import { queryRows, type Tx } from "./database.js";
import { holidays } from "./schema.js";

export interface HolidayRow {
  /** YYYY-MM-DD */
  on: string;
  name: string;
}

export interface HolidayCounts {
  inserted: number;
  updated: number;
  unchanged: number;
}

/** Adds the holidays by date; a date already there takes the new name. Idempotent. */
export async function upsertHolidays(
  tx: Tx,
  workspaceId: number,
  rows: readonly HolidayRow[],
): Promise<HolidayCounts> {
  const counts: HolidayCounts = { inserted: 0, updated: 0, unchanged: 0 };
  for (const row of rows) {
    const [written] = await queryRows<{ inserted: boolean }>(
      tx,
      sql`insert into holidays as h (workspace_id, "on", name) values (${workspaceId}, ${row.on}::date, ${row.name})
          on conflict (workspace_id, "on") do update set name = excluded.name where h.name is distinct from excluded.name
          returning (xmax = 0) as inserted`,
    );
    if (!written) counts.unchanged += 1;
    else if (written.inserted) counts.inserted += 1;
    else counts.updated += 1;
  }
  return counts;
}

/** The holidays from `from` (YYYY-MM-DD) on, or all of them, by date. */
export async function listHolidays(tx: Tx, workspaceId: number, from?: string): Promise<HolidayRow[]> {
  return tx
    .select({ on: holidays.on, name: holidays.name })
    .from(holidays)
    .where(
      and(eq(holidays.workspaceId, workspaceId), from === undefined ? undefined : gte(holidays.on, from)),
    )
    .orderBy(asc(holidays.on));
}

/** Removes the holiday on `on`; returns it, or undefined when there was none. */
export async function removeHoliday(
  tx: Tx,
  workspaceId: number,
  on: string,
): Promise<HolidayRow | undefined> {
  const [removed] = await tx
    .delete(holidays)
    .where(and(eq(holidays.workspaceId, workspaceId), eq(holidays.on, on)))
    .returning({ on: holidays.on, name: holidays.name });
  return removed;
}
