/**
 * Every table whose rows belong to one organisation is isolated by row-level security: the
 * policy is there and forced, and the application role sees another organisation's rows in none
 * of them. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from './database.ts';
import { openTestServices } from '../testing/test-services.ts';
import { createTestOrganisation } from '../testing/factories.ts';

const services = await openTestServices();

/** Tables with an organisation_id read before any organisation is in scope (sign-in, partnership). */
const SHARED_TABLES = [
  'role_grants',
  'account_suspensions',
  'account_invitations',
  'audit_events',
  'membership_agreements',
];

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
  // Every table with an organisation_id column is a tenant table, whichever module owns it,
  // but for the few read before any organisation is in scope.
  const withOrganisation = await queryRows<{ table_name: string }>(
    services.database.system,
    sql`select table_name from information_schema.columns
        where table_schema = 'public' and column_name = 'organisation_id'`,
  );
  const tenantTables = withOrganisation.map((c) => c.table_name).filter((t) => !SHARED_TABLES.includes(t));
  assert.ok(tenantTables.length >= 27, `${tenantTables.length} tenant tables`);
  for (const name of tenantTables) {
    const table = tables.find((t) => t.relname === name);
    assert.ok(table, `${name} exists`);
    assert.equal(table.relrowsecurity, true, `${name} has row-level security`);
    assert.equal(table.relforcerowsecurity, true, `${name} forces row-level security`);
    assert.ok(
      policies.some((p) => p.tablename === name),
      `${name} has the organisation policy`,
    );
  }
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

test('a scoped transaction is all or nothing, nests as savepoints, and leaves its connection as it was', async () => {
  const own = await createTestOrganisation(services);
  const count = () =>
    services.database.scoped({ organisationIds: [own.id] }, (db) =>
      queryRows<{ n: number }>(db, sql`select count(*)::int as n from organisation_benchmarks`),
    );
  await assert.rejects(
    services.database.scoped({ organisationIds: [own.id] }, async (db) => {
      await db.execute(
        sql`insert into organisation_benchmarks (organisation_id, name, measure, value, period, source)
            values (${own.id}, 'Regional network', 'absence_rate_pct', 4.1, '2024', 'North West Employers')`,
      );
      throw new Error('changed my mind');
    }),
    /changed my mind/,
  );
  assert.equal((await count())[0]?.n, 0, 'the insert was rolled back');
  // A transaction within it is a savepoint: its failure undoes its own work only.
  const benchmark = (name: string) =>
    sql`insert into organisation_benchmarks (organisation_id, name, measure, value, period, source)
        values (${own.id}, ${name}, 'absence_rate_pct', 4.1, '2024', 'North West Employers')`;
  await services.database.scoped({ organisationIds: [own.id] }, async (db) => {
    await db.execute(benchmark('Kept'));
    await assert.rejects(
      db.transaction(async (inner) => {
        await inner.execute(benchmark('Undone'));
        throw new Error('not this one');
      }),
      /not this one/,
    );
  });
  const names = await services.database.scoped({ organisationIds: [own.id] }, (db) =>
    queryRows<{ name: string }>(db, sql`select name from organisation_benchmarks`),
  );
  assert.deepEqual(
    names.map((n) => n.name),
    ['Kept'],
  );
  // Whichever connection served them, none is left acting as the application role or for an
  // organisation once its transaction is over.
  for (let i = 0; i < 12; i++) {
    const [after] = await queryRows<{ role: string; acting: string | null }>(
      services.database.system,
      sql`select current_user as role, nullif(current_setting('wellwork.organisations', true), '') as acting`,
    );
    assert.notEqual(after?.role, 'wellwork_app');
    assert.equal(after?.acting ?? null, null);
  }
});
