-- Row-level security for the monthly summary's tables, as for every tenant table (0001); and the
-- triggers that note, on every change to absences, employment spells and people, whose figures
-- the summary must bring up to date (src/modules/absence-report/absence-summary-repository.ts).
GRANT SELECT, INSERT, UPDATE, DELETE ON absence_summary_available TO wellwork_app;
--> statement-breakpoint
ALTER TABLE absence_summary_available ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE absence_summary_available FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON absence_summary_available USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON absence_summary_sickness TO wellwork_app;
--> statement-breakpoint
ALTER TABLE absence_summary_sickness ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE absence_summary_sickness FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON absence_summary_sickness USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON absence_summary_coverage TO wellwork_app;
--> statement-breakpoint
ALTER TABLE absence_summary_coverage ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE absence_summary_coverage FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON absence_summary_coverage USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
GRANT SELECT, INSERT, UPDATE, DELETE ON absence_summary_pending TO wellwork_app;
--> statement-breakpoint
ALTER TABLE absence_summary_pending ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE absence_summary_pending FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON absence_summary_pending USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_absences_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date)
  SELECT organisation_id, person_id, min(start_date) FROM new_rows WHERE type = 'sickness'
  GROUP BY organisation_id, person_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_absences_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date)
  SELECT organisation_id, person_id, min(start_date) FROM old_rows WHERE type = 'sickness'
  GROUP BY organisation_id, person_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_absences_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date)
  SELECT organisation_id, person_id, min(start_date) FROM (
    SELECT o.organisation_id, o.person_id, o.start_date FROM old_rows o
    JOIN new_rows n ON n.organisation_id = o.organisation_id AND n.id = o.id
    WHERE (o.type = 'sickness' OR n.type = 'sickness')
      AND (o.type, o.person_id, o.start_date, o.end_date, o.reason_code, o.first_day_hours)
          IS DISTINCT FROM (n.type, n.person_id, n.start_date, n.end_date, n.reason_code, n.first_day_hours)
    UNION ALL
    SELECT n.organisation_id, n.person_id, n.start_date FROM old_rows o
    JOIN new_rows n ON n.organisation_id = o.organisation_id AND n.id = o.id
    WHERE (o.type = 'sickness' OR n.type = 'sickness')
      AND (o.type, o.person_id, o.start_date, o.end_date, o.reason_code, o.first_day_hours)
          IS DISTINCT FROM (n.type, n.person_id, n.start_date, n.end_date, n.reason_code, n.first_day_hours)
  ) changed
  GROUP BY organisation_id, person_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_spells_inserted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date, unit_id)
  SELECT organisation_id, person_id, min(effective_from), unit_id FROM new_rows
  GROUP BY organisation_id, person_id, unit_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_spells_deleted() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date, unit_id)
  SELECT organisation_id, person_id, min(effective_from), unit_id FROM old_rows
  GROUP BY organisation_id, person_id, unit_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_spells_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date, unit_id)
  SELECT organisation_id, person_id, min(effective_from), unit_id FROM (
    SELECT organisation_id, person_id, effective_from, unit_id FROM old_rows
    UNION ALL
    SELECT organisation_id, person_id, effective_from, unit_id FROM new_rows
  ) changed
  GROUP BY organisation_id, person_id, unit_id;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE FUNCTION wellwork_summary_people_updated() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  INSERT INTO absence_summary_pending (organisation_id, person_id, from_date)
  SELECT n.organisation_id, n.id, least(o.start_date, n.start_date, o.end_date, n.end_date)
  FROM old_rows o JOIN new_rows n ON n.organisation_id = o.organisation_id AND n.id = o.id
  WHERE (o.start_date, o.end_date) IS DISTINCT FROM (n.start_date, n.end_date);
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER summary_absences_inserted AFTER INSERT ON absences REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_absences_inserted();
--> statement-breakpoint
CREATE TRIGGER summary_absences_updated AFTER UPDATE ON absences REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_absences_updated();
--> statement-breakpoint
CREATE TRIGGER summary_absences_deleted AFTER DELETE ON absences REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_absences_deleted();
--> statement-breakpoint
CREATE TRIGGER summary_spells_inserted AFTER INSERT ON employment_spells REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_spells_inserted();
--> statement-breakpoint
CREATE TRIGGER summary_spells_updated AFTER UPDATE ON employment_spells REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_spells_updated();
--> statement-breakpoint
CREATE TRIGGER summary_spells_deleted AFTER DELETE ON employment_spells REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_spells_deleted();
--> statement-breakpoint
CREATE TRIGGER summary_people_updated AFTER UPDATE ON people REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_summary_people_updated();
