/**
 * Triggers on the trigger-based policy through the pages people use: an organisation admin puts
 * a service on the trigger-based policy, HR records sickness, and whoever reaches a trigger there
 * appears on HR's list and as a conversation on their line manager's task list, while the same
 * sickness in a person-centred team, or disability-related sickness, triggers nothing. Runs on
 * PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { absences, attendanceCases, people, units } from '../../db/schema.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  dateFields,
  personRow,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { triggeredPeople } from './triggered-people.ts';

const { services, app } = await openTestApp();

const NORTH = ['Adult Social Care', 'Home Care', 'North Team'];
const SOUTH = ['Adult Social Care', 'Home Care', 'South Team'];

async function setUp() {
  const organisation = await createTestOrganisation(services, { policyModel: 'person_centred' });
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', unitPath: NORTH }),
    personRow({ employeeNumber: 'M2', firstName: 'Owen', lastName: 'Price', unitPath: NORTH }),
    personRow({
      employeeNumber: 'E1',
      firstName: 'Pat',
      lastName: 'Kowalski',
      unitPath: NORTH,
      managerEmployeeNumber: 'M1',
    }),
    personRow({
      employeeNumber: 'E2',
      firstName: 'Sam',
      lastName: 'Evans',
      unitPath: SOUTH,
      managerEmployeeNumber: 'M1',
    }),
    personRow({
      employeeNumber: 'E3',
      firstName: 'Dana',
      lastName: 'Byrne',
      unitPath: NORTH,
      managerEmployeeNumber: 'M1',
    }),
    personRow({
      employeeNumber: 'E4',
      firstName: 'Rhys',
      lastName: 'Campbell',
      unitPath: NORTH,
      managerEmployeeNumber: 'M2',
    }),
  ]);
  const accounts = {
    manager: await createTestAccount(services, organisation.id, ['line_manager'], { employeeNumber: 'M1' }),
    otherManager: await createTestAccount(services, organisation.id, ['line_manager'], {
      employeeNumber: 'M2',
    }),
    employee: await createTestAccount(services, organisation.id, ['employee'], { employeeNumber: 'E1' }),
    hr: await createTestAccount(services, organisation.id, ['hr']),
    admin: await createTestAccount(services, organisation.id, ['organisation_admin']),
  };
  const { ids, unitIds } = await services.database.scoped(
    { organisationIds: [organisation.id] },
    async (db) => ({
      ids: await db
        .select({ id: people.id, employeeNumber: people.employeeNumber })
        .from(people)
        .where(eq(people.organisationId, organisation.id)),
      unitIds: await db
        .select({ id: units.id, path: units.path, parentId: units.parentId, name: units.name })
        .from(units)
        .where(eq(units.organisationId, organisation.id)),
    }),
  );
  const id = (n: string) => ids.find((p) => p.employeeNumber === n)!.id;
  const unit = (levels: string[]) => unitIds.find((u) => u.path === levels.join(' > '))!;
  const session = async (a: { email: string; password: string }) => {
    const signedIn = await new HttpSession(app).signIn(a.email, a.password);
    await signedIn.get('/'); // a page with a form, for the CSRF token, as a browser would have
    return signedIn;
  };
  return {
    o: organisation.slug,
    organisationId: organisation.id,
    id,
    unit,
    manager: await session(accounts.manager),
    otherManager: await session(accounts.otherManager),
    employee: await session(accounts.employee),
    hr: await session(accounts.hr),
    admin: await session(accounts.admin),
  };
}

type Setup = Awaited<ReturnType<typeof setUp>>;

/** Two short spells and one of 20 days in the last 52 weeks: S = 3, D = 24, S² × D = 216. */
async function recordSickness(
  s: Setup,
  employeeNumber: string,
  options: { lastDisabilityRelated?: boolean } = {},
) {
  const url = `/o/${s.o}/people/${s.id(employeeNumber)}/absences/new`;
  await s.hr.get(url);
  const spells: [string, string, boolean][] = [
    [addDays(today(), -300), addDays(today(), -299), false],
    [addDays(today(), -150), addDays(today(), -149), false],
    [addDays(today(), -60), addDays(today(), -41), options.lastDisabilityRelated ?? false],
  ];
  for (const [from, to, disabilityRelated] of spells) {
    const recorded = await s.hr.post(url, {
      type: 'sickness',
      ...dateFields('startDate', from),
      ...dateFields('endDate', to),
      reasonCode: 'S12',
      workRelated: 'no',
      wentHome: 'no',
      certification: 'self',
      ...(disabilityRelated ? { disabilityRelated: 'yes' } : {}),
    });
    assert.equal(recorded.statusCode, 302, recorded.$('.govuk-error-summary').text());
  }
}

async function setPolicy(s: Setup, levels: string[], policyModel: string) {
  const unit = s.unit(levels);
  const url = `/o/${s.o}/units/${unit.id}/edit`;
  await s.admin.get(url);
  const saved = await s.admin.post(url, {
    name: unit.name,
    parentId: unit.parentId === null ? '' : String(unit.parentId),
    policyModel,
  });
  assert.equal(saved.statusCode, 302, saved.$('.govuk-error-summary').text());
}

const READING =
  'Bradford factor 216 (trigger 200); 3 spells of sickness (trigger 3); 24 days of sickness (trigger 14)';

test('someone over a trigger in a trigger-based unit is on HR’s list and their manager’s task list', async () => {
  const s = await setUp();
  const listUrl = `/o/${s.o}/attendance-triggers`;

  // Home Care moves to the trigger-based policy (North Team inherits it); South Team keeps the
  // person-centred policy.
  await setPolicy(s, ['Adult Social Care', 'Home Care'], 'trigger_based');
  await setPolicy(s, SOUTH, 'person_centred');

  // The same sickness for four people; Dana's long spell is disability-related; Rhys already
  // has an attendance case open, while Pat's earlier case is closed.
  await recordSickness(s, 'E1');
  await recordSickness(s, 'E2');
  await recordSickness(s, 'E3', { lastDisabilityRelated: true });
  await recordSickness(s, 'E4');
  await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
    db.insert(attendanceCases).values([
      { organisationId: s.organisationId, personId: s.id('E4'), openedOn: addDays(today(), -7) },
      {
        organisationId: s.organisationId,
        personId: s.id('E1'),
        openedOn: addDays(today(), -500),
        closedOn: addDays(today(), -420),
        closedReason: 'Attendance improved',
      },
    ]),
  );

  // HR's list: Pat to talk with, Rhys with a case open; not Sam (person-centred) nor Dana.
  const list = await s.hr.get(listUrl);
  assert.equal(list.statusCode, 200);
  const main = list.$('main').text();
  assert.match(main, /never starts a stage meeting by itself/);
  assert.match(list.$('caption').text(), /People who have reached a trigger \(2; 1 without an open case\)/);
  const rows = list
    .$('tbody tr')
    .toArray()
    .map((row) =>
      list
        .$(row)
        .find('td')
        .toArray()
        .map((cell) => list.$(cell).text().trim()),
    );
  assert.deepEqual(rows, [
    ['Rhys Campbell', NORTH.join(' > '), 'Owen Price', READING, 'Case open'],
    ['Pat Kowalski', NORTH.join(' > '), 'Grace Adebayo', READING, 'Talk with them'],
  ]);
  const patLink = list.$('tbody a:contains("Pat Kowalski")').attr('href');
  assert.equal(patLink, `/o/${s.o}/people/${s.id('E1')}`);
  assert.doesNotMatch(main, /Sam Evans|Dana Byrne/);

  // HR's home page counts only those without a case.
  const hrHome = await s.hr.get('/');
  const hrTask = hrHome.$('a:contains("1 person has reached an attendance trigger")');
  assert.equal(hrTask.length, 1, hrHome.$('main').text());
  assert.equal(hrTask.attr('href'), listUrl);
  assert.equal(hrHome.$('a:contains("Attendance triggers")').attr('href'), listUrl);

  // The manager is asked to talk with Pat, and only Pat; the link opens Pat's page.
  const home = await s.manager.get('/');
  const task = home.$('a:contains("Talk with Pat Kowalski about their attendance")');
  assert.equal(task.length, 1, home.$('main').text());
  assert.equal(task.attr('href'), patLink);
  assert.match(task.closest('li').text(), /Bradford factor 216 \(trigger 200\)/);
  assert.doesNotMatch(home.$('main').text(), /Talk with (Sam Evans|Dana Byrne|Rhys Campbell)/);
  assert.equal((await s.manager.get(patLink)).statusCode, 200);
  // Rhys's manager has nothing to do: the case is where things stand.
  assert.doesNotMatch((await s.otherManager.get('/')).$('main').text(), /about their attendance/);

  // Only HR sees the list: a line manager and an employee are refused, and HR of another
  // organisation is told it does not exist.
  assert.equal((await s.manager.get(listUrl)).statusCode, 403);
  assert.equal((await s.otherManager.get(listUrl)).statusCode, 403);
  assert.equal((await s.employee.get(listUrl)).statusCode, 403);
  const elsewhere = await createTestOrganisation(services);
  const elsewhereHr = await createTestAccount(services, elsewhere.id, ['hr']);
  const outsider = await new HttpSession(app).signIn(elsewhereHr.email, elsewhereHr.password);
  assert.equal((await outsider.get(listUrl)).statusCode, 404);
});

test('the set-based query follows the reporting line, indirect reports included', async () => {
  const organisation = await createTestOrganisation(services, { policyModel: 'trigger_based' });
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'D1', firstName: 'Fiona', lastName: 'Doyle' }),
    personRow({ employeeNumber: 'M1', firstName: 'Grace', lastName: 'Adebayo', managerEmployeeNumber: 'D1' }),
    personRow({ employeeNumber: 'E1', firstName: 'Pat', lastName: 'Kowalski', managerEmployeeNumber: 'M1' }),
    personRow({ employeeNumber: 'E2', firstName: 'Sam', lastName: 'Evans', managerEmployeeNumber: 'M1' }),
    personRow({
      employeeNumber: 'X1',
      firstName: 'Leah',
      lastName: 'Moss',
      managerEmployeeNumber: 'D1',
      endDate: addDays(today(), -1),
    }),
  ]);
  const scoped = <T>(work: (db: Db) => Promise<T>) =>
    services.database.scoped({ organisationIds: [organisation.id] }, work);
  const ids = await scoped((db) =>
    db
      .select({ id: people.id, n: people.employeeNumber })
      .from(people)
      .where(eq(people.organisationId, organisation.id)),
  );
  const id = (n: string) => ids.find((p) => p.n === n)!.id;
  await scoped(async (db) => {
    const spell = (n: string, from: number, to: number | null, disabilityRelated = false) => ({
      organisationId: organisation.id,
      personId: id(n),
      type: 'sickness',
      startDate: addDays(today(), from),
      endDate: to === null ? null : addDays(today(), to),
      reasonCode: 'S12',
      disabilityRelated,
    });
    await db.insert(absences).values([
      // Pat: one spell still open, of 15 days so far: the days trigger.
      spell('E1', -14, null),
      // Sam: four one-day spells, one of them more than 52 weeks ago: 3 in the window.
      spell('E2', -400, -400),
      spell('E2', -200, -200),
      spell('E2', -100, -100),
      spell('E2', -10, -10),
      // Leah left yesterday: no longer counted, whatever her sickness.
      spell('X1', -60, -30),
    ]);
  });
  const names = (rows: { name: string }[]) => rows.map((r) => r.name);
  const everyone = await scoped((db) => triggeredPeople(db, organisation.id, today()));
  assert.deepEqual(names(everyone), ['Sam Evans', 'Pat Kowalski']);
  assert.deepEqual(everyone[1]?.reading, { spells: 1, days: 15, bradfordFactor: 15, reached: ['days'] });
  assert.deepEqual(everyone[0]?.reading.reached, ['episodes']);
  assert.equal(everyone[0]?.managerPersonId, id('M1'));
  const director = await scoped((db) =>
    triggeredPeople(db, organisation.id, today(), { managerPersonId: id('D1') }),
  );
  assert.deepEqual(names(director), ['Sam Evans', 'Pat Kowalski']);
  const noReports = await scoped((db) =>
    triggeredPeople(db, organisation.id, today(), { managerPersonId: id('E1') }),
  );
  assert.deepEqual(noReports, []);
});
