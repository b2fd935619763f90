/**
 * The absences upload pages: a file is checked and previewed, kept as the rows read from it,
 * and imported once on confirmation; a file longer than an upload may have is refused.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import { absences } from './absences-schema.ts';
import { pendingImports } from '../imports/imports-schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import type { AbsenceRow } from './absences-csv.ts';

const HEADER = 'employee_number,type,start_date,end_date,reason_code,first_day_hours,notes';

async function signedInHr() {
  const { services, app } = await openTestApp();
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'A1', startDate: '2020-01-06' }),
    personRow({ employeeNumber: 'A2', startDate: '2020-01-06' }),
  ]);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const scoped = <T>(work: Parameters<typeof services.database.scoped<T>>[1]) =>
    services.database.scoped({ organisationIds: [organisation.id] }, work);
  const kept = () =>
    scoped((db) =>
      db.select().from(pendingImports).where(eq(pendingImports.organisationId, organisation.id)),
    );
  const held = () =>
    scoped((db) => db.select().from(absences).where(eq(absences.organisationId, organisation.id)));
  return { session, url: `/o/${organisation.slug}/absences-import`, kept, held };
}

test('an absences file is previewed, kept as its rows, and imported once on confirmation', async () => {
  const { session, url, kept, held } = await signedInHr();
  const page = await session.get(url);
  assert.match(
    page.$('#file-hint').text(),
    /Up to 50,000 rows per file\. Import a larger file with the command line \(wellwork import absences\)\./,
  );
  const file = [
    HEADER,
    'A1,sickness,2024-03-04,2024-03-06,S12,,"Back pain, lifting"',
    'A2,annual_leave,2024-05-01,2024-05-03,,,',
  ].join('\n');
  const preview = await session.upload(url, {}, { field: 'file', name: 'absences.csv', content: file });
  assert.equal(preview.statusCode, 200, preview.$('main').text());
  assert.equal(preview.$('h1').text(), 'Check the import');
  assert.deepEqual(await held(), [], 'the preview writes nothing');

  const [pending] = await kept();
  assert.ok(pending);
  assert.ok(!pending.content.includes(HEADER), 'the file itself is not kept');
  const rows = pending.content.split('\n').map((line) => JSON.parse(line) as AbsenceRow);
  assert.deepEqual(rows[0], {
    row: 2,
    employeeNumber: 'A1',
    type: 'sickness',
    startDate: '2024-03-04',
    endDate: '2024-03-06',
    reasonCode: 'S12',
    firstDayHours: null,
    notes: 'Back pain, lifting',
  });

  const pendingId = String(preview.$('input[name="pendingId"]').val());
  const done = await session.post(`${url}/confirm`, { pendingId });
  assert.equal(done.statusCode, 302);
  assert.deepEqual((await held()).map((a) => [a.type, a.startDate, a.notes]).sort(), [
    ['annual_leave', '2024-05-01', null],
    ['sickness', '2024-03-04', 'Back pain, lifting'],
  ]);
  assert.deepEqual(await kept(), [], 'a confirmed import is not kept');
  const again = await session.post(`${url}/confirm`, { pendingId });
  assert.equal(again.statusCode, 400, 'a confirmed import cannot be confirmed twice');
  assert.equal((await held()).length, 2);
});

test('an absences file of more rows than an upload may have is refused, naming the limit, and nothing is kept', async () => {
  const { session, url, kept, held } = await signedInHr();
  await session.get(url);
  const lines = [HEADER];
  for (let i = 0; i < 50_001; i++) lines.push('A1,annual_leave,2024-05-01,2024-05-01,,,');
  const response = await session.upload(
    url,
    {},
    { field: 'file', name: 'absences.csv', content: lines.join('\n') },
  );
  assert.equal(response.statusCode, 400);
  assert.equal(
    response.$('#problems tbody td').last().text().trim(),
    'the file has more than 50,000 rows, the most a file may have here: split it into files of up to 50,000 rows, or import it with the command line (wellwork import absences)',
  );
  assert.deepEqual(await kept(), []);
  assert.deepEqual(await held(), []);
});
