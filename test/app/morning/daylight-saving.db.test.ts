import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { runMorning } from "../../../src/app/morning/run-morning.js";
import { addDays } from "../../../src/domain/time.js";
import { createAccount, createRep } from "../../support/builders.js";
import { useTestDatabase } from "../../support/database.js";
import { createRecordingChannel } from "../../support/recording-channel.js";
import { allNudges, makeContext, simplePlanner } from "./helpers.js";

const EVERY_DAY = [1, 2, 3, 4, 5, 6, 7];
const FIFTEEN_MINUTES = 15 * 60_000;

interface Case {
  zone: string;
  /** The date of the clock change (or any date, for a zone without one). */
  change: string;
  nudgeHour: number;
  /** Expected local send time ("HH:mm") on each of the day before, the day, and the day after. */
  sentAt: [string, string, string];
}

const cases: Case[] = [
  { zone: "America/New_York", change: "2026-03-08", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  { zone: "America/New_York", change: "2026-11-01", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  { zone: "Europe/Berlin", change: "2026-03-29", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  { zone: "Europe/Berlin", change: "2026-10-25", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  { zone: "Asia/Kathmandu", change: "2026-03-08", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  { zone: "Australia/Lord_Howe", change: "2026-04-05", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  { zone: "Australia/Lord_Howe", change: "2026-10-04", nudgeHour: 9, sentAt: ["09:00", "09:00", "09:00"] },
  // A nudge hour inside the change itself: 02:00 does not exist on 03-08 in New York (sent at
  // 03:00, the first local time past it), and 01:00 happens twice on 11-01 (sent once).
  { zone: "America/New_York", change: "2026-03-08", nudgeHour: 2, sentAt: ["02:00", "03:00", "02:00"] },
  { zone: "America/New_York", change: "2026-11-01", nudgeHour: 1, sentAt: ["01:00", "01:00", "01:00"] },
  // Lord Howe springs forward by 30 minutes, from 02:00 to 02:30.
  { zone: "Australia/Lord_Howe", change: "2026-10-04", nudgeHour: 2, sentAt: ["02:00", "02:30", "02:00"] },
];

describe("the daily run across daylight-saving changes", () => {
  const t = useTestDatabase();

  it.each(cases)(
    "in $zone around $change with a $nudgeHour o'clock nudge, a pass every 15 minutes sends exactly one nudge each local day",
    async ({ zone, change, nudgeHour, sentAt }) => {
      const rep = await createRep(t.db, t.workspaceId, { timezone: zone, nudgeHour, workingDays: EVERY_DAY });
      await createAccount(t.db, t.workspaceId, { ownerRepId: rep.id });
      const days = [addDays(change, -1), change, addDays(change, 1)];

      const channel = createRecordingChannel();
      const start = DateTime.fromISO(days[0]!, { zone }).startOf("day").toMillis();
      const end = DateTime.fromISO(addDays(change, 2), { zone }).startOf("day").toMillis();
      for (let instant = start; instant < end; instant += FIFTEEN_MINUTES) {
        const now = new Date(instant);
        await runMorning(makeContext(t.db, [channel], now), now, { planner: simplePlanner });
      }

      const rows = await allNudges(t.db);
      expect(rows.map((n) => [n.localDate, n.status])).toEqual(days.map((d) => [d, "sent"]));
      expect(channel.sent.map((n) => n.localDate)).toEqual(days);
      const localSendTimes = rows.map((n) => DateTime.fromJSDate(n.sentAt!, { zone }).toFormat("HH:mm"));
      expect(localSendTimes).toEqual(sentAt);
    },
  );
});
