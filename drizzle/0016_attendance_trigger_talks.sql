-- Talks held with people who reached an attendance trigger (attendance-triggers module): the
-- date and an optional note of the outcome. A tenant table under row-level security (0001).
CREATE TABLE "attendance_trigger_talks" (
	"organisation_id" integer NOT NULL,
	"id" integer GENERATED ALWAYS AS IDENTITY (sequence name "attendance_trigger_talks_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"person_id" integer NOT NULL,
	"held_on" date NOT NULL,
	"outcome" text,
	"recorded_by_user_id" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "attendance_trigger_talks_organisation_id_id_pk" PRIMARY KEY("organisation_id","id")
);
--> statement-breakpoint
ALTER TABLE "attendance_trigger_talks" ADD CONSTRAINT "attendance_trigger_talks_recorded_by_user_id_users_id_fk" FOREIGN KEY ("recorded_by_user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "attendance_trigger_talks" ADD CONSTRAINT "attendance_trigger_talks_organisation_id_person_id_people_organisation_id_id_fk" FOREIGN KEY ("organisation_id","person_id") REFERENCES "public"."people"("organisation_id","id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "attendance_trigger_talks_person" ON "attendance_trigger_talks" USING btree ("organisation_id","person_id","held_on");--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON attendance_trigger_talks TO wellwork_app;
--> statement-breakpoint
ALTER TABLE attendance_trigger_talks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE attendance_trigger_talks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON attendance_trigger_talks USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
