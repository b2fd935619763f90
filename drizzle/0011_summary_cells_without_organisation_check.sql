-- The summary's cells are written only by its rebuild, from the records of an organisation that
-- exists, and can be worked out again at any time: their own check against organisations cost
-- every build (a third of the time of writing a cell) and proved nothing more.
ALTER TABLE "absence_summary_available" DROP CONSTRAINT "absence_summary_available_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "absence_summary_sickness" DROP CONSTRAINT "absence_summary_sickness_organisation_id_organisations_id_fk";
