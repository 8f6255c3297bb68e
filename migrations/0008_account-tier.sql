ALTER TABLE "accounts" ADD COLUMN "tier" text DEFAULT 'C' NOT NULL;--> statement-breakpoint
-- Backfill (planner rule 1): rank each workspace's active accounts by value (gross profit, else
-- revenue; ties by id), tier them by the share of value ranked above them, then tier every account
-- (lost ones too) by comparing it with the least valuable A and B, as storage/value-ranking.ts does.
WITH shares AS (
  SELECT id AS workspace_id,
    coalesce((settings->'tierShares'->>'A')::float8, 0.8) AS a,
    coalesce((settings->'tierShares'->>'B')::float8, 0.15) AS b
  FROM workspaces
),
ranked AS (
  SELECT id, workspace_id, coalesce(gross_profit, annual_revenue) AS value,
    coalesce(sum(greatest(coalesce(gross_profit, annual_revenue), 0)) OVER (
      PARTITION BY workspace_id ORDER BY coalesce(gross_profit, annual_revenue) DESC, id
      ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING), 0) AS above,
    sum(greatest(coalesce(gross_profit, annual_revenue), 0)) OVER (PARTITION BY workspace_id) AS total
  FROM accounts WHERE status = 'active'
),
pareto AS (
  SELECT r.id, r.workspace_id, r.value,
    CASE WHEN r.above < s.a * r.total - r.total * 1e-12 THEN 'A'
         WHEN r.above < (s.a + s.b) * r.total - r.total * 1e-12 THEN 'B'
         ELSE 'C' END AS tier
  FROM ranked r JOIN shares s USING (workspace_id)
),
least AS (
  SELECT DISTINCT ON (workspace_id, tier) workspace_id, tier, value, id
  FROM pareto WHERE tier IN ('A', 'B')
  ORDER BY workspace_id, tier, value, id DESC
)
UPDATE accounts a SET tier = coalesce(a.tier_override, CASE
    WHEN EXISTS (SELECT 1 FROM least l WHERE l.workspace_id = a.workspace_id AND l.tier = 'A'
      AND (coalesce(a.gross_profit, a.annual_revenue) > l.value
        OR (coalesce(a.gross_profit, a.annual_revenue) = l.value AND a.id <= l.id))) THEN 'A'
    WHEN EXISTS (SELECT 1 FROM least l WHERE l.workspace_id = a.workspace_id AND l.tier = 'B'
      AND (coalesce(a.gross_profit, a.annual_revenue) > l.value
        OR (coalesce(a.gross_profit, a.annual_revenue) = l.value AND a.id <= l.id))) THEN 'B'
    ELSE 'C' END);
