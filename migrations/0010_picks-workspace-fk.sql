ALTER TABLE "picks" DROP CONSTRAINT "picks_workspace_id_workspaces_id_fk";
