ALTER TABLE "picks" DROP CONSTRAINT "picks_workspace_id_workspaces_id_fk";
--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "at_risk_from" date DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "due_on" date DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "review_due_on" date DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
ALTER TABLE "accounts" ADD COLUMN "next_pick_on" date DEFAULT '-infinity' NOT NULL;--> statement-breakpoint
CREATE INDEX "accounts_owner_next_pick_idx" ON "accounts" USING btree ("owner_rep_id","next_pick_on");--> statement-breakpoint
-- Backfill: the planner dates as storage/planner-dates.ts derives them, with each workspace's settings
-- (their defaults from domain/settings.ts where not set).
WITH settings AS (
  SELECT id AS workspace_id,
    coalesce(settings->>'timezone', 'UTC') AS zone,
    coalesce((settings->'cadenceDays'->>'A')::int, 7) AS cadence_a,
    coalesce((settings->'cadenceDays'->>'B')::int, 30) AS cadence_b,
    coalesce((settings->'cadenceDays'->>'C')::int, 90) AS cadence_c,
    coalesce((settings->>'riskGapFactor')::float8, 1.5) AS risk_gap_factor,
    coalesce((settings->>'reviewMonths')::int, 6) AS review_months
  FROM workspaces
),
facts AS (
  SELECT a.id, a.status, a.tier, s.review_months,
    (a.last_contact_at AT TIME ZONE coalesce(o.timezone, s.zone))::date AS contact_day,
    (a.last_review_at AT TIME ZONE coalesce(o.timezone, s.zone))::date AS review_day,
    coalesce(a.cadence_days, CASE a.tier WHEN 'A' THEN s.cadence_a WHEN 'B' THEN s.cadence_b ELSE s.cadence_c END) AS cadence,
    CASE WHEN a.last_outcome IN ('at_risk', 'issue_raised') THEN '-infinity'::date
         WHEN a.last_order_at IS NOT NULL AND a.avg_order_interval_days > 0
           THEN a.last_order_at + (floor(s.risk_gap_factor * a.avg_order_interval_days)::int + 1)
         ELSE 'infinity'::date END AS risk_from
  FROM accounts a JOIN reps o ON o.id = a.owner_rep_id JOIN settings s ON s.workspace_id = a.workspace_id
),
review_age AS (
  SELECT *, (review_day + 1 + make_interval(months => review_months))::date AS plus_months FROM facts
),
derived AS (
  SELECT id, status, risk_from,
    CASE WHEN contact_day IS NULL THEN '-infinity'::date
         ELSE least(contact_day + cadence, greatest(risk_from, contact_day + (cadence + 1) / 2)) END AS due_on,
    CASE WHEN status <> 'active' OR tier <> 'A' THEN 'infinity'::date
         ELSE greatest(
           CASE WHEN review_day IS NULL THEN '-infinity'::date
                WHEN extract(day FROM plus_months) = extract(day FROM review_day + 1) THEN plus_months
                ELSE (date_trunc('month', plus_months) + interval '1 month')::date END,
           coalesce(contact_day + cadence, '-infinity'::date)) END AS review_due_on
  FROM review_age
)
UPDATE accounts a SET at_risk_from = d.risk_from, due_on = d.due_on, review_due_on = d.review_due_on,
  next_pick_on = CASE WHEN d.status = 'active' THEN least(d.due_on, d.review_due_on) ELSE 'infinity'::date END
FROM derived d WHERE a.id = d.id;
