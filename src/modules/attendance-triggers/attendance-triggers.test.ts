/**
 * Triggers on the trigger-based policy through the pages people use: an organisation admin puts
 * a service on the trigger-based policy, HR records sickness, and whoever reaches a trigger there
 * appears on HR's list and as a conversation on their line manager's task list, while the same
 * sickness in a person-centred team, or disability-related sickness, triggers nothing. Runs on
 * PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { CheerioAPI } from 'cheerio';
import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/database.ts';
import { absences } from '../absences/absences-schema.ts';
import { attendanceCases } from '../attendance-cases/attendance-cases-schema.ts';
import { attendanceTriggerTalks } from './attendance-triggers-schema.ts';
import { auditEvents } from '../../db/schema.ts';
import { people } from '../people/people-schema.ts';
import { units } from '../people/people-schema.ts';
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
import { ukDate, ukDateShort } from '../../web/nunjucks.ts';
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
const LATEST = ukDateShort(addDays(today(), -60));

/** The text of each cell of each row of the page's table, spaces run together. */
function tableRows(page: { $: CheerioAPI }): string[][] {
  return page
    .$('tbody tr')
    .toArray()
    .map((row) =>
      page
        .$(row)
        .find('td')
        .toArray()
        .map((cell) => page.$(cell).text().replace(/\s+/g, ' ').trim()),
    );
}

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

  // HR's list: Pat to talk with; with everyone who has reached a trigger, Rhys too, whose case
  // is open; never Sam (person-centred) nor Dana.
  const list = await s.hr.get(listUrl);
  assert.equal(list.statusCode, 200);
  const main = list.$('main').text();
  assert.match(main, /never starts a stage meeting by itself/);
  assert.match(list.$('caption').text(), /People to talk with \(1\)/);
  assert.deepEqual(tableRows(list), [
    [
      'Pat Kowalski',
      NORTH.join(' > '),
      'Grace Adebayo',
      READING,
      LATEST,
      'Talk with them Record the talk with Pat Kowalski',
    ],
  ]);
  const all = await s.hr.get(`${listUrl}?show=all`);
  assert.match(all.$('caption').text(), /People who have reached a trigger \(2\)/);
  assert.deepEqual(tableRows(all), [
    ['Rhys Campbell', NORTH.join(' > '), 'Owen Price', READING, LATEST, 'Case open'],
    [
      'Pat Kowalski',
      NORTH.join(' > '),
      'Grace Adebayo',
      READING,
      LATEST,
      'Talk with them Record the talk with Pat Kowalski',
    ],
  ]);
  const patLink = list.$('tbody a:contains("Pat Kowalski")').attr('href');
  assert.equal(patLink, `/o/${s.o}/people/${s.id('E1')}`);
  assert.doesNotMatch(main, /Sam Evans|Dana Byrne/);

  // HR's home page counts only those without a case.
  const hrHome = await s.hr.get('/');
  const hrTask = hrHome.$('a:contains("1 person to talk with about reaching an attendance trigger")');
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

  // HR records the talk with Pat: Pat leaves the list to talk with, shows the talk on the full
  // list, and drops off the manager's task list and HR's count.
  const talkUrl = `/o/${s.o}/attendance-triggers/${s.id('E1')}/talk`;
  const form = await s.hr.get(talkUrl);
  assert.equal(form.statusCode, 200);
  assert.equal(form.$('#heldOn-year').val(), today().slice(0, 4), 'today filled in');
  const heldOn = addDays(today(), -2);
  const recorded = await s.hr.post(talkUrl, {
    ...dateFields('heldOn', heldOn),
    outcome: 'No further action',
  });
  assert.equal(recorded.statusCode, 302, recorded.$('.govuk-error-summary').text());
  const after = await s.hr.get(listUrl);
  assert.match(after.$('.govuk-notification-banner').text(), /Talk with Pat Kowalski recorded/);
  assert.deepEqual(tableRows(after), []);
  assert.match(
    after.$('main').text(),
    /every person who has reached a trigger has had their talk or has a case open/,
  );
  assert.deepEqual(tableRows(await s.hr.get(`${listUrl}?show=all`))[1], [
    'Pat Kowalski',
    NORTH.join(' > '),
    'Grace Adebayo',
    READING,
    LATEST,
    `Talk held on ${ukDate(heldOn)} No further action`,
  ]);
  assert.doesNotMatch((await s.manager.get('/')).$('main').text(), /Talk with Pat Kowalski/);
  assert.equal(
    (await s.hr.get('/')).$('a:contains("to talk with about reaching an attendance trigger")').length,
    0,
  );
  const [event] = await services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
    db
      .select()
      .from(auditEvents)
      .where(
        and(
          eq(auditEvents.organisationId, s.organisationId),
          eq(auditEvents.action, 'attendance-trigger-talk.recorded'),
        ),
      ),
  );
  assert.deepEqual(event?.detail, { personId: s.id('E1'), heldOn, changed: ['heldOn', 'outcome'] });

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

test('the trigger list filters by line manager and unit, sorts and pages, and names bad input in words', async () => {
  const s = await setUp();
  const listUrl = `/o/${s.o}/attendance-triggers`;
  await setPolicy(s, ['Adult Social Care'], 'trigger_based');
  for (const n of ['E1', 'E2', 'E3', 'E4']) await recordSickness(s, n);
  const names = async (query: string) => {
    const page = await s.hr.get(`${listUrl}?show=all&${query}`);
    assert.equal(page.statusCode, 200, page.$('.govuk-error-summary').text());
    return tableRows(page).map((r) => r[0]);
  };
  assert.deepEqual(await names(''), ['Dana Byrne', 'Rhys Campbell', 'Sam Evans', 'Pat Kowalski']);
  assert.deepEqual(await names('sort=name&order=desc'), [
    'Pat Kowalski',
    'Sam Evans',
    'Rhys Campbell',
    'Dana Byrne',
  ]);
  assert.deepEqual(await names('sort=manager'), ['Dana Byrne', 'Sam Evans', 'Pat Kowalski', 'Rhys Campbell']);
  assert.deepEqual(await names('sort=unit&order=desc'), [
    'Sam Evans',
    'Dana Byrne',
    'Rhys Campbell',
    'Pat Kowalski',
  ]);
  assert.deepEqual(await names(`manager=${s.id('M2')}`), ['Rhys Campbell']);
  assert.deepEqual(await names(`unit=${s.unit(SOUTH).id}`), ['Sam Evans']);
  // A unit includes the units within it.
  assert.deepEqual(
    await names(`unit=${s.unit(['Adult Social Care', 'Home Care']).id}&manager=${s.id('M1')}`),
    ['Dana Byrne', 'Sam Evans', 'Pat Kowalski'],
  );

  // The headers sort, keeping the filters; the sorted column says so.
  const page = await s.hr.get(`${listUrl}?show=all&manager=${s.id('M1')}&sort=unit`);
  assert.equal(
    page.$('th[aria-sort="ascending"]').text().replace(/\s+/g, ' ').trim().startsWith('Unit'),
    true,
  );
  assert.equal(
    page.$('th a:contains("Unit")').attr('href'),
    `${listUrl}?show=all&manager=${s.id('M1')}&sort=unit&order=desc`,
  );
  // One page shows every row; a page beyond the last shows the last.
  assert.deepEqual(await names('page=7'), ['Dana Byrne', 'Rhys Campbell', 'Sam Evans', 'Pat Kowalski']);

  // Bad values: a 400 naming each in words, the list shown as if they were not given.
  const bad = await s.hr.get(`${listUrl}?manager=abc&unit=999999&sort=salary&order=up&page=-2&show=some`);
  assert.equal(bad.statusCode, 400);
  const summary = bad.$('.govuk-error-summary').text();
  for (const message of [
    'Choose a line manager from the list',
    'Choose a unit from the list',
    'Sort by one of the columns of the table',
    'Sort in ascending or descending order',
    'The page number must be a whole number, 1 or more',
    'Show the people still to talk with or everyone who has reached a trigger',
  ]) {
    assert.match(summary, new RegExp(message), summary);
  }
  assert.doesNotMatch(summary, /“|manager=|sort=/);
  assert.equal(tableRows(bad).length, 4);
  const list = await s.hr.get(`${listUrl}?manager=${s.id('E1')}&unit=1&unit=2`);
  assert.equal(list.statusCode, 400, 'someone who manages nobody, a unit given twice');
});

test('recording a talk: HR of the organisation only, with CSRF, a real date not in the future', async () => {
  const s = await setUp();
  await setPolicy(s, ['Adult Social Care'], 'trigger_based');
  await recordSickness(s, 'E1');
  const talkUrl = `/o/${s.o}/attendance-triggers/${s.id('E1')}/talk`;
  const talks = () =>
    services.database.scoped({ organisationIds: [s.organisationId] }, (db) =>
      db
        .select()
        .from(attendanceTriggerTalks)
        .where(eq(attendanceTriggerTalks.organisationId, s.organisationId)),
    );
  const good = { ...dateFields('heldOn', today()), outcome: '' };

  // Everyone but HR is refused, the person's own manager too; HR of another organisation is
  // told the organisation does not exist.
  for (const who of [s.manager, s.otherManager, s.employee, s.admin]) {
    assert.equal((await who.get(talkUrl)).statusCode, 403);
    assert.equal((await who.post(talkUrl, good)).statusCode, 403);
  }
  const elsewhere = await createTestOrganisation(services);
  const elsewhereHr = await createTestAccount(services, elsewhere.id, ['hr']);
  const outsider = await new HttpSession(app).signIn(elsewhereHr.email, elsewhereHr.password);
  await outsider.get('/');
  assert.equal((await outsider.get(talkUrl)).statusCode, 404);
  assert.equal((await outsider.post(talkUrl, good)).statusCode, 404);
  // Nor may HR record a talk with someone who has not reached a trigger, or without the token.
  const samUrl = `/o/${s.o}/attendance-triggers/${s.id('E2')}/talk`;
  assert.match((await s.hr.get(samUrl)).$('main').text(), /Sam Evans has not reached an attendance trigger/);
  const sam = await s.hr.post(samUrl, good);
  assert.equal(sam.statusCode, 400);
  assert.match(sam.$('.govuk-error-summary').text(), /so there is no talk to record/);
  assert.equal((await s.hr.get(`/o/${s.o}/attendance-triggers/99999999/talk`)).statusCode, 404);
  await s.hr.get(talkUrl);
  assert.equal((await s.hr.post(talkUrl, good, { csrf: false })).statusCode, 403);

  // Bad answers: every problem listed, nothing written.
  const future = await s.hr.post(talkUrl, {
    ...dateFields('heldOn', addDays(today(), 1)),
    outcome: 'x'.repeat(2001),
  });
  assert.equal(future.statusCode, 400);
  assert.match(future.$('.govuk-error-summary').text(), /The date of the talk must be today or in the past/);
  assert.match(
    future.$('.govuk-error-summary').text(),
    /What came of the talk must be 2,000 characters or fewer/,
  );
  const early = await s.hr.post(talkUrl, dateFields('heldOn', addDays(today(), -61)));
  assert.match(
    early.$('.govuk-error-summary').text(),
    new RegExp(`on or after ${ukDate(addDays(today(), -60))}, when their latest sickness began`),
  );
  const unreal = await s.hr.post(talkUrl, { 'heldOn-day': '31', 'heldOn-month': '2', 'heldOn-year': '2026' });
  assert.match(unreal.$('.govuk-error-summary').text(), /The date of the talk must be a real date/);
  assert.deepEqual(await talks(), []);

  const recorded = await s.hr.post(talkUrl, good);
  assert.equal(recorded.statusCode, 302);
  assert.deepEqual(
    (await talks()).map((t) => [t.personId, t.heldOn, t.outcome]),
    [[s.id('E1'), today(), null]],
  );
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
