-- Each organisation controls only its own grants. An organisation's admin used to disable an
-- account everywhere (users.disabled) and to attach any existing account to the organisation.
-- Now an organisation suspends an account's access to itself alone (account_suspensions), and an
-- existing account joins an organisation only when its holder accepts an invitation
-- (account_invitations). Both are read when the holder signs in, before any organisation is in
-- scope, so like role_grants they are shared tables rather than row-level-secured tenant ones.
CREATE TABLE "account_invitations" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "account_invitations_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"organisation_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"email" text NOT NULL,
	"roles" text[] NOT NULL,
	"person_id" integer,
	"invited_by" integer NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"expires_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "account_suspensions" (
	"organisation_id" integer NOT NULL,
	"user_id" integer NOT NULL,
	"suspended_by" integer,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "account_suspensions_organisation_id_user_id_pk" PRIMARY KEY("organisation_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_invitations" ADD CONSTRAINT "account_invitations_invited_by_users_id_fk" FOREIGN KEY ("invited_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_suspensions" ADD CONSTRAINT "account_suspensions_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_suspensions" ADD CONSTRAINT "account_suspensions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "account_suspensions" ADD CONSTRAINT "account_suspensions_suspended_by_users_id_fk" FOREIGN KEY ("suspended_by") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "account_invitations_organisation_user_key" ON "account_invitations" USING btree ("organisation_id","user_id");--> statement-breakpoint
CREATE INDEX "account_invitations_user" ON "account_invitations" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "account_suspensions_user" ON "account_suspensions" USING btree ("user_id");--> statement-breakpoint
-- Until now only an organisation's admin could disable an account, and that disabled it in every
-- organisation. Keep every such account out of every organisation it holds roles in, as
-- suspensions each organisation can lift for itself, and leave the account itself enabled.
INSERT INTO "account_suspensions" ("organisation_id", "user_id")
SELECT DISTINCT g."organisation_id", g."user_id" FROM "role_grants" g
JOIN "users" u ON u."id" = g."user_id" WHERE u."disabled";
--> statement-breakpoint
UPDATE "users" SET "disabled" = false
WHERE "disabled" AND "id" IN (SELECT "user_id" FROM "role_grants");
