-- A change to an organisation's units (a name, a place in the structure, a policy) changes the
-- figures shown by unit without changing the summary: it moves the summary's version on, so that
-- figures kept by version (src/web/figures-cache.ts) are made again.
CREATE FUNCTION wellwork_units_changed() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
  IF TG_OP = 'DELETE' THEN
    UPDATE absence_summary_coverage SET version = version + 1
    WHERE organisation_id IN (SELECT DISTINCT organisation_id FROM old_rows);
  ELSE
    UPDATE absence_summary_coverage SET version = version + 1
    WHERE organisation_id IN (SELECT DISTINCT organisation_id FROM new_rows);
  END IF;
  RETURN NULL;
END
$fn$;
--> statement-breakpoint
CREATE TRIGGER units_inserted_figures_version AFTER INSERT ON units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_units_changed();
--> statement-breakpoint
CREATE TRIGGER units_updated_figures_version AFTER UPDATE ON units REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_units_changed();
--> statement-breakpoint
CREATE TRIGGER units_deleted_figures_version AFTER DELETE ON units REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION wellwork_units_changed();
