ALTER TABLE "activities" DROP CONSTRAINT "activities_account_id_accounts_id_fk";
--> statement-breakpoint
ALTER TABLE "activities" DROP CONSTRAINT "activities_rep_id_reps_id_fk";
--> statement-breakpoint
-- Accounts are updated at every contact: room on each page lets those updates stay on the page
-- (HOT, no index entries written). Applies to pages written from now on.
ALTER TABLE "accounts" SET (fillfactor = 85);
