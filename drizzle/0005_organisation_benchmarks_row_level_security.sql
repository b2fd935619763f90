-- Row-level security for the organisations' own benchmarks, as for every tenant table (0001).
GRANT SELECT, INSERT, UPDATE, DELETE ON organisation_benchmarks TO wellwork_app;
--> statement-breakpoint
ALTER TABLE organisation_benchmarks ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE organisation_benchmarks FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON organisation_benchmarks USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
