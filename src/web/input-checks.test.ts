/**
 * Input the service cannot use is refused with a 4xx that says what and where, never a 500:
 * NUL bytes anywhere, ids that are not ids, JSON sent to a page's form, and dates in the years
 * 0000 or 9999.
 */
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { sql } from 'drizzle-orm';
import { buildApp } from '../app.ts';
import { ROLES } from '../domain/roles.ts';
import { HttpSession } from '../testing/browser-session.ts';
import { accessFixture } from '../testing/access-fixture.ts';
import { openTestApp } from '../testing/test-services.ts';
import { parseRecordId } from './record-ids.ts';

const { services, app } = await openTestApp();
const own = await accessFixture(services, 'Checked Borough Council');
await services.users.grant(own.owner.id, own.organisationId, [...ROLES]);
const session = await new HttpSession(app).signIn(own.owner.email, own.owner.password);
const base = `/o/${own.slug}`;
const api = { authorization: `Bearer ${own.apiKey.all}` };

const messageOf = (response: { $: { (selector: string): { text(): string } } }) =>
  response.$('main').text().replace(/\s+/g, ' ');

test('a record id is a positive whole number that PostgreSQL can hold', () => {
  assert.equal(parseRecordId('1'), 1);
  assert.equal(parseRecordId('2147483647'), 2_147_483_647);
  for (const bad of [
    '',
    '0',
    '-1',
    '1.5',
    '1e3',
    '1e309',
    'zzz',
    '2147483648',
    '99999999999999',
    ' ',
    null,
  ]) {
    assert.equal(parseRecordId(bad), null, String(bad));
  }
});

test('a NUL byte in the query, the address or a form is refused, naming the field', async () => {
  const search = await session.get(`${base}/people?q=%00`);
  assert.equal(search.statusCode, 400);
  assert.match(messageOf(search), /“q” in the address’s query contains a NUL character/);

  const address = await session.get(`/o/x%00y/people`);
  assert.equal(address.statusCode, 400);
  assert.match(messageOf(address), /“org” in the address contains a NUL character/);

  await session.get(`${base}/units/new`);
  const form = await session.post(`${base}/units/new`, { name: 'Parks\u0000', parentId: '' });
  assert.equal(form.statusCode, 400);
  assert.match(messageOf(form), /“name” in the form contains a NUL character/);

  const fromApi = await app.inject({ url: '/api/v1/people?unit=%00', headers: api });
  assert.equal(fromApi.statusCode, 400);
  assert.match(fromApi.json<{ error: string }>().error, /“unit” in the address’s query/);
  const body = await app.inject({
    method: 'POST',
    url: '/api/v1/people?dryRun=true',
    headers: api,
    payload: { people: [{ employeeNumber: 'A\u0000' }] },
  });
  assert.equal(body.statusCode, 400);
  assert.match(body.json<{ error: string }>().error, /“people\[0\]\.employeeNumber” in the request body/);
});

test('ids that are not ids are refused in the query and the form, and not found in the address', async () => {
  const unit = await session.get(`${base}/people?unit=99999999999999`);
  assert.equal(unit.statusCode, 400);
  assert.match(messageOf(unit), /“unit”: Choose a unit from the list/);
  // The search form sends its list left at "All units" as an empty unit: a choice not made.
  const everyUnit = await session.get(`${base}/people?q=a&unit=`);
  assert.equal(everyUnit.statusCode, 200);

  await session.get(`${base}/units/new`);
  const parent = await session.post(`${base}/units/new`, { name: 'Parks', parentId: 'zzz' });
  assert.equal(parent.statusCode, 400);
  assert.match(messageOf(parent), /Choose the unit this one sits in/);

  const plan = await session.post(`${base}/people/${own.params.personId}/action-plans/new`, {
    reviewId: '1e309',
  });
  assert.equal(plan.statusCode, 400);
  assert.match(messageOf(plan), /“reviewId” in the form is not the id of a welcome-back review/);

  for (const id of ['99999999999999', '2147483648', '1e309', '-1', 'zzz']) {
    const person = await session.get(`${base}/people/${id}`);
    assert.equal(person.statusCode, 404, id);
  }
});

test('a page takes its form as a browser sends it, never JSON', async () => {
  await session.get(`${base}/people/${own.params.personId}/absences/new`);
  for (const payload of [
    { type: 1, 'startDate-day': true },
    { type: ['sickness'], reason: {} },
  ]) {
    const response = await session.send({
      method: 'POST',
      url: `${base}/people/${own.params.personId}/absences/new`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify(payload),
    });
    assert.equal(response.statusCode, 415);
    assert.match(response.body, /This page takes a form sent as application\/x-www-form-urlencoded/);
  }
});

test('a multipart form that cannot be read is a 400, not a 500', async () => {
  // Found by the fuzzing (src/testing/fuzzing.ts): the parser's errors had no status.
  for (const [contentType, payload] of [
    ['multipart/form-data', ''],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n'],
    ['multipart/form-data; boundary=x', '--x\r\nContent-Disposition: form-data; name="a"\r\n\r\nb'],
  ] as const) {
    for (const url of ['/sign-in', `${base}/absences-import`]) {
      const response = await session.send({
        method: 'POST',
        url,
        headers: { 'content-type': contentType },
        payload,
      });
      assert.equal(response.statusCode, 400, `${url} ${contentType} ${JSON.stringify(payload)}`);
      assert.match(messageOf(response), /The form sent could not be read/);
    }
  }
});

test('the year 0000 or 9999 is refused in the API and in a form’s date', async () => {
  const report = await app.inject({
    url: '/api/v1/reports/absence?from=0000-01-01&to=2025-03-31&by=unit',
    headers: api,
  });
  assert.equal(report.statusCode, 400);
  assert.match(report.body, /between 1900 and 2100/);

  await session.get(`${base}/people/${own.params.personId}/absences/new`);
  const absence = await session.post(`${base}/people/${own.params.personId}/absences/new`, {
    type: 'annual_leave',
    'startDate-day': '1',
    'startDate-month': '1',
    'startDate-year': '0000',
  });
  assert.equal(absence.statusCode, 400);
  assert.match(messageOf(absence), /must be between 1900 and 2100/);
});

test('the add-a-person page lists the organisation’s units', async () => {
  const page = await session.get(`${base}/people/new`);
  assert.equal(page.statusCode, 200);
  assert.ok(page.$('#unitId option').length > 1);
});

test('a value the database cannot take, should a check be missing, is a 400 and not a 500', async () => {
  const checked = await buildApp(services, { logger: false });
  checked.get('/test/data-exception', { config: { access: { kind: 'public' } } }, async () =>
    services.database.system.execute(sql`select ${'99999999999999'}::integer`),
  );
  await checked.ready();
  after(() => checked.close());
  const response = await checked.inject({ url: '/test/data-exception' });
  assert.equal(response.statusCode, 400);
  assert.match(response.body, /A value sent could not be used/);
});
