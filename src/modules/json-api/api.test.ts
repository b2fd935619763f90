/**
 * The JSON API with an organisation's key: the absence report equals the one the command line
 * and the report page give, bad queries are refused with a message, and keys are held to their
 * organisation and scopes.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { apiKeysRepository } from '../user-accounts/api-keys-repository.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { reportCells, columnsFor } from '../absence-report/report-format.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';

const { services, app } = await openTestApp();

async function organisationWithKey(scopes: string[]) {
  const organisation = await createTestOrganisation(services);
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const key = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    apiKeysRepository(db, organisation.id).create({
      name: 'Payroll link',
      scopes,
      createdByUserId: admin.id,
    }),
  );
  return { organisation, key };
}

const get = (url: string, key?: string) =>
  app.inject({ method: 'GET', url, headers: key ? { authorization: `Bearer ${key}` } : {} });

test('the absence report through the API is the report, row for row', async () => {
  const { organisation, key } = await organisationWithKey(['reports:read']);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'A1', unitPath: ['Place', 'Parks'] }),
    personRow({
      employeeNumber: 'A2',
      unitPath: ['Resources'],
      weeklyHours: 18.5,
      pattern: { hours: [7.4, 7.4, 3.7, 0, 0, 0, 0], worksBankHolidays: false },
    }),
  ]);
  const imported = await importAbsences(
    services,
    organisation.id,
    [
      {
        row: 2,
        employeeNumber: 'A1',
        type: 'sickness',
        startDate: '2025-03-03',
        endDate: '2025-03-05',
        reasonCode: 'S12',
        firstDayHours: null,
        notes: null,
      },
      {
        row: 3,
        employeeNumber: 'A2',
        type: 'sickness',
        startDate: '2025-03-10',
        endDate: null,
        reasonCode: 'S10',
        firstDayHours: 2,
        notes: null,
      },
    ],
    {},
  );
  assert.ok(imported.ok);

  const response = await get(
    `/api/v1/reports/absence?from=2025-03-01&to=2025-04-30&by=directorate&method=hours`,
    key,
  );
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json<{ organisation: string; rows: Record<string, string | number>[] }>();
  assert.equal(body.organisation, organisation.slug);
  const expected = await runAbsenceReport(
    services.database,
    { ...organisation, region: 'england-and-wales', fullTimeHours: 37, onCostRate: 0.28 },
    {
      from: '2025-03-01',
      to: '2025-04-30',
      by: 'directorate',
      method: 'hours',
    },
  );
  const columns = columnsFor('hours');
  assert.deepEqual(
    body.rows,
    reportCells(expected, 'hours').map((cells) =>
      Object.fromEntries(columns.map((c, i) => [c, c === 'group' ? cells[i] : Number(cells[i])])),
    ),
  );
  assert.deepEqual(
    body.rows.map((r) => r.group),
    ['Place', 'Resources', 'TOTAL'],
  );
  const total = body.rows.at(-1)!;
  assert.equal(total.episodes, 2);
  assert.equal(
    total.long_term_episodes,
    1,
    'the open episode has lasted 28 days or more by the end of April',
  );
});

test('bad queries are refused with a message that says what is wrong', async () => {
  const { key } = await organisationWithKey(['reports:read']);
  const badBy = await get('/api/v1/reports/absence?from=2025-01-01&to=2025-12-31&by=team', key);
  assert.equal(badBy.statusCode, 400);
  assert.match(
    JSON.stringify(badBy.json<{ problems: unknown[] }>().problems),
    /by must be one of organisation/,
  );
  const backwards = await get('/api/v1/reports/absence?from=2025-12-31&to=2025-01-01&by=unit', key);
  assert.equal(backwards.statusCode, 400);
  assert.match(backwards.json<{ error: string }>().error, /to must not be before from/);
  const badDate = await get('/api/v1/reports/absence?from=2025-02-30&to=2025-03-01&by=unit', key);
  assert.equal(badDate.statusCode, 400);
});

test('keys are held to their scopes, and a revoked or missing key is refused', async () => {
  const { key } = await organisationWithKey(['people:read']);
  const noScope = await get('/api/v1/reports/absence?from=2025-01-01&to=2025-12-31&by=unit', key);
  assert.equal(noScope.statusCode, 403);
  assert.equal((await get('/api/v1/people', key)).statusCode, 200);
  const missing = await get('/api/v1/people');
  assert.equal(missing.statusCode, 401);
  assert.equal(missing.headers['www-authenticate'], 'Bearer');
  assert.equal((await get('/api/v1/people', 'ww_not-a-real-key')).statusCode, 401);
});

test('the OpenAPI document describes the report with its parameters', async () => {
  const response = await get('/api/openapi.json');
  assert.equal(response.statusCode, 200);
  const document = response.json<{
    openapi: string;
    paths: Record<string, { get?: { parameters?: { name: string }[] } }>;
  }>();
  assert.match(document.openapi, /^3\.1/);
  const parameters = document.paths['/api/v1/reports/absence']?.get?.parameters?.map((p) => p.name) ?? [];
  for (const name of ['from', 'to', 'by', 'method']) assert.ok(parameters.includes(name), name);
});
