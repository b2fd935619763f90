-- Row-level security: the application connects (or switches with SET ROLE) to wellwork_app,
-- a role that owns no table, and each transaction says which organisations it may act for in
-- the setting wellwork.organisations (a comma-separated list of ids). Every tenant table then
-- refuses rows of any other organisation, whatever a query asks for.
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'wellwork_app') THEN
    CREATE ROLE wellwork_app NOLOGIN;
  END IF;
END
$$;
--> statement-breakpoint
GRANT USAGE ON SCHEMA public TO wellwork_app;
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO wellwork_app;
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO wellwork_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO wellwork_app;
--> statement-breakpoint
ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO wellwork_app;
--> statement-breakpoint
CREATE OR REPLACE FUNCTION wellwork_acting_for() RETURNS integer[]
LANGUAGE sql STABLE AS $fn$
  SELECT coalesce(string_to_array(nullif(current_setting('wellwork.organisations', true), ''), ',')::integer[], '{}'::integer[])
$fn$;
--> statement-breakpoint
ALTER TABLE units ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE units FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON units USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE sites ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE sites FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON sites USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE people ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE people FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON people USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE employment_spells ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE employment_spells FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON employment_spells USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON api_keys USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE pending_imports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE pending_imports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON pending_imports USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE absences ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE absences FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON absences USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
ALTER TABLE absence_changes ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE absence_changes FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON absence_changes USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
