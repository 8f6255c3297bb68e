CREATE TABLE "crm_sync_cursors" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "crm_sync_cursors_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"workspace_id" integer NOT NULL,
	"source" text NOT NULL,
	"stream" text NOT NULL,
	"cursor" text NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_rep_id_reps_id_fk";
--> statement-breakpoint
ALTER TABLE "crm_sync_cursors" ADD CONSTRAINT "crm_sync_cursors_workspace_id_workspaces_id_fk" FOREIGN KEY ("workspace_id") REFERENCES "public"."workspaces"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "crm_sync_cursors_stream_uq" ON "crm_sync_cursors" USING btree ("workspace_id","source","stream");--> statement-breakpoint
-- Accounts are updated at every contact: room on each page lets those updates stay on the page
-- (HOT, no index entries written). Applies to pages written from now on (decision 0010).
ALTER TABLE "accounts" SET (fillfactor = 85);
