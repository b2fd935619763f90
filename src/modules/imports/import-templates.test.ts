/**
 * Every import page offers a template CSV: SPEC §7's columns for that import, in order, and an
 * example row that the import itself accepts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { HttpSession } from '../../testing/browser-session.ts';
import { createTestAccount, createTestOrganisation } from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { ABSENCE_COLUMNS } from '../absences/absences-csv.ts';
import { PEOPLE_COLUMNS } from '../people/people-csv.ts';

const { services, app } = await openTestApp();

/** Follows the import page's template link and imports what it downloads, through the page. */
async function importTemplate(session: HttpSession, page: string, fileName: string) {
  const upload = await session.get(page);
  assert.equal(upload.statusCode, 200);
  const link = upload.$('a:contains("Download a template CSV file")');
  assert.equal(link.length, 1, 'the page links to its template');
  const href = String(link.attr('href'));
  const template = await session.download(href);
  assert.equal(template.statusCode, 200);
  assert.match(String(template.headers['content-type']), /^text\/csv/);
  assert.match(String(template.headers['content-disposition']), new RegExp(`filename="${fileName}"`));
  const csv = template.body.toString('utf8');
  const preview = await session.upload(
    page,
    {},
    { field: 'file', name: fileName, content: Buffer.from(csv) },
  );
  assert.equal(preview.statusCode, 200, preview.$('#problems').text());
  const pendingId = String(preview.$('input[name="pendingId"]').val());
  const done = await session.post(`${page}/confirm`, { pendingId });
  assert.equal(done.statusCode, 302);
  const rows: string[][] = parse(csv);
  return rows;
}

test('the people and absences templates have the columns of SPEC §7 and import as they are', async () => {
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);

  const people = await importTemplate(
    session,
    `/o/${organisation.slug}/people-import`,
    'people-template.csv',
  );
  assert.deepEqual(people[0], [...PEOPLE_COLUMNS.required, ...PEOPLE_COLUMNS.optional]);
  assert.equal(people.length, 2, 'the header and one example row');
  assert.deepEqual(people[0]?.slice(0, 6), [
    'employee_number',
    'first_name',
    'last_name',
    'unit',
    'start_date',
    'weekly_hours',
  ]);

  // The absences template's example belongs to the people template's example person.
  const absences = await importTemplate(
    session,
    `/o/${organisation.slug}/absences-import`,
    'absences-template.csv',
  );
  assert.deepEqual(absences[0], [...ABSENCE_COLUMNS.required, ...ABSENCE_COLUMNS.optional]);
  assert.equal(
    absences[0]?.join(','),
    'employee_number,type,start_date,end_date,reason_code,first_day_hours,notes',
  );
  assert.equal(absences.length, 2);

  const person = await session.get(`/o/${organisation.slug}/people?q=E1001`);
  assert.match(person.$('main').text(), /Okafor/);
});

test('the templates are for those who may import', async () => {
  const organisation = await createTestOrganisation(services);
  const employee = await createTestAccount(services, organisation.id, ['employee']);
  const session = await new HttpSession(app).signIn(employee.email, employee.password);
  for (const url of [
    `/o/${organisation.slug}/people-import/people-template.csv`,
    `/o/${organisation.slug}/absences-import/absences-template.csv`,
  ]) {
    const response = await session.download(url);
    assert.ok([403, 404].includes(response.statusCode), `${url}: ${response.statusCode}`);
  }
});
