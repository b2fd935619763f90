#!/usr/bin/env bash
# Regenerates the schema migration from src/db/schema.ts and the row-level security migration
# from TENANT_TABLES. Used only while no installation has applied the migrations.
set -euo pipefail
cd "$(dirname "$0")/.."
rm -rf drizzle
npx drizzle-kit generate --name foundation >/dev/null
npx drizzle-kit generate --custom --name row_level_security >/dev/null
tables=$(node -e "
const s=require('fs').readFileSync('src/db/schema.ts','utf8');
const m=/TENANT_TABLES = \[([^\]]*)\]/.exec(s); console.log(m[1].replace(/['\s]/g,'').split(',').filter(Boolean).join(' '))")
{
cat <<'SQL'
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
SQL
for t in $tables; do cat <<SQL
--> statement-breakpoint
ALTER TABLE $t ENABLE ROW LEVEL SECURITY;
--> statement-breakpoint
ALTER TABLE $t FORCE ROW LEVEL SECURITY;
--> statement-breakpoint
CREATE POLICY organisation_isolation ON $t USING (organisation_id = ANY (wellwork_acting_for())) WITH CHECK (organisation_id = ANY (wellwork_acting_for()));
SQL
done
} > drizzle/0001_row_level_security.sql
echo "Migrations regenerated for tenant tables: $tables"
