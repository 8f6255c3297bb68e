CREATE TABLE "digest_claims" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "digest_claims_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"manager_id" integer NOT NULL,
	"week_start" date NOT NULL,
	"claimed_by" text,
	"lease_until" timestamp with time zone,
	"attempts" smallint DEFAULT 0 NOT NULL,
	"sent_at" timestamp with time zone,
	"last_error" text,
	"summary" jsonb
);
--> statement-breakpoint
ALTER TABLE "reps" ALTER COLUMN "digest" SET DEFAULT true;--> statement-breakpoint
ALTER TABLE "picks" ADD COLUMN "ignored_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "digest_claims" ADD CONSTRAINT "digest_claims_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "digest_claims" ADD CONSTRAINT "digest_claims_manager_id_reps_id_fk" FOREIGN KEY ("manager_id") REFERENCES "public"."reps"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "digest_claims_manager_week_uq" ON "digest_claims" USING btree ("manager_id","week_start");--> statement-breakpoint
CREATE INDEX "nudges_workspace_date_idx" ON "nudges" USING btree ("workspace_id","local_date");--> statement-breakpoint
CREATE INDEX "picks_unmarked_idx" ON "picks" USING btree ("workspace_id","nudge_id") WHERE "picks"."status" = 'open' and "picks"."ignored_at" is null;--> statement-breakpoint
-- No digest was ever sent before this migration, so `off` was only the old default: every manager gets the weekly digest until they turn it off.
UPDATE "reps" SET "digest" = true;
--> statement-breakpoint
-- Picks delivered and left open before today were ignored (planner rule 17); the minute pass marks the last days in each rep's zone.
UPDATE "picks" p SET "ignored_at" = now() FROM "nudges" n
WHERE n."id" = p."nudge_id" AND n."status" = 'sent' AND p."status" = 'open' AND n."local_date" < current_date - 1;
