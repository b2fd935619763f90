/**
 * Adjustments recommended by an occupational health report join the person's active action plan
 * as goals, which the person is then asked to agree again, or start a plan; never twice. Runs on
 * PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { people } from '../people/people-schema.ts';
import { actionPlansRepository, addRecommendedAdjustments } from './action-plans-repository.ts';

const services = await openTestServices();

test('recommended adjustments join the active plan once, and the person is asked to agree it again', async () => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [personRow()]);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const source = {
    description: 'Recommended by occupational health',
    reviewBy: '2027-03-01',
    byUserId: hr.id,
  };
  await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    const [person] = await db.select({ id: people.id }).from(people);
    assert.ok(person);
    const plans = actionPlansRepository(db, organisation.id);

    // With no plan, a plan is started with them.
    assert.equal(
      await addRecommendedAdjustments(db, organisation.id, person.id, ['A later start'], source),
      1,
    );
    const [started] = await plans.forPerson(person.id);
    assert.deepEqual(
      started?.goals.map((g) => g.what),
      ['A later start'],
    );
    assert.equal(started?.nextReviewDate, '2027-03-01');

    // The person agrees it; more adjustments join it, and ask them to agree again; none twice.
    await plans.respond(started.id, '', true);
    assert.ok((await plans.find(started.id))?.agreedByEmployeeAt);
    assert.equal(
      await addRecommendedAdjustments(
        db,
        organisation.id,
        person.id,
        ['A later start', 'A quiet room'],
        source,
      ),
      1,
    );
    const grown = await plans.find(started.id);
    assert.deepEqual(
      grown?.goals.map((g) => g.what),
      ['A later start', 'A quiet room'],
    );
    assert.equal(grown?.agreedByEmployeeAt, null);
    assert.equal((await plans.forPerson(person.id)).length, 1);
    assert.equal(
      await addRecommendedAdjustments(db, organisation.id, person.id, ['A quiet room'], source),
      0,
    );
  });
});
