import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { test } from 'node:test';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { and, eq } from 'drizzle-orm';
import { pendingImports } from '../imports/imports-schema.ts';
import { people } from './people-schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import type { Services } from '../../services.ts';
import { UPLOAD_ROW_LIMIT } from '../../web/uploads.ts';
import type { PersonRow } from './people-csv.ts';

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

const PEOPLE_HEADER = 'employee_number,first_name,last_name,unit,start_date,weekly_hours';

/** A people file of `count` rows, each a different person in one team. */
function peopleFile(count: number, lastRow?: string): string {
  const lines = [PEOPLE_HEADER];
  for (let i = 1; i <= count; i++) lines.push(`P${i},Ann,Lee,Place > Highways,2020-01-01,37.5`);
  if (lastRow !== undefined) lines[lines.length - 1] = lastRow;
  return `${lines.join('\n')}\n`;
}

async function keptUploads(services: Services, organisationId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    db.select().from(pendingImports).where(eq(pendingImports.organisationId, organisationId)),
  );
}

test('the upload page states how many rows a file may have', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const page = await session.get(`/o/${organisation.slug}/people-import`);
  assert.match(
    page.$('#file-hint').text(),
    /Up to 50,000 rows per file\. Import a larger file with the command line \(wellwork import people\) or through the API\./,
  );
});

test('a file of more rows than an upload may have is refused, naming the limit, and nothing is kept', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;
  await session.get(url);
  const response = await session.upload(
    url,
    {},
    { field: 'file', name: 'everyone.csv', content: peopleFile(UPLOAD_ROW_LIMIT + 1) },
  );
  assert.equal(response.statusCode, 400);
  const problems = response
    .$('#problems tbody tr td')
    .map((_, td) => response.$(td).text().trim())
    .get();
  assert.deepEqual(problems, [
    'File',
    '',
    'the file has more than 50,000 rows, the most a file may have here: split it into files of up to 50,000 rows, or import it with the command line (wellwork import people) or through the API',
  ]);
  assert.equal(response.$('h1').text(), 'Import people from a CSV file');
  assert.deepEqual(await keptUploads(services, organisation.id), [], 'nothing of the file is kept');
});

test('a previewed file is kept as the rows read from it, not as the file', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;
  await session.get(url);
  const file = await readFile('tests/fixtures/people-fixed.csv');
  const preview = await session.upload(url, {}, { field: 'file', name: 'people.csv', content: file });
  assert.equal(preview.statusCode, 200, preview.$('main').text());
  const [kept, ...others] = await keptUploads(services, organisation.id);
  assert.equal(others.length, 0);
  assert.ok(kept);
  assert.equal(kept.fileName, 'people.csv');
  assert.notEqual(kept.content, file.toString('utf8'));
  assert.ok(!kept.content.includes('employee_number,first_name'), 'the header row is not kept');
  const rows = kept.content.split('\n').map((line) => JSON.parse(line) as PersonRow);
  assert.deepEqual(
    rows.map((r) => [r.row, r.employeeNumber, r.unitPath, r.managerEmployeeNumber, r.pattern.hours]),
    [
      [2, 'NEW001', ['Adult Social Care', 'Reablement', 'East Team'], null, [7.4, 7.4, 7.4, 0, 0, 0, 0]],
      [
        3,
        'NEW002',
        ['Adult Social Care', 'Reablement', 'East Team'],
        'NEW001',
        [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0],
      ],
    ],
  );
});

test('the service keeps answering while a file as long as an upload may have is read', async () => {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people-import`;
  await session.get(url);
  // The last row has a problem, so the answer comes as soon as the whole file has been read.
  const file = peopleFile(UPLOAD_ROW_LIMIT, `P${UPLOAD_ROW_LIMIT},Ann,Lee,Place > Highways,2020-02-30,37.5`);

  // Someone else's requests, one after another, for as long as the file is being read. Reading
  // that held the process from start to end would let at most a few through, before it began.
  let read = false;
  const upload = session.upload(url, {}, { field: 'file', name: 'people.csv', content: file }).finally(() => {
    read = true;
  });
  let answeredMeanwhile = 0;
  while (!read) {
    // A request from the network arrives on a turn of the event loop of its own.
    await nextTurn();
    const health = await app.inject({ method: 'GET', url: '/health' });
    assert.equal(health.statusCode, 200);
    if (!read) answeredMeanwhile += 1;
  }
  const response = await upload;
  assert.equal(response.statusCode, 400);
  assert.match(response.$('#problems').text(), /start_date "2020-02-30" is not a date/);
  assert.ok(
    answeredMeanwhile >= UPLOAD_ROW_LIMIT / 5000,
    `only ${answeredMeanwhile} requests were answered while the file was read`,
  );
});
