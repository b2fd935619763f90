-- Failed sign-ins, counted per account and per network address in the database rather than in
-- each server's memory, so that every server sees the same counts. Not a tenant table: no
-- organisation owns a sign-in attempt, and only the owner's connection reads it.
CREATE TABLE "sign_in_throttle" (
	"key" text PRIMARY KEY NOT NULL,
	"failures" integer NOT NULL,
	"last_failure_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "sign_in_throttle_last_failure_at" ON "sign_in_throttle" USING btree ("last_failure_at");