ALTER TABLE "absence_changes" DROP CONSTRAINT "absence_changes_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "absences" DROP CONSTRAINT "absences_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "employment_spells" DROP CONSTRAINT "employment_spells_organisation_id_organisations_id_fk";
--> statement-breakpoint
ALTER TABLE "welcome_back_reviews" DROP CONSTRAINT "welcome_back_reviews_organisation_id_organisations_id_fk";
