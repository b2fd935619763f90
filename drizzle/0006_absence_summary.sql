CREATE TABLE "absence_summary_available" (
	"organisation_id" integer NOT NULL,
	"month" date NOT NULL,
	"unit_id" integer NOT NULL,
	"staff_group" text NOT NULL,
	"hours_available" double precision NOT NULL,
	"weekly_hour_days" double precision NOT NULL,
	CONSTRAINT "absence_summary_available_organisation_id_month_unit_id_staff_group_pk" PRIMARY KEY("organisation_id","month","unit_id","staff_group")
);
--> statement-breakpoint
CREATE TABLE "absence_summary_coverage" (
	"organisation_id" integer PRIMARY KEY NOT NULL,
	"first_month" date NOT NULL,
	"last_month" date NOT NULL,
	"calendar" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "absence_summary_pending" (
	"organisation_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"from_date" date NOT NULL,
	"unit_id" integer
);
--> statement-breakpoint
CREATE TABLE "absence_summary_sickness" (
	"organisation_id" integer NOT NULL,
	"month" date NOT NULL,
	"unit_id" integer NOT NULL,
	"staff_group" text NOT NULL,
	"reason_code" text NOT NULL,
	"hours_lost" double precision NOT NULL,
	"weekly_hour_days_lost" double precision NOT NULL,
	"cost_base" double precision NOT NULL,
	"episodes" integer NOT NULL,
	"long_term_episodes" integer NOT NULL,
	CONSTRAINT "absence_summary_sickness_organisation_id_month_unit_id_staff_group_reason_code_pk" PRIMARY KEY("organisation_id","month","unit_id","staff_group","reason_code")
);
--> statement-breakpoint
ALTER TABLE "absence_summary_available" ADD CONSTRAINT "absence_summary_available_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_summary_coverage" ADD CONSTRAINT "absence_summary_coverage_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_summary_pending" ADD CONSTRAINT "absence_summary_pending_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "absence_summary_sickness" ADD CONSTRAINT "absence_summary_sickness_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "absence_summary_pending_organisation" ON "absence_summary_pending" USING btree ("organisation_id");