CREATE TABLE "oh_appointments" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_appointments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"referral_id" integer NOT NULL,
	"provider_organisation_id" integer NOT NULL,
	"session_id" integer NOT NULL,
	"slot" integer NOT NULL,
	"clinician_user_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"starts_at" text NOT NULL,
	"minutes" integer NOT NULL,
	"place_kind" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'booked' NOT NULL,
	"booked_by_user_id" integer,
	"cancelled_at" timestamp with time zone,
	"cancelled_by" text,
	"cancelled_by_user_id" integer,
	"rebooked_as_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oh_appointments_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "oh_clinicians" (
	"organisation_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"profession" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oh_clinicians_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
CREATE TABLE "oh_notes" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_notes_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"referral_id" integer NOT NULL,
	"appointment_id" integer,
	"addendum_to" integer,
	"author_user_id" integer NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	"sealed_text" text NOT NULL,
	"key_id" text NOT NULL,
	CONSTRAINT "oh_notes_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "oh_referrals" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_referrals_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"provider_organisation_id" integer NOT NULL,
	"person_id" integer NOT NULL,
	"kind" text NOT NULL,
	"referred_by_user_id" integer,
	"referrer_relation" text NOT NULL,
	"person_name" text NOT NULL,
	"job_title" text DEFAULT '' NOT NULL,
	"person_email" text,
	"reason" text DEFAULT '' NOT NULL,
	"questions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"job_demands" text DEFAULT '' NOT NULL,
	"absence_history" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"service_asked" text,
	"status" text NOT NULL,
	"consent_given_on" date,
	"consent_recorded_by" text,
	"consent_withdrawn_on" date,
	"referred_on" date,
	"triaged_on" date,
	"triaged_by_user_id" integer,
	"rejection_reason" text,
	"priority" text,
	"service" text,
	"external_provider" text,
	"clinician_user_id" integer,
	"closed_on" date,
	"close_reason" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oh_referrals_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "oh_report_corrections" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_report_corrections_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"asked_at" timestamp with time zone DEFAULT now() NOT NULL,
	"request" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"answer" text,
	"answered_at" timestamp with time zone,
	"answered_by_user_id" integer,
	CONSTRAINT "oh_report_corrections_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "oh_report_versions" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_report_versions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"report_id" integer NOT NULL,
	"changed_by_user_id" integer NOT NULL,
	"changed_at" timestamp with time zone DEFAULT now() NOT NULL,
	"why" text NOT NULL,
	"before" jsonb NOT NULL,
	CONSTRAINT "oh_report_versions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "oh_reports" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_reports_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"referral_id" integer NOT NULL,
	"author_user_id" integer NOT NULL,
	"outcome" text NOT NULL,
	"likely_return_on" date,
	"adjustments" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"answers" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"disability_likely" text NOT NULL,
	"advice" text DEFAULT '' NOT NULL,
	"review_on" date,
	"employee_sees_first" boolean DEFAULT false NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"sent_to_employee_on" date,
	"review_ends_on" date,
	"released_on" date,
	"withheld_on" date,
	"adjustments_added_on" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oh_reports_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
CREATE TABLE "oh_service_clients" (
	"provider_organisation_id" integer NOT NULL,
	"client_organisation_id" integer NOT NULL,
	"served_from" date NOT NULL,
	"served_until" date,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oh_service_clients_client_organisation_id_served_from_pk" PRIMARY KEY("client_organisation_id","served_from")
);
--> statement-breakpoint
CREATE TABLE "oh_service_settings" (
	"organisation_id" integer PRIMARY KEY NOT NULL,
	"report_review_working_days" integer DEFAULT 2 NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "oh_sessions" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "oh_sessions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"clinician_user_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"starts_at" text NOT NULL,
	"slot_minutes" integer NOT NULL,
	"slots" integer NOT NULL,
	"place_kind" text NOT NULL,
	"place" text DEFAULT '' NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "oh_sessions_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "oh_appointments" ADD CONSTRAINT "oh_appointments_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_appointments" ADD CONSTRAINT "oh_appointments_clinician_user_id_users_id_fk" FOREIGN KEY ("clinician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_appointments" ADD CONSTRAINT "oh_appointments_booked_by_user_id_users_id_fk" FOREIGN KEY ("booked_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_appointments" ADD CONSTRAINT "oh_appointments_cancelled_by_user_id_users_id_fk" FOREIGN KEY ("cancelled_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_appointments" ADD CONSTRAINT "oh_appointments_organisation_id_referral_id_oh_referrals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."oh_referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_appointments" ADD CONSTRAINT "oh_appointments_provider_organisation_id_session_id_oh_sessions_organisation_id_id_fk" FOREIGN KEY ("provider_organisation_id","session_id") REFERENCES "public"."oh_sessions"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_clinicians" ADD CONSTRAINT "oh_clinicians_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_clinicians" ADD CONSTRAINT "oh_clinicians_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_notes" ADD CONSTRAINT "oh_notes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_notes" ADD CONSTRAINT "oh_notes_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_notes" ADD CONSTRAINT "oh_notes_organisation_id_referral_id_oh_referrals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."oh_referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_referrals" ADD CONSTRAINT "oh_referrals_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_referrals" ADD CONSTRAINT "oh_referrals_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_referrals" ADD CONSTRAINT "oh_referrals_referred_by_user_id_users_id_fk" FOREIGN KEY ("referred_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_referrals" ADD CONSTRAINT "oh_referrals_triaged_by_user_id_users_id_fk" FOREIGN KEY ("triaged_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_referrals" ADD CONSTRAINT "oh_referrals_clinician_user_id_users_id_fk" FOREIGN KEY ("clinician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_report_corrections" ADD CONSTRAINT "oh_report_corrections_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_report_corrections" ADD CONSTRAINT "oh_report_corrections_answered_by_user_id_users_id_fk" FOREIGN KEY ("answered_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_report_versions" ADD CONSTRAINT "oh_report_versions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_report_versions" ADD CONSTRAINT "oh_report_versions_changed_by_user_id_users_id_fk" FOREIGN KEY ("changed_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_reports" ADD CONSTRAINT "oh_reports_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_reports" ADD CONSTRAINT "oh_reports_author_user_id_users_id_fk" FOREIGN KEY ("author_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_reports" ADD CONSTRAINT "oh_reports_organisation_id_referral_id_oh_referrals_organisation_id_id_fk" FOREIGN KEY ("organisation_id","referral_id") REFERENCES "public"."oh_referrals"("organisation_id","id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_service_clients" ADD CONSTRAINT "oh_service_clients_provider_organisation_id_organisations_id_fk" FOREIGN KEY ("provider_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_service_clients" ADD CONSTRAINT "oh_service_clients_client_organisation_id_organisations_id_fk" FOREIGN KEY ("client_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_service_settings" ADD CONSTRAINT "oh_service_settings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_sessions" ADD CONSTRAINT "oh_sessions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "oh_sessions" ADD CONSTRAINT "oh_sessions_clinician_user_id_users_id_fk" FOREIGN KEY ("clinician_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "oh_appointments_one_per_slot" ON "oh_appointments" USING btree ("provider_organisation_id","session_id","slot") WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX "oh_appointments_referral" ON "oh_appointments" USING btree ("organisation_id","referral_id");--> statement-breakpoint
CREATE INDEX "oh_appointments_day" ON "oh_appointments" USING btree ("provider_organisation_id","held_on");--> statement-breakpoint
CREATE INDEX "oh_notes_referral" ON "oh_notes" USING btree ("organisation_id","referral_id");--> statement-breakpoint
CREATE INDEX "oh_referrals_person" ON "oh_referrals" USING btree ("organisation_id","person_id");--> statement-breakpoint
CREATE INDEX "oh_referrals_provider_status" ON "oh_referrals" USING btree ("provider_organisation_id","status");--> statement-breakpoint
CREATE INDEX "oh_referrals_referrer" ON "oh_referrals" USING btree ("organisation_id","referred_by_user_id");--> statement-breakpoint
CREATE INDEX "oh_report_corrections_report" ON "oh_report_corrections" USING btree ("organisation_id","report_id");--> statement-breakpoint
CREATE INDEX "oh_report_versions_report" ON "oh_report_versions" USING btree ("organisation_id","report_id");--> statement-breakpoint
CREATE UNIQUE INDEX "oh_reports_one_per_referral" ON "oh_reports" USING btree ("organisation_id","referral_id");--> statement-breakpoint
CREATE INDEX "oh_service_clients_provider" ON "oh_service_clients" USING btree ("provider_organisation_id");--> statement-breakpoint
CREATE INDEX "oh_sessions_clinician_day" ON "oh_sessions" USING btree ("organisation_id","clinician_user_id","held_on");--> statement-breakpoint
CREATE OR REPLACE FUNCTION wellwork_oh_acting_for() RETURNS integer[]
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(string_to_array(nullif(current_setting('wellwork.oh_organisations', true), ''), ',')::integer[], '{}'::integer[])
$fn$;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_service_clients TO wellwork_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_service_settings TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_service_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_service_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_service_settings USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_clinicians TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_clinicians ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_clinicians FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_clinicians USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_sessions TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_sessions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_sessions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_sessions USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_referrals TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_referrals ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_referrals FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_referrals USING (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_appointments TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_appointments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_appointments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_appointments USING (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_reports TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_reports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_reports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_reports USING (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_report_versions TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_report_versions ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_report_versions FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_report_versions USING (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_report_corrections TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_report_corrections ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_report_corrections FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_report_corrections USING (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()) OR organisation_id = ANY (wellwork_oh_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON oh_notes TO wellwork_app;
--> statement-breakpoint
ALTER TABLE oh_notes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE oh_notes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON oh_notes USING (organisation_id = ANY (wellwork_oh_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_oh_acting_for()));
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO wellwork_app;
