/**
 * The partnership is created once, even when two organisations are created at the same time and
 * both find none: the second's insert does nothing and it reads the first's. Runs on PGlite, and
 * on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { createTestOrganisation } from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { DEFAULT_PARTNERSHIP } from './organisation-settings.ts';
import { organisationsRepository } from './organisations-repository.ts';

const services = await openTestServices();

test('an organisation created while another creates the partnership joins that partnership', async () => {
  await createTestOrganisation(services);
  const existing = await services.organisations.partnership();
  assert.ok(existing);

  // As the second of two created at once sees it: no partnership when it looks, one when it inserts.
  const repository = organisationsRepository(services.database.system);
  const readPartnership = repository.partnership.bind(repository);
  let looked = false;
  repository.partnership = async () => {
    if (!looked) {
      looked = true;
      return null;
    }
    return readPartnership();
  };
  const joined = await repository.ensurePartnership(DEFAULT_PARTNERSHIP.slug, DEFAULT_PARTNERSHIP.name);
  assert.equal(joined.id, existing.id);
  const [count] = await queryRows<{ n: number }>(
    services.database.system,
    sql`select count(*)::int as n from partnerships`,
  );
  assert.equal(count?.n, 1);
});
