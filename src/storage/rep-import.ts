/** The reps of a workspace as a reps import reads and writes them. */
import { eq, sql } from "drizzle-orm";
import type { RepRow } from "../domain/csv/rep-row.js";
import { changedAssignments, recordset } from "./batch-sql.js";
import { queryRows, type Tx } from "./database.js";
import { reps } from "./schema.js";

export interface KnownRep {
  id: number;
  email: string;
  slackUserId: string | null;
  teamsUserId: string | null;
}

/** The workspace's reps by lower-cased email (a workspace has hundreds, not millions). */
export async function loadRepDirectory(tx: Tx, workspaceId: number): Promise<Map<string, KnownRep>> {
  const rows = await tx
    .select({ id: reps.id, email: reps.email, slackUserId: reps.slackUserId, teamsUserId: reps.teamsUserId })
    .from(reps)
    .where(eq(reps.workspaceId, workspaceId));
  return new Map(rows.map((r) => [r.email.toLowerCase(), r]));
}

/** CSV column → the stored columns it sets on an existing rep. */
const ASSIGNMENTS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  name: [["name", "excluded.name"]],
  timezone: [["timezone", "excluded.timezone"]],
  role: [["role", "excluded.role"]],
  slack_user_id: [["slack_user_id", "excluded.slack_user_id"]],
  teams_user_id: [["teams_user_id", "excluded.teams_user_id"]],
  handful: [["handful", "excluded.handful"]],
  nudge_hour: [["nudge_hour", "excluded.nudge_hour"]],
  working_days: [["working_days", "excluded.working_days"]],
};

export type RepOutcome = "inserted" | "updated" | "unchanged";

/** Upserts reps by (workspace, email); records in `outcomes` what happened to each. */
export async function upsertReps(
  tx: Tx,
  workspaceId: number,
  rows: ReadonlyArray<RepRow>,
  header: readonly string[],
  outcomes: Map<string, RepOutcome>,
): Promise<void> {
  const { set, changed } = changedAssignments(
    "r",
    header.flatMap((c) => ASSIGNMENTS[c] ?? []),
  );
  const payload = rows.map((r) => ({
    email: r.email,
    name: r.name,
    timezone: r.timezone,
    role: r.role ?? "rep",
    slack_user_id: r.slack_user_id,
    teams_user_id: r.teams_user_id,
    handful: r.handful,
    nudge_hour: r.nudge_hour,
    working_days: r.working_days ? `{${r.working_days.join(",")}}` : null,
  }));
  const written = await queryRows<{ email: string; inserted: boolean }>(
    tx,
    sql`insert into reps as r (workspace_id, email, name, timezone, role, slack_user_id, teams_user_id, handful, nudge_hour, working_days)
        select ${workspaceId}, x.email, x.name, x.timezone, x.role, x.slack_user_id, x.teams_user_id, x.handful, x.nudge_hour, x.working_days::int2[]
        from ${recordset(payload, "email text, name text, timezone text, role text, slack_user_id text, teams_user_id text, handful int2, nudge_hour int2, working_days text")}
        on conflict (workspace_id, email) do update set ${set} where ${changed}
        returning r.email, (xmax = 0) as inserted`,
  );
  for (const r of rows) outcomes.set(r.email, "unchanged");
  for (const w of written) outcomes.set(w.email, w.inserted ? "inserted" : "updated");
}

/** Sets each rep's manager once every rep of the file exists; returns the reps whose manager changed. */
export async function assignManagers(
  tx: Tx,
  workspaceId: number,
  rows: ReadonlyArray<RepRow>,
): Promise<string[]> {
  const payload = rows.map((r) => ({ email: r.email, manager_email: r.manager_email ?? null }));
  const changedRows = await queryRows<{ email: string }>(
    tx,
    sql`update reps r set manager_id = m.id, updated_at = now()
        from ${recordset(payload, "email text, manager_email text")}
        left join reps m on m.workspace_id = ${workspaceId} and lower(m.email) = x.manager_email
        where r.workspace_id = ${workspaceId} and r.email = x.email and r.manager_id is distinct from m.id
        returning r.email`,
  );
  return changedRows.map((r) => r.email);
}
