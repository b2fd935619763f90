/**
 * Every table whose rows belong to one organisation is isolated by row-level security: the
 * policy is there and forced, and the application role sees another organisation's rows in none
 * of them. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from './database.ts';
import { TENANT_TABLES } from './schema.ts';
import { openTestServices } from '../testing/test-services.ts';
import { createTestOrganisation } from '../testing/factories.ts';

const services = await openTestServices();

/** Tables with an organisation_id read before any organisation is in scope (sign-in, partnership). */
const SHARED_TABLES = ['role_grants', 'audit_events', 'membership_agreements'];

test('every tenant table has a forced organisation policy', async () => {
  const tables = await queryRows<{ relname: string; relrowsecurity: boolean; relforcerowsecurity: boolean }>(
    services.database.system,
    sql`select c.relname, c.relrowsecurity, c.relforcerowsecurity from pg_class c
        join pg_namespace n on n.oid = c.relnamespace
        where n.nspname = 'public' and c.relkind = 'r'`,
  );
  const policies = await queryRows<{ tablename: string }>(
    services.database.system,
    sql`select tablename from pg_policies where schemaname = 'public' and policyname = 'organisation_isolation'`,
  );
  for (const name of TENANT_TABLES) {
    const table = tables.find((t) => t.relname === name);
    assert.ok(table, `${name} exists`);
    assert.equal(table.relrowsecurity, true, `${name} has row-level security`);
    assert.equal(table.relforcerowsecurity, true, `${name} forces row-level security`);
    assert.ok(
      policies.some((p) => p.tablename === name),
      `${name} has the organisation policy`,
    );
  }
  // Every table with an organisation_id column is a tenant table.
  const withOrganisation = await queryRows<{ table_name: string }>(
    services.database.system,
    sql`select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'organisation_id'`,
  );
  const untenanted = withOrganisation
    .map((c) => c.table_name)
    .filter((t) => !(TENANT_TABLES as readonly string[]).includes(t) && !SHARED_TABLES.includes(t));
  assert.deepEqual(untenanted, [], 'tables with an organisation_id that row-level security does not cover');
});

test('the application role cannot write a row into another organisation', async () => {
  const own = await createTestOrganisation(services);
  const other = await createTestOrganisation(services);
  await assert.rejects(
    services.database.scoped({ organisationIds: [own.id] }, (db) =>
      db.execute(
        sql`insert into organisation_benchmarks (organisation_id, name, measure, value, period, source)
            values (${other.id}, 'Regional network', 'absence_rate_pct', 4.1, '2024', 'North West Employers')`,
      ),
    ),
    (error: Error) =>
      /row-level security/.test(error.cause instanceof Error ? error.cause.message : error.message),
  );
  await services.database.scoped({ organisationIds: [own.id] }, (db) =>
    db.execute(
      sql`insert into organisation_benchmarks (organisation_id, name, measure, value, period, source)
          values (${own.id}, 'Regional network', 'absence_rate_pct', 4.1, '2024', 'North West Employers')`,
    ),
  );
  const seen = await services.database.scoped({ organisationIds: [other.id] }, (db) =>
    queryRows<{ n: number }>(db, sql`select count(*)::int as n from organisation_benchmarks`),
  );
  assert.equal(seen[0]?.n, 0);
});
