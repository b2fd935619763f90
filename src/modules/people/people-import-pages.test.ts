import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { people } from '../../db/schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';

test('a people file with a problem is reported by row and column and nothing is written; fixed, it imports once', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;
  await session.get(url);
  const bad = await session.upload(
    url,
    {},
    { field: 'file', name: 'people.csv', content: await readFile('tests/fixtures/people-with-error.csv') },
  );
  assert.equal(bad.statusCode, 400);
  const cells = bad
    .$('#problems tbody tr td')
    .map((_, td) => bad.$(td).text().trim())
    .get();
  assert.deepEqual(cells, [
    '2',
    'start_date',
    'start_date "2026-02-30" is not a date in the form YYYY-MM-DD',
  ]);
  const count = async () =>
    (
      await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
        db.select().from(people).where(eq(people.organisationId, organisation.id)),
      )
    ).length;
  assert.equal(await count(), 0);

  const preview = await session.upload(
    url,
    {},
    { field: 'file', name: 'people.csv', content: await readFile('tests/fixtures/people-fixed.csv') },
  );
  assert.equal(preview.statusCode, 200, preview.$('main').text());
  assert.equal(preview.$('h1').text(), 'Check the import');
  assert.equal(await count(), 0, 'the preview writes nothing');
  const pendingId = preview.$('input[name="pendingId"]').val();
  assert.equal(typeof pendingId, 'string');
  const done = await session.post(`${url}/confirm`, { pendingId: String(pendingId) });
  assert.equal(done.statusCode, 302);
  assert.equal(await count(), 2);
  const again = await session.post(`${url}/confirm`, { pendingId: String(pendingId) });
  assert.equal(again.statusCode, 400, 'a confirmed import cannot be confirmed twice');
  const [kofi] = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db
      .select()
      .from(people)
      .where(and(eq(people.organisationId, organisation.id), eq(people.employeeNumber, 'NEW002'))),
  );
  assert.equal(kofi?.firstName, 'Kofi');
});

test('units are created below existing ones at any depth', async () => {
  const { services } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [personRow({ unitPath: ['Place'] })]);
  const summary = await createTestPeople(services, organisation.id, [
    personRow({ unitPath: ['Place', 'Highways', 'Street Lighting'] }),
  ]);
  assert.equal(summary.unitsCreated, 2);
});
