-- Row-level security for the attendance workflow's tables, as for every tenant table (0001).
GRANT SELECT, INSERT, UPDATE, DELETE ON attendance_settings TO wellwork_app;
--> statement-breakpoint
ALTER TABLE attendance_settings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE attendance_settings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON attendance_settings USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON support_services TO wellwork_app;
--> statement-breakpoint
ALTER TABLE support_services ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE support_services FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON support_services USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON welcome_back_reviews TO wellwork_app;
--> statement-breakpoint
ALTER TABLE welcome_back_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE welcome_back_reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON welcome_back_reviews USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON action_plans TO wellwork_app;
--> statement-breakpoint
ALTER TABLE action_plans ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE action_plans FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON action_plans USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON action_plan_reviews TO wellwork_app;
--> statement-breakpoint
ALTER TABLE action_plan_reviews ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE action_plan_reviews FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON action_plan_reviews USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON adjustments_passports TO wellwork_app;
--> statement-breakpoint
ALTER TABLE adjustments_passports ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE adjustments_passports FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON adjustments_passports USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON workplace_adjustments TO wellwork_app;
--> statement-breakpoint
ALTER TABLE workplace_adjustments ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE workplace_adjustments FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON workplace_adjustments USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON attendance_cases TO wellwork_app;
--> statement-breakpoint
ALTER TABLE attendance_cases ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE attendance_cases FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON attendance_cases USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON stage_meetings TO wellwork_app;
--> statement-breakpoint
ALTER TABLE stage_meetings ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE stage_meetings FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON stage_meetings USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON letter_templates TO wellwork_app;
--> statement-breakpoint
ALTER TABLE letter_templates ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE letter_templates FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON letter_templates USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON letters TO wellwork_app;
--> statement-breakpoint
ALTER TABLE letters ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE letters FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON letters USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON dying_to_work TO wellwork_app;
--> statement-breakpoint
ALTER TABLE dying_to_work ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE dying_to_work FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON dying_to_work USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON notifications TO wellwork_app;
--> statement-breakpoint
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON notifications USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO wellwork_app;
