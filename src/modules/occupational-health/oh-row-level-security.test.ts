/**
 * Occupational health rows belong to the employee's organisation. An OH service reaches them only
 * when it acts as the service for that organisation, and then reaches nothing else of the
 * organisation's; clinical notes are out of reach of the organisation itself. Runs on PGlite, and
 * on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows, type Db, type Scope } from '../../db/database.ts';
import { openTestServices } from '../../testing/test-services.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { ohNotes, ohReferrals, ohServiceClients } from './occupational-health-schema.ts';
import { serviceScope } from './oh-service-scope-queries.ts';

const services = await openTestServices();

test('an OH service reaches the OH rows of the organisations it serves, and nothing else of theirs', async () => {
  const provider = await createTestOrganisation(services);
  const client = await createTestOrganisation(services);
  const other = await createTestOrganisation(services);
  await createTestPeople(services, client.id, [personRow()]);
  const clinician = await createTestAccount(services, provider.id, ['oh_clinician']);
  await services.database.system.insert(ohServiceClients).values({
    providerOrganisationId: provider.id,
    clientOrganisationId: client.id,
    servedFrom: '2026-01-01',
  });
  const count = (db: Db, table: string) =>
    queryRows<{ n: number }>(db, sql.raw(`select count(*)::int as n from ${table}`)).then((r) => r[0]?.n);

  // The client's HR writes a referral in its own organisation.
  const referral = await services.database.scoped({ organisationIds: [client.id] }, async (db) => {
    const [row] = await db
      .insert(ohReferrals)
      .values({
        organisationId: client.id,
        providerOrganisationId: provider.id,
        personId: 1,
        kind: 'management',
        referrerRelation: 'hr',
        personName: 'Alex Example',
        status: 'submitted',
      })
      .returning();
    return row;
  });
  assert.ok(referral);

  assert.equal(await serviceScope(services.database.system, other.id, '2026-06-01'), null, 'no OH service');
  const scope = (await serviceScope(services.database.system, provider.id, '2026-06-01')) as Scope;
  assert.deepEqual(scope, { organisationIds: [provider.id], ohOrganisationIds: [client.id] });
  assert.deepEqual(
    await serviceScope(services.database.system, provider.id, '2025-12-31'),
    null,
    'not yet served',
  );

  await services.database.scoped(scope, async (db) => {
    assert.equal(await count(db, 'oh_referrals'), 1, 'the service reaches the client’s referral');
    assert.equal(await count(db, 'people'), 0, 'and none of the client’s people');
    await db.insert(ohNotes).values({
      organisationId: client.id,
      referralId: referral.id,
      authorUserId: clinician.id,
      sealedText: 'v1.sealed',
      keyId: 'test',
    });
    assert.equal(await count(db, 'oh_notes'), 1);
  });
  await services.database.scoped({ organisationIds: [client.id] }, async (db) => {
    assert.equal(await count(db, 'oh_referrals'), 1, 'the client follows its referral');
    assert.equal(await count(db, 'oh_notes'), 0, 'but never reaches a note');
  });
  await services.database.scoped({ organisationIds: [other.id] }, async (db) => {
    assert.equal(await count(db, 'oh_referrals'), 0);
    assert.equal(await count(db, 'oh_notes'), 0);
  });
  // A service acting for its own organisation only cannot write a note into a client's case.
  await assert.rejects(
    services.database.scoped({ organisationIds: [provider.id], ohOrganisationIds: [provider.id] }, (db) =>
      db.insert(ohNotes).values({
        organisationId: client.id,
        referralId: referral.id,
        authorUserId: clinician.id,
        sealedText: 'v1.sealed',
        keyId: 'test',
      }),
    ),
    (error: Error) =>
      /row-level security/.test(error.cause instanceof Error ? error.cause.message : error.message),
  );
});
