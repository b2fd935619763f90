/**
 * The add-a-person and employment-change forms offer the organisation's own staff groups and its
 * people as line managers, by name and employee number, and refuse a new staff group that is an
 * existing one typed another way.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { employmentSpells, people } from './people-schema.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';

const { services, app } = await openTestApp();

async function setUp() {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', staffGroup: 'Nursing' }),
    personRow({ employeeNumber: 'E1', firstName: 'Pat', lastName: 'Kowalski', managerEmployeeNumber: 'M1' }),
  ]);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const session = await new HttpSession(app).signIn(hr.email, hr.password);
  const url = `/o/${organisation.slug}/people/new`;
  const form = await session.get(url);
  const unitId = String(form.$('#unitId option').last().val());
  return { organisation, session, url, unitId };
}

const newPerson = (unitId: string, fields: Record<string, string>) => ({
  unitId,
  employeeNumber: 'N1',
  firstName: 'Ada',
  lastName: 'Obi',
  'startDate-day': '1',
  'startDate-month': '4',
  'startDate-year': '2025',
  weeklyHours: '37',
  worksBankHolidays: 'false',
  ...fields,
});

async function termsOf(organisationId: number, employeeNumber: string) {
  return services.database.scoped({ organisationIds: [organisationId] }, async (db) => {
    const [person] = await db
      .select()
      .from(people)
      .where(and(eq(people.organisationId, organisationId), eq(people.employeeNumber, employeeNumber)));
    if (!person) return null;
    const [spell] = await db.select().from(employmentSpells).where(eq(employmentSpells.personId, person.id));
    return spell ?? null;
  });
}

test('the form lists the staff groups and the people who may manage, managers first', async () => {
  const { session, url } = await setUp();
  const page = await session.get(url);
  assert.equal(page.statusCode, 200);
  const options = (selector: string) =>
    page
      .$(selector)
      .map((_, o) => page.$(o).text().trim())
      .get();
  assert.deepEqual(options('#staffGroup option'), ['None', 'Nursing', 'Social Care']);
  assert.equal(page.$('input#newStaffGroup').length, 1, 'another staff group may be typed deliberately');
  assert.deepEqual(options('#managerEmployeeNumber optgroup[label="Line managers"] option'), [
    'Grace Adebayo (M1)',
  ]);
  assert.deepEqual(options('#managerEmployeeNumber optgroup[label="Everyone else"] option'), [
    'Pat Kowalski (E1)',
  ]);
});

test('a person added with a listed staff group and a chosen manager gets both', async () => {
  const { organisation, session, url, unitId } = await setUp();
  await session.get(url);
  const done = await session.post(
    url,
    newPerson(unitId, { staffGroup: 'Nursing', managerEmployeeNumber: 'M1' }),
  );
  assert.equal(done.statusCode, 302, done.$('.govuk-error-summary').text());
  const spell = await termsOf(organisation.id, 'N1');
  assert.equal(spell?.staffGroup, 'Nursing');
  assert.notEqual(spell?.managerPersonId, null);
});

test('a new staff group that is an existing one in other letters or with a slip is refused', async () => {
  const { organisation, session, url, unitId } = await setUp();
  await session.get(url);
  for (const typed of ['nursing', 'Nurisng', ' NURSING ']) {
    const page = await session.post(url, newPerson(unitId, { staffGroup: '', newStaffGroup: typed }));
    assert.equal(page.statusCode, 400, typed);
    assert.match(
      page.$('.govuk-error-summary').text(),
      /close to the staff group Nursing: choose Nursing from the list/,
    );
  }
  const both = await session.post(
    url,
    newPerson(unitId, { staffGroup: 'Nursing', newStaffGroup: 'Midwives' }),
  );
  assert.match(both.$('.govuk-error-summary').text(), /not both/);
  const unlisted = await session.post(url, newPerson(unitId, { staffGroup: 'Nurses' }));
  assert.match(unlisted.$('.govuk-error-summary').text(), /Choose a staff group from the list/);
  assert.equal(await termsOf(organisation.id, 'N1'), null, 'nothing was written');

  const added = await session.post(url, newPerson(unitId, { staffGroup: '', newStaffGroup: 'Midwives' }));
  assert.equal(added.statusCode, 302, added.$('.govuk-error-summary').text());
  assert.equal((await termsOf(organisation.id, 'N1'))?.staffGroup, 'Midwives');
});

test('the employment change form starts from the current line manager and staff group', async () => {
  const { organisation, session } = await setUp();
  const e1 = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db
      .select()
      .from(people)
      .where(and(eq(people.organisationId, organisation.id), eq(people.employeeNumber, 'E1'))),
  );
  const page = await session.get(`/o/${organisation.slug}/people/${e1[0]?.id}/employment/new`);
  assert.equal(page.statusCode, 200);
  assert.equal(page.$('#managerEmployeeNumber option[selected]').text().trim(), 'Grace Adebayo (M1)');
  assert.equal(page.$('#staffGroup option[selected]').text().trim(), 'Social Care');
  const everyone = page
    .$('#managerEmployeeNumber option')
    .map((_, o) => page.$(o).text().trim())
    .get();
  assert.ok(!everyone.includes('Pat Kowalski (E1)'), 'no one is offered as their own manager');
});
