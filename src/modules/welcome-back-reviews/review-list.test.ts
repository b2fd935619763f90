/**
 * HR's worklists of welcome-back reviews and attendance cases: filtered by line manager and unit
 * (with the units within it), sorted by their columns and paged, all in the query; bad values in
 * the address named in words. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq } from 'drizzle-orm';
import { absences } from '../absences/absences-schema.ts';
import { attendanceCases, stageMeetings } from '../attendance-cases/attendance-cases-schema.ts';
import { people } from '../people/people-schema.ts';
import { units } from '../people/people-schema.ts';
import { welcomeBackReviews } from './welcome-back-reviews-schema.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
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
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', unitPath: ['Care', 'North'] }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price', unitPath: ['Care', 'South'] }),
    personRow({
      employeeNumber: 'E1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      managerEmployeeNumber: 'M1',
      unitPath: ['Care', 'North'],
    }),
    personRow({
      employeeNumber: 'E2',
      firstName: 'Lee',
      lastName: 'Morgan',
      managerEmployeeNumber: 'M2',
      unitPath: ['Care', 'South'],
    }),
    personRow({ employeeNumber: 'E3', firstName: 'Ann', lastName: 'Young', unitPath: ['Finance'] }),
  ]);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const scoped = <T>(work: Parameters<typeof services.database.scoped<T>>[1]) =>
    services.database.scoped({ organisationIds: [organisation.id] }, work);
  const { ids, unitIds } = await scoped(async (db) => ({
    ids: await db
      .select({ id: people.id, n: people.employeeNumber })
      .from(people)
      .where(eq(people.organisationId, organisation.id)),
    unitIds: await db
      .select({ id: units.id, path: units.path })
      .from(units)
      .where(eq(units.organisationId, organisation.id)),
  }));
  const id = (n: string) => ids.find((p) => p.n === n)!.id;
  const unit = (path: string) => unitIds.find((u) => u.path === path)!.id;
  return {
    organisation,
    o: organisation.slug,
    scoped,
    id,
    unit,
    hr: await new HttpSession(app).signIn(hr.email, hr.password),
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** Ended one-day sicknesses, each with its review not yet held, due `due(i)` days from today. */
async function reviewsFor(
  s: Setup,
  employeeNumber: string,
  count: number,
  firstDay: number,
  due: (i: number) => number,
) {
  await s.scoped(async (db) => {
    const rows = await db
      .insert(absences)
      .values(
        Array.from({ length: count }, (_, i) => ({
          organisationId: s.organisation.id,
          personId: s.id(employeeNumber),
          type: 'sickness',
          startDate: addDays(today(), firstDay - 2 * i),
          endDate: addDays(today(), firstDay - 2 * i),
          reasonCode: 'S12',
        })),
      )
      .returning();
    const managers = await db
      .select({ id: people.id })
      .from(people)
      .where(and(eq(people.organisationId, s.organisation.id), eq(people.id, s.id(employeeNumber))));
    assert.equal(managers.length, 1);
    await db.insert(welcomeBackReviews).values(
      rows.map((a, i) => ({
        organisationId: s.organisation.id,
        personId: a.personId,
        absenceId: a.id,
        absenceEndDate: a.endDate ?? '',
        managerPersonId: employeeNumber === 'E1' ? s.id('M1') : employeeNumber === 'E2' ? s.id('M2') : null,
        dueDate: addDays(today(), due(i)),
      })),
    );
  });
}

const cellTexts = (page: Awaited<ReturnType<HttpSession['get']>>, column: number) =>
  page
    .$('tbody tr')
    .toArray()
    .map((row) => page.$(page.$(row).find('td').get(column)).text().replace(/\s+/g, ' ').trim());

test('the reviews list filters by line manager and unit, sorts by its columns and pages', async () => {
  const s = await setUp();
  await reviewsFor(s, 'E1', 100, -10, (i) => -5 - i); // 100 overdue
  await reviewsFor(s, 'E2', 3, -300, (i) => 1 + i); // due in the days ahead
  await reviewsFor(s, 'E3', 2, -500, (i) => -200 - i); // long overdue, no line manager
  const url = `/o/${s.o}/welcome-back-reviews`;

  const first = await s.hr.get(url);
  assert.equal(first.statusCode, 200);
  assert.match(first.$('caption').text(), /Reviews not yet held \(105\)/);
  assert.equal(first.$('tbody tr').length, 100);
  assert.match(first.$('main').text(), /Showing 1 to 100 of 105/);
  assert.match(first.$('main').text(), /102 overdue in the organisation/);
  // Due date first by default: the longest overdue first, and how long.
  assert.deepEqual(cellTexts(first, 0).slice(0, 3), ['Ann Young', 'Ann Young', 'Pat Kowalski']);
  assert.match(cellTexts(first, 4)[0] ?? '', /201 days overdue/);
  const next = first.$('.govuk-pagination__next a').attr('href');
  assert.equal(next, `${url}?sort=due&order=asc&page=2`);
  const second = await s.hr.get(next ?? '');
  assert.deepEqual(cellTexts(second, 0), [
    'Pat Kowalski',
    'Pat Kowalski',
    'Lee Morgan',
    'Lee Morgan',
    'Lee Morgan',
  ]);
  assert.match(second.$('main').text(), /Showing 101 to 105 of 105/);

  const names = async (query: string) => [...new Set(cellTexts(await s.hr.get(`${url}?${query}`), 0))];
  assert.deepEqual(await names(`manager=${s.id('M2')}`), ['Lee Morgan']);
  assert.deepEqual(await names(`unit=${s.unit('Care > South')}`), ['Lee Morgan']);
  assert.deepEqual(await names(`unit=${s.unit('Care')}&sort=name`), ['Pat Kowalski']);
  assert.deepEqual(await names(`unit=${s.unit('Care')}&sort=name&order=desc`), [
    'Lee Morgan',
    'Pat Kowalski',
  ]);
  assert.deepEqual(await names('sort=name&order=desc'), ['Ann Young', 'Lee Morgan', 'Pat Kowalski']);
  assert.deepEqual(await names('sort=manager&page=2'), ['Lee Morgan', 'Ann Young'], 'no line manager last');
  assert.deepEqual(await names('sort=unit&order=desc'), ['Ann Young', 'Lee Morgan', 'Pat Kowalski']);
  const filtered = await s.hr.get(`${url}?manager=${s.id('M1')}`);
  assert.equal(
    filtered.$('th a:contains("Person")').attr('href'),
    `${url}?manager=${s.id('M1')}&sort=name&order=asc`,
  );
  assert.equal(filtered.$('th[aria-sort="ascending"] a').text().trim().startsWith('Due by'), true);

  // Not yet held: no "Held" column, nor a sort by it; all from the last 3 months has both.
  const heads = (page: Awaited<ReturnType<HttpSession['get']>>) =>
    page
      .$('thead th')
      .map((_, th) => page.$(th).text().replace(/\s+/g, ' ').trim())
      .get();
  assert.ok(!heads(first).some((h) => h.startsWith('Held')), heads(first).join(' | '));
  assert.equal(first.$('tbody tr').first().find('td').length, heads(first).length);
  assert.doesNotMatch(first.$('tbody').text(), /Not yet/);
  const all = await s.hr.get(`${url}?show=all`);
  assert.ok(
    heads(all).some((h) => h.startsWith('Held')),
    heads(all).join(' | '),
  );
  const byHeld = await s.hr.get(`${url}?sort=held`);
  assert.equal(byHeld.statusCode, 400);
  assert.match(byHeld.$('.govuk-error-summary').text(), /Sort by one of the columns of the table/);
  assert.equal((await s.hr.get(`${url}?show=all&sort=held`)).statusCode, 200);

  const bad = await s.hr.get(`${url}?manager=${s.id('E3')}&unit=x&sort=salary&page=0&show=every`);
  assert.equal(bad.statusCode, 400);
  const summary = bad.$('.govuk-error-summary').text();
  for (const message of [
    'Choose a line manager from the list',
    'Choose a unit from the list',
    'Sort by one of the columns of the table',
    'The page number must be a whole number, 1 or more',
    'Show the reviews not yet held or all from the last 3 months',
  ]) {
    assert.match(summary, new RegExp(message));
  }
  assert.equal(bad.$('tbody tr').length, 100, 'the list as if the bad values were not given');
});

test('the cases list filters by line manager and unit, sorts by its columns and pages, in the query', async () => {
  const s = await setUp();
  await s.scoped((db) =>
    db.insert(attendanceCases).values([
      ...Array.from({ length: 101 }, (_, i) => ({
        organisationId: s.organisation.id,
        personId: s.id('E1'),
        openedOn: addDays(today(), -1000 - i),
        closedOn: addDays(today(), -999 - i),
      })),
      { organisationId: s.organisation.id, personId: s.id('E2'), openedOn: addDays(today(), -30) },
      { organisationId: s.organisation.id, personId: s.id('E3'), openedOn: addDays(today(), -20) },
    ]),
  );
  const [morganCase] = await s.scoped((db) =>
    db
      .select()
      .from(attendanceCases)
      .where(
        and(eq(attendanceCases.organisationId, s.organisation.id), eq(attendanceCases.personId, s.id('E2'))),
      ),
  );
  await s.scoped((db) =>
    db.insert(stageMeetings).values({
      organisationId: s.organisation.id,
      caseId: morganCase?.id ?? 0,
      stage: 'informal',
      meetingDate: addDays(today(), -3),
      noticeGivenOn: addDays(today(), -10),
    }),
  );
  const url = `/o/${s.o}/attendance-cases`;
  const names = async (query: string) => {
    const page = await s.hr.get(`${url}?${query}`);
    assert.equal(page.statusCode, 200, page.$('.govuk-error-summary').text());
    return [...new Set(cellTexts(page, 0))];
  };
  assert.deepEqual(await names(''), ['Ann Young', 'Lee Morgan']);
  assert.deepEqual(await names('sort=opened&order=asc'), ['Lee Morgan', 'Ann Young']);
  assert.deepEqual(await names(`manager=${s.id('M2')}`), ['Lee Morgan']);
  assert.deepEqual(await names(`unit=${s.unit('Care')}`), ['Lee Morgan']);
  assert.deepEqual(await names('sort=stage'), ['Lee Morgan', 'Ann Young']);
  assert.deepEqual(await names('overdue=yes'), ['Lee Morgan']);
  assert.deepEqual(await names('stage=none'), ['Ann Young']);

  const all = await s.hr.get(`${url}?status=all&sort=name`);
  assert.match(all.$('caption').text(), /103 cases/);
  assert.equal(all.$('tbody tr').length, 100);
  assert.deepEqual(cellTexts(all, 2).slice(0, 1), ['Grace Adebayo']);
  const last = await s.hr.get(`${url}?status=all&sort=name&page=2`);
  assert.deepEqual(cellTexts(last, 0), ['Pat Kowalski', 'Lee Morgan', 'Ann Young']);
  assert.match(last.$('main').text(), /Showing 101 to 103 of 103/);

  const bad = await s.hr.get(
    `${url}?manager=0&unit=${s.unit('Care')}&stage=fifth&order=sideways&policy=x&overdue=no`,
  );
  assert.equal(bad.statusCode, 400);
  const summary = bad.$('.govuk-error-summary').text();
  for (const message of [
    'Choose a line manager from the list',
    'Choose a stage from the list',
    'Sort in ascending or descending order',
    'Choose a policy from the list',
    'Tick “Only overdue cases” or leave it',
  ]) {
    assert.match(summary, new RegExp(message));
  }
  assert.deepEqual([...new Set(cellTexts(bad, 0))], ['Lee Morgan'], 'the valid unit still filters');
});
