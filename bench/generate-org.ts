/**
 * Generates a sales org in a workspace with a handful of set-based statements (generate_series),
 * fast enough for a million accounts: reps in one time zone (some paused, with a backup), accounts
 * with skewed revenue (some with gross profit, some lost, some at risk, some overriding their
 * cadence), a year of check-ins that agrees with each account's last contact, open promises
 * around the planning date and snoozes. Shared by the planning and scheduling benchmarks.
 */
import { sql } from "drizzle-orm";
import { refreshDates, retierWorkspace } from "../src/app/accounts/retier.js";
import { addDays } from "../src/domain/time.js";
import { queryRows, type Tx } from "../src/storage/database.js";

export interface OrgShape {
  reps: number;
  accountsPerRep: number;
  /** The planning date (YYYY-MM-DD); history ends the day before. */
  date: string;
  timezone: string;
  /** Workspace name, unique per org. */
  name: string;
  /**
   * When set, every rep has exactly this many accounts due on `date` (contacted 100-400 days ago,
   * or never) and the rest were contacted in the last three days: the due count, the lost
   * accounts, the promises and the snoozes stay the same whatever `accountsPerRep`, and each
   * contacted account has one check-in of history. Unset: contacts spread over 120 days (the due
   * share grows with the book) and up to five check-ins each.
   */
  duePerRep?: number;
}

export interface GeneratedOrg {
  workspaceId: number;
  reps: number;
  accounts: number;
  checkins: number;
  promises: number;
  snoozes: number;
}

export async function generateOrg(db: Tx, shape: OrgShape): Promise<GeneratedOrg> {
  const settings = JSON.stringify({ timezone: shape.timezone });
  const [ws] = await queryRows<{ id: number }>(
    db,
    sql`insert into workspaces (platform, external_id, name, settings)
        values ('slack', ${`BENCH-${shape.name}`}, ${shape.name}, ${settings}::jsonb) returning id`,
  );
  const workspaceId = ws!.id;
  const end = `${shape.date} 00:00:00`;
  // Deterministic pseudo-random numbers in [0, 1) from integers, so runs are comparable.
  const r = (salt: number, col: string) =>
    sql.raw(`(abs(hashint8(${col}::bigint * 7919 + ${salt})) % 1000003) / 1000003.0`);

  await db.execute(sql`
    insert into reps (workspace_id, email, name, timezone)
    select ${workspaceId}, 'rep' || g || '@bench.test', 'Rep ' || g, null
    from generate_series(1, ${shape.reps}) g`);
  // One rep in a hundred is on vacation, backed up by the next rep.
  await db.execute(sql`
    update reps r set paused_until = ${addDays(shape.date, 7)}::date,
      backup_rep_id = (select id from reps b where b.workspace_id = r.workspace_id and b.id = r.id + 1)
    where r.workspace_id = ${workspaceId} and r.id % 100 = 7`);

  const total = shape.reps * shape.accountsPerRep;
  const fixed = shape.duePerRep !== undefined;
  const duePerRep = shape.duePerRep ?? 0;
  // k: the account's place in its rep's book (0, 1, …); the first duePerRep are the due ones.
  const k = sql.raw(`(n / ${shape.reps})`);
  const status = fixed
    ? sql`case when ${k} < ${duePerRep} and ${r(4, "n")} < 0.02 then 'lost' else 'active' end`
    : sql`case when ${r(4, "n")} < 0.02 then 'lost' else 'active' end`;
  const lastContact = fixed
    ? sql`case when ${k} < ${duePerRep} then
             case when ${r(7, "n")} < 0.05 then null
                  else (${end}::timestamp - make_interval(days => 100 + floor(${r(8, "n")} * 300)::int, secs => 3600 * 9)) at time zone ${shape.timezone} end
           else (${end}::timestamp - make_interval(secs => 3600 * 9 + ${r(8, "n")} * 86400 * 2)) at time zone ${shape.timezone} end`
    : sql`case when ${r(7, "n")} < 0.05 then null
           else (${end}::timestamp - make_interval(secs => 3600 * 9 + ${r(8, "n")} * 86400 * 120)) at time zone ${shape.timezone} end`;
  await db.execute(sql`
    with rep_ids as (
      select id, row_number() over (order by id) - 1 as k from reps where workspace_id = ${workspaceId}
    ),
    seq as (select n from generate_series(0, ${total - 1}) n)
    insert into accounts (workspace_id, external_id, name, owner_rep_id, annual_revenue, gross_profit,
      status, cadence_days, customer_since, last_contact_at, last_outcome, last_channel, last_order_at,
      avg_order_interval_days, last_review_at)
    select ${workspaceId}, 'ACC-' || n, 'Account ' || n, rep_ids.id,
      round(5000 * exp(${r(1, "n")} * 7)),
      case when ${r(2, "n")} < 0.6 then round(5000 * exp(${r(1, "n")} * 7) * (0.1 + ${r(3, "n")} * 0.3)) end,
      ${status},
      case when ${r(5, "n")} < 0.02 then 14 end,
      ${shape.date}::date - (365 + floor(${r(6, "n")} * 3000))::int,
      ${lastContact},
      case when ${r(9, "n")} < 0.03 then 'at_risk' when ${r(9, "n")} < 0.05 then 'issue_raised' else 'connected' end,
      'call',
      ${shape.date}::date - floor(${r(10, "n")} * 200)::int,
      case when ${r(11, "n")} < 0.7 then 30 + floor(${r(12, "n")} * 30)::int end,
      case when ${r(13, "n")} < 0.5 then (${end}::timestamp - make_interval(days => floor(${r(14, "n")} * 365)::int)) at time zone ${shape.timezone} end
    from seq join rep_ids on rep_ids.k = seq.n % ${shape.reps}`);
  // The account's place in its rep's book, from its external id (ACC-n).
  const place = sql.raw(`(substr(a.external_id, 5)::int / ${shape.reps})`);

  // A year of history: one to five check-ins per contacted account, the latest at its last contact.
  await db.execute(sql`
    insert into checkins (workspace_id, account_id, rep_id, at, channel, outcome, source)
    select a.workspace_id, a.id, a.owner_rep_id, a.last_contact_at - make_interval(days => i * 70),
      case when i = 0 then a.last_channel else 'call' end,
      case when i = 0 then a.last_outcome else 'connected' end, 'import'
    from accounts a cross join lateral generate_series(0, case when ${fixed} then 0 else a.id % 5 end) i
    where a.workspace_id = ${workspaceId} and a.last_contact_at is not null`);

  await db.execute(sql`
    insert into departures (workspace_id, account_id, reason, lost_on, exit_interview_rep_id, exit_interview_at, last_win_back_at)
    select a.workspace_id, a.id, 'moved to a competitor', ${shape.date}::date - (a.id % 300),
      case when a.id % 2 = 0 then (select b.id from reps b where b.workspace_id = a.workspace_id and b.id <> a.owner_rep_id limit 1) end,
      case when a.id % 4 = 0 then (${end}::timestamp - make_interval(days => (a.id % 200))) at time zone ${shape.timezone} end,
      null
    from accounts a where a.workspace_id = ${workspaceId} and a.status = 'lost'`);

  // Promises on one account in two hundred, due from five days ago to five days ahead.
  await db.execute(sql`
    insert into promises (workspace_id, account_id, rep_id, due_at, what)
    select a.workspace_id, a.id, a.owner_rep_id,
      (${end}::timestamp + make_interval(days => (a.id % 11) - 5, hours => 9 + a.id % 8)) at time zone ${shape.timezone},
      'send the revised price list'
    from accounts a where a.workspace_id = ${workspaceId}
      and ${fixed ? sql`${place} = ${duePerRep} and a.owner_rep_id % 2 = 0` : sql`a.id % 200 = 3`}`);
  // Snoozes on one account in a hundred, half of them over already.
  await db.execute(sql`
    insert into snoozes (workspace_id, account_id, rep_id, until)
    select a.workspace_id, a.id, a.owner_rep_id, ${shape.date}::date + ((a.id % 30) - 15)
    from accounts a where a.workspace_id = ${workspaceId}
      and ${fixed ? sql`${place} < ${duePerRep} and a.id % 10 = 1` : sql`a.id % 100 = 11`}`);
  // As an import leaves them: tiers ranked (planner rule 1), planner dates derived.
  await retierWorkspace(db, workspaceId);
  await refreshDates(db, workspaceId, { all: true });
  await db.execute(sql`analyze`);

  const [counts] = await queryRows<GeneratedOrg>(
    db,
    sql`select ${workspaceId}::int as "workspaceId",
      (select count(*)::int from reps where workspace_id = ${workspaceId}) as reps,
      (select count(*)::int from accounts where workspace_id = ${workspaceId}) as accounts,
      (select count(*)::int from checkins where workspace_id = ${workspaceId}) as checkins,
      (select count(*)::int from promises where workspace_id = ${workspaceId}) as promises,
      (select count(*)::int from snoozes where workspace_id = ${workspaceId}) as snoozes`,
  );
  return counts!;
}
