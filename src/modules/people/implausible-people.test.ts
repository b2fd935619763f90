/**
 * People who cannot be are refused, through the API and people.csv alike: a name longer than
 * any name, a start date in the year 9999, a person who manages themselves, and line managers
 * who come back round, within the import or through the people already there. Every problem is
 * listed at once, and nothing is written.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { apiKeysRepository } from '../user-accounts/api-keys-repository.ts';
import { parsePeopleCsv } from './people-csv.ts';
import { importPeople } from './people-import.ts';
import { peopleRepository } from './people-repository.ts';

const { services, app } = await openTestApp();

/** An organisation with Head, and Ann who reports to Head, and an API key that may write people. */
async function organisation() {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'HEAD' }),
    personRow({ employeeNumber: 'ANN', managerEmployeeNumber: 'HEAD' }),
  ]);
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const key = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    apiKeysRepository(db, organisation.id).create({
      name: 'HR system',
      scopes: ['people:write'],
      createdByUserId: admin.id,
    }),
  );
  const post = (people: Record<string, unknown>[]) =>
    app.inject({
      method: 'POST',
      url: '/api/v1/people',
      headers: { authorization: `Bearer ${key}` },
      payload: { people },
    });
  const everyone = () =>
    services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      peopleRepository(db, organisation.id).all(),
    );
  return { organisation, post, everyone };
}

const person = (employeeNumber: string, overrides: Record<string, unknown> = {}) => ({
  employeeNumber,
  firstName: 'Priya',
  lastName: 'Shah',
  unit: 'Resources > Payroll',
  startDate: '2024-04-01',
  weeklyHours: 37,
  ...overrides,
});

function problemsOf(response: { statusCode: number; json: () => unknown }) {
  assert.equal(response.statusCode, 422);
  return (response.json() as { problems: { path: string; message: string }[] }).problems;
}

test('the API refuses a 100,000-character first name and a start date in 9999, saying both', async () => {
  const { post, everyone } = await organisation();
  const before = (await everyone()).length;
  const problems = problemsOf(
    await post([person('E1', { firstName: 'A'.repeat(100_000), startDate: '9999-12-31' })]),
  );
  assert.deepEqual(problems, [
    { path: 'people.0.firstName', message: 'firstName must be 100 characters or fewer' },
    {
      path: 'people.0.startDate',
      message: 'must be a real date in the form YYYY-MM-DD, between 1900 and 2100',
    },
  ]);
  assert.equal((await everyone()).length, before, 'nothing written');
});

test('the API refuses a person who manages themselves and two who manage each other, listing both', async () => {
  const { post, everyone } = await organisation();
  const problems = problemsOf(
    await post([
      person('SELF', { managerEmployeeNumber: 'SELF' }),
      person('P1', { managerEmployeeNumber: 'P2' }),
      person('P2', { managerEmployeeNumber: 'P1' }),
    ]),
  );
  assert.deepEqual(problems, [
    {
      path: 'people.0.managerEmployeeNumber',
      message:
        'manager_employee_number "SELF" is the person\'s own employee_number: a person cannot be their own line manager',
    },
    {
      path: 'people.1.managerEmployeeNumber',
      message: 'manager_employee_number "P2" makes a loop of line managers: P1 → P2 → P1',
    },
  ]);
  assert.deepEqual(
    (await everyone()).map((p) => p.employeeNumber).sort(),
    ['ANN', 'HEAD'],
    'nothing written',
  );
});

test('the API refuses a line manager who would close a loop through the people already there', async () => {
  const { post, everyone } = await organisation();
  // Ann reports to Head: Head reporting to Ann would make each the other's manager.
  const problems = problemsOf(await post([person('HEAD', { managerEmployeeNumber: 'ANN' })]));
  assert.deepEqual(problems, [
    {
      path: 'people.0.managerEmployeeNumber',
      message: 'manager_employee_number "ANN" makes a loop of line managers: HEAD → ANN → HEAD',
    },
  ]);
  const head = (await everyone()).find((p) => p.employeeNumber === 'HEAD');
  assert.equal(head?.firstName === 'Priya', false, 'Head is as they were');
  // A new person reporting to Ann, and Ann to Head, is a reporting line, not a loop.
  const fine = await post([person('NEW', { managerEmployeeNumber: 'ANN' })]);
  assert.equal(fine.statusCode, 200, fine.body);
});

test('people.csv refuses the same, by row and column, and the import writes nothing', async () => {
  const { organisation: org, everyone } = await organisation();
  const header =
    'employee_number,first_name,last_name,unit,start_date,weekly_hours,manager_employee_number\n';
  const long = await parsePeopleCsv(
    `${header}E1,${'A'.repeat(100_000)},Shah,Resources,9999-12-31,37,\nE2,Sam,Jones,Resources,2024-04-01,37,E2\n`,
  );
  assert.equal(long.ok, false);
  assert.deepEqual(!long.ok && long.problems, [
    {
      row: 2,
      column: 'first_name',
      message: 'first_name is 100,000 characters long: it must be 100 or fewer',
    },
    {
      row: 2,
      column: 'start_date',
      message: 'start_date "9999-12-31" must be a date between 1900 and 2100',
    },
    {
      row: 3,
      column: 'manager_employee_number',
      message:
        'manager_employee_number "E2" is the person\'s own employee_number: a person cannot be their own line manager',
    },
  ]);

  // A file that is fine on its own, but closes a loop with the people already there.
  const parsed = await parsePeopleCsv(`${header}HEAD,Hana,Begum,Resources,2020-04-01,37,ANN\n`);
  assert.ok(parsed.ok);
  const result = await importPeople(services, org.id, parsed.rows, { today: '2026-11-23' });
  assert.deepEqual(!result.ok && result.problems, [
    {
      row: 2,
      column: 'manager_employee_number',
      message: 'manager_employee_number "ANN" makes a loop of line managers: HEAD → ANN → HEAD',
    },
  ]);
  const head = (await everyone()).find((p) => p.employeeNumber === 'HEAD');
  assert.notEqual(head?.firstName, 'Hana', 'nothing written');
});
