/**
 * Recording absence through the pages people use: a manager records sickness for a part-time
 * worker across a bank holiday, the employee reports their return, HR corrects it, and the
 * figures on the person page and in the report follow. Runs on PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../domain/dates.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  dateFields,
  personRow,
  recentBankHolidayMonday,
} from '../../testing/factories.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { today } from '../../domain/today.ts';
import { ukDate, ukDateShort } from '../../web/nunjucks.ts';
import { rollingYearFor } from '../absence-report/report-service.ts';
import { importPeople } from '../people/people-import.ts';
import { personPage } from '../people/people-service.ts';
import type { AbsenceRow } from './absences-csv.ts';
import { importAbsences } from './absences-import.ts';
import { absencesRepository } from './absences-repository.ts';
import { absences as absencesTable } from './absences-schema.ts';
import { people as peopleTable } from '../people/people-schema.ts';

const { services, app } = await openTestApp();

/** The latest bank holiday Monday at least three weeks ago: the sickness runs from the Thursday before. */
const bankHolidayMonday = recentBankHolidayMonday();
const firstDay = addDays(bankHolidayMonday, -4);
const lastDay = addDays(bankHolidayMonday, 2);

async function setUp() {
  const organisation = await createTestOrganisation(services, { fullTimeHours: 37.5 });
  const manager = personRow({ employeeNumber: 'M001', firstName: 'Grace', lastName: 'Manager' });
  // Part time: Monday to Wednesday, 7.5 hours a day.
  const partTimer = personRow({
    employeeNumber: 'P001',
    firstName: 'Pat',
    lastName: 'Parttime',
    managerEmployeeNumber: 'M001',
    weeklyHours: 22.5,
    pattern: { hours: [7.5, 7.5, 7.5, 0, 0, 0, 0], worksBankHolidays: false },
    annualSalary: 18_000,
  });
  const elsewhere = personRow({ employeeNumber: 'X001', firstName: 'Xena', lastName: 'Elsewhere' });
  await createTestPeople(services, organisation.id, [manager, partTimer, elsewhere]);
  const managerAccount = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: 'M001',
  });
  const employeeAccount = await createTestAccount(services, organisation.id, ['employee'], {
    employeeNumber: 'P001',
  });
  const hrAccount = await createTestAccount(services, organisation.id, ['hr']);
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id, employeeNumber: peopleTable.employeeNumber }).from(peopleTable),
  );
  const id = (n: string) => ids.find((p) => p.employeeNumber === n)!.id;
  return {
    organisation,
    partTimerId: id('P001'),
    elsewhereId: id('X001'),
    manager: await new HttpSession(app).signIn(managerAccount.email, managerAccount.password),
    employee: await new HttpSession(app).signIn(employeeAccount.email, employeeAccount.password),
    hr: await new HttpSession(app).signIn(hrAccount.email, hrAccount.password),
  };
}

test('the team page lists as due back only those not yet back, with dates in one style', async () => {
  const { organisation, partTimerId, manager } = await setUp();
  const o = organisation.slug;
  const date = today();
  const recordUrl = `/o/${o}/people/${partTimerId}/absences/new`;
  const record = async (start: string, end: string) => {
    await manager.get(recordUrl);
    const recorded = await manager.post(recordUrl, {
      type: 'annual_leave',
      ...dateFields('startDate', start),
      ...dateFields('endDate', end),
    });
    assert.equal(recorded.statusCode, 302, recorded.$('.govuk-error-summary').text());
  };
  const dueBack = async () => {
    const page = await manager.get(`/o/${o}/team`);
    assert.equal(page.statusCode, 200);
    const column = page.$('h2:contains("Due back")').parent();
    return { text: column.text().replace(/\s+/g, ' ').trim(), main: page.$('main').text() };
  };

  // Her last day off was yesterday: she is back today, not due back.
  await record(addDays(date, -12), addDays(date, -1));
  const back = await dueBack();
  assert.doesNotMatch(back.text, /Pat Parttime/, back.text);
  assert.match(back.text, /No one is due back in the next week/);

  // Off until tomorrow: due back the day after, written in full like every date on the page.
  await record(date, addDays(date, 1));
  const due = await dueBack();
  assert.match(due.text, new RegExp(`Pat Parttime: back on ${ukDate(addDays(date, 2))}`), due.text);
  assert.doesNotMatch(due.main, /\b\d{1,2} (Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec) \d{4}\b/);
});

test('sickness across a bank holiday: recorded by the manager, ended by the employee, counted exactly', async () => {
  const { organisation, partTimerId, elsewhereId, manager, employee, hr } = await setUp();
  const o = organisation.slug;

  // The manager records an open sickness absence from the Thursday before the bank holiday.
  const recordUrl = `/o/${o}/people/${partTimerId}/absences/new`;
  assert.equal((await manager.get(recordUrl)).statusCode, 200);
  const recorded = await manager.post(recordUrl, {
    type: 'sickness',
    ...dateFields('startDate', firstDay),
    reasonCode: 'S13',
    workRelated: 'no',
    wentHome: 'no',
    certification: 'self',
  });
  assert.equal(recorded.statusCode, 302, recorded.$('.govuk-error-summary').text());

  // The manager may not record for someone outside their reporting line, nor see them.
  assert.equal((await manager.get(`/o/${o}/people/${elsewhereId}/absences/new`)).statusCode, 404);
  assert.equal((await manager.get(`/o/${o}/people/${elsewhereId}`)).statusCode, 404);

  // The team page shows who is off.
  const team = await manager.get(`/o/${o}/team`);
  assert.equal(team.statusCode, 200);
  assert.match(team.$('main').text(), /Pat Parttime/);

  // The employee sees the open sickness and says they are back.
  const mine = await employee.get(`/o/${o}/my/absence`);
  assert.equal(mine.statusCode, 200);
  const imBack = mine.$('a:contains("Tell us you are back")').attr('href');
  assert.ok(imBack, 'an open sickness offers “Tell us you are back”');
  assert.equal((await employee.get(imBack)).statusCode, 200);
  const tooEarly = await employee.post(imBack, { back: 'other', ...dateFields('returnDate', firstDay) });
  assert.equal(tooEarly.statusCode, 400);
  assert.match(tooEarly.$('.govuk-error-summary').text(), /must be after your first day off sick/);
  const back = await employee.post(imBack, {
    back: 'other',
    ...dateFields('returnDate', addDays(lastDay, 1)),
  });
  assert.equal(back.statusCode, 302, back.$('.govuk-error-summary').text());

  // Thursday to Wednesday over a bank holiday Monday: only Tuesday and Wednesday were scheduled.
  // 15 hours lost ÷ (37.5 ÷ 5) = 2.0 FTE days.
  const page = await hr.get(`/o/${o}/people/${partTimerId}`);
  assert.equal(page.statusCode, 200);
  const summary = page
    .$('.govuk-summary-list__row')
    .map((_, row) => page.$(row).text().replace(/\s+/g, ' ').trim())
    .get();
  assert.ok(summary.includes('Sickness episodes in the last 12 months 1'), summary.join(' | '));
  assert.ok(summary.includes('FTE days lost in the last 12 months 2.00'), summary.join(' | '));

  // The history says who did what.
  const link = page.$('table a:contains("Sickness")').attr('href');
  assert.ok(link);
  const detail = await hr.get(link);
  assert.equal(detail.statusCode, 200, detail.body.slice(0, 3000));
  const timeline = detail.$('.moj-timeline').text().replace(/\s+/g, ' ');
  assert.match(timeline, /Test line manager/);
  assert.match(timeline, /Test employee/);
  assert.match(timeline, /Last day: open → /);

  // The report counts the same hours.
  const report = await hr.get(
    `/o/${o}/reports/absence?from=${firstDay}&to=${lastDay}&by=organisation&method=hours`,
  );
  assert.equal(report.statusCode, 200);
  const download = await hr.get(
    `/o/${o}/reports/absence/download?from=${firstDay}&to=${lastDay}&by=organisation&method=hours&format=csv`,
  );
  assert.equal(download.statusCode, 200);
  const [header, , total] = download.body.trim().split('\n');
  assert.equal(
    header,
    'group,average_fte,hours_available,hours_lost,fte_days_lost,days_lost_per_fte,absence_rate_pct,episodes,short_term_episodes,long_term_episodes,cost_gbp',
  );
  assert.match(total ?? '', /^TOTAL,/);
  assert.equal(total?.split(',')[3], '15', 'whole numbers are written plainly');
});

test('sickness within annual leave stands and the leave is given back; other overlaps are refused and write nothing', async () => {
  const { organisation, partTimerId, manager, hr } = await setUp();
  const o = organisation.slug;
  const url = `/o/${o}/people/${partTimerId}/absences/new`;
  await manager.get(url);
  const leave = await manager.post(url, {
    type: 'annual_leave',
    ...dateFields('startDate', '2026-07-06'),
    ...dateFields('endDate', '2026-07-17'),
  });
  assert.equal(leave.statusCode, 302);
  const sick = await manager.post(url, {
    type: 'sickness',
    ...dateFields('startDate', '2026-07-08'),
    ...dateFields('endDate', '2026-07-09'),
    reasonCode: 'S11',
    wentHome: 'no',
  });
  assert.equal(sick.statusCode, 302, sick.$('.govuk-error-summary').text());
  const clash = await manager.post(url, {
    type: 'other_leave',
    ...dateFields('startDate', '2026-07-10'),
    ...dateFields('endDate', '2026-07-20'),
  });
  assert.equal(clash.statusCode, 400);
  assert.match(clash.$('.govuk-error-summary').text(), /overlap/i);

  const page = await hr.get(`/o/${o}/people/${partTimerId}`);
  assert.match(page.$('.govuk-inset-text').text(), /Annual leave reinstated/);
  assert.match(page.$('.govuk-inset-text').text(), /2 days/);
  assert.equal(
    page.$('table:contains("Absence history") tbody tr').length,
    2,
    'nothing written for the clash',
  );
});

test('bad absence forms say what is wrong and where', async () => {
  const { organisation, partTimerId, manager } = await setUp();
  const url = `/o/${organisation.slug}/people/${partTimerId}/absences/new`;
  await manager.get(url);
  const bad = await manager.post(url, {
    type: 'sickness',
    'startDate-day': '31',
    'startDate-month': '2',
    'startDate-year': '2026',
    wentHome: 'yes',
    firstDayHours: '-1',
  });
  assert.equal(bad.statusCode, 400);
  const links = bad
    .$('.govuk-error-summary a')
    .map((_, a) => bad.$(a).attr('href'))
    .get();
  assert.ok(links.includes('#startDate-day'), links.join());
  assert.ok(links.includes('#reasonCode'), links.join());
  assert.ok(links.includes('#firstDayHours'), links.join());

  const beforeStart = await manager.post(url, {
    type: 'sickness',
    ...dateFields('startDate', '2019-01-07'),
    reasonCode: 'S10',
    wentHome: 'no',
  });
  assert.equal(beforeStart.statusCode, 400);
  assert.match(
    beforeStart.$('.govuk-error-summary').text(),
    /The first day cannot be before they started, on 1 April 2020/,
  );
});

test('salary and absence are shown only to those who may see them', async () => {
  const { organisation, partTimerId, manager, employee, hr } = await setUp();
  const o = organisation.slug;
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const adminSession = await new HttpSession(app).signIn(admin.email, admin.password);

  const asManager = await manager.get(`/o/${o}/people/${partTimerId}`);
  assert.equal(asManager.statusCode, 200);
  assert.doesNotMatch(asManager.$('main').text(), /salary/i, 'a line manager does not see pay');
  assert.match(asManager.$('main').text(), /The last 12 months/);

  const asHr = await hr.get(`/o/${o}/people/${partTimerId}`);
  assert.match(asHr.$('main').text(), /Annual salary/);

  const asAdmin = await adminSession.get(`/o/${o}/people/${partTimerId}`);
  assert.equal(asAdmin.statusCode, 200);
  assert.doesNotMatch(
    asAdmin.$('main').text(),
    /The last 12 months/,
    'an organisation admin sees no health data',
  );

  assert.equal((await employee.get(`/o/${o}/team`)).statusCode, 403);
  assert.equal((await employee.get(`/o/${o}/people/${partTimerId}`)).statusCode, 403);
  assert.equal((await manager.get(`/o/${o}/reports/absence`)).statusCode, 403);
});

test('the person page’s rolling 12 months, worked out from the record it has read, equal those from the database', async () => {
  const organisation = await createTestOrganisation(services, { fullTimeHours: 37 });
  const o = organisation.slug;
  const date = today();
  const fullTime = personRow({
    employeeNumber: 'R001',
    firstName: 'Robin',
    lastName: 'Rolling',
    startDate: '2020-04-01',
    weeklyHours: 37,
    pattern: { hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: false },
    annualSalary: 30_000,
  });
  await createTestPeople(services, organisation.id, [fullTime]);
  // Part time, Monday to Wednesday, from a hundred days ago: the year has two sets of terms.
  const changed = await importPeople(
    services,
    organisation.id,
    [
      {
        ...fullTime,
        weeklyHours: 22.2,
        pattern: { hours: [7.4, 7.4, 7.4, 0, 0, 0, 0], worksBankHolidays: false },
      },
    ],
    { today: addDays(date, -100) },
  );
  assert.ok(changed.ok);
  const mondayBefore = (day: string) => {
    let d = day;
    while (new Date(`${d}T12:00:00Z`).getUTCDay() !== 1) d = addDays(d, -1);
    return d;
  };
  const partDay = mondayBefore(addDays(date, -150));
  const absence = (
    type: AbsenceRow['type'],
    from: string,
    to: string | null,
    extra: Partial<AbsenceRow> = {},
  ) => ({
    row: 2,
    employeeNumber: 'R001',
    type,
    startDate: from,
    endDate: to,
    reasonCode: type === 'sickness' ? 'S10' : null,
    firstDayHours: null,
    notes: null,
    ...extra,
  });
  const imported = await importAbsences(
    services,
    organisation.id,
    [
      // Begins before the 12 months: its days within them count, the episode does not.
      absence('sickness', addDays(date, -380), addDays(date, -350)),
      absence('annual_leave', addDays(date, -200), addDays(date, -190)),
      // Went home part-way through the first day.
      absence('sickness', partDay, addDays(partDay, 2), { firstDayHours: 3.5, reasonCode: 'S13' }),
      // Still off, under the new terms.
      absence('sickness', addDays(date, -10), null),
    ].map((a, i) => ({ ...a, row: i + 2 })),
    {},
  );
  assert.ok(imported.ok, JSON.stringify(imported));
  const [person] = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id }).from(peopleTable),
  );
  assert.ok(person);
  const scope = { organisationIds: [organisation.id] };
  const fromRecord = await services.database.scoped(scope, async (db) => {
    const details = await personPage(db, organisation, person.id);
    assert.ok(details);
    const absences = await absencesRepository(db, organisation.id).forPerson(person.id);
    return rollingYearFor(db, organisation, person.id, date, {
      person: details.person,
      spells: details.terms,
      absences,
    });
  });
  const fromDatabase = await services.database.scoped(scope, (db) =>
    rollingYearFor(db, organisation, person.id, date),
  );
  // The same figures, added up in another order.
  assert.deepEqual(
    {
      ...fromRecord,
      fteDaysLost: fromRecord.fteDaysLost.toFixed(9),
      hoursLost: fromRecord.hoursLost.toFixed(9),
    },
    {
      ...fromDatabase,
      fteDaysLost: fromDatabase.fteDaysLost.toFixed(9),
      hoursLost: fromDatabase.hoursLost.toFixed(9),
    },
  );
  assert.equal(fromDatabase.episodes, 2);
  assert.ok(fromDatabase.hoursLost > 3.5 + 2 * 7.4, `hours lost ${fromDatabase.hoursLost}`);

  const hrAccount = await createTestAccount(services, organisation.id, ['hr']);
  const hr = await new HttpSession(app).signIn(hrAccount.email, hrAccount.password);
  const page = await hr.get(`/o/${o}/people/${person.id}`);
  assert.equal(page.statusCode, 200);
  const summary = page
    .$('.govuk-summary-list__row')
    .map((_, row) => page.$(row).text().replace(/\s+/g, ' ').trim())
    .get();
  assert.ok(summary.includes('Sickness episodes in the last 12 months 2'), summary.join(' | '));
  assert.ok(
    summary.includes(`FTE days lost in the last 12 months ${fromDatabase.fteDaysLost.toFixed(2)}`),
    summary.join(' | '),
  );
});

test('a long absence history is shown fifty at a time, the most recent first', async () => {
  const organisation = await createTestOrganisation(services);
  const o = organisation.slug;
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'H001', firstName: 'Hana', lastName: 'History', startDate: '2020-01-06' }),
  ]);
  // Sixty days of leave, one a fortnight, the first on 6 January 2020.
  const days = Array.from({ length: 60 }, (_, i) => addDays('2020-01-06', 14 * i));
  const imported = await importAbsences(
    services,
    organisation.id,
    days.map((day, i) => ({
      row: i + 2,
      employeeNumber: 'H001',
      type: 'annual_leave' as const,
      startDate: day,
      endDate: day,
      reasonCode: null,
      firstDayHours: null,
      notes: null,
    })),
    {},
  );
  assert.ok(imported.ok, JSON.stringify(imported));
  const [person] = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: peopleTable.id }).from(peopleTable),
  );
  assert.ok(person);
  const hrAccount = await createTestAccount(services, organisation.id, ['hr']);
  const hr = await new HttpSession(app).signIn(hrAccount.email, hrAccount.password);
  const startsOn = (page: Awaited<ReturnType<typeof hr.get>>) =>
    page
      .$('#absence-history tbody tr td:nth-child(2)')
      .map((_, cell) => page.$(cell).text().trim())
      .get();

  const first = await hr.get(`/o/${o}/people/${person.id}`);
  assert.equal(first.statusCode, 200);
  const firstDays = startsOn(first);
  assert.equal(firstDays.length, 50);
  assert.equal(firstDays[0], ukDateShort(days[59]));
  assert.equal(firstDays[49], ukDateShort(days[10]));
  assert.match(first.$('#absence-history').text(), /Showing absences 1 to 50 of 60, the most recent first/);
  const next = first.$('#absence-history .govuk-pagination__next a').attr('href');
  assert.equal(next, `/o/${o}/people/${person.id}?page=2#absence-history`);

  const second = await hr.get(`/o/${o}/people/${person.id}?page=2`);
  assert.deepEqual(
    startsOn(second),
    days
      .slice(0, 10)
      .reverse()
      .map((d) => ukDateShort(d)),
  );
  assert.match(second.$('#absence-history').text(), /Showing absences 51 to 60 of 60/);
  // A page past the last shows the last; anything else the first.
  assert.equal(startsOn(await hr.get(`/o/${o}/people/${person.id}?page=9`)).length, 10);
  assert.equal(startsOn(await hr.get(`/o/${o}/people/${person.id}?page=two`)).length, 50);
});

test('a medical appointment of a few hours shows its hours as the appointment’s', async () => {
  const { organisation, partTimerId, hr } = await setUp();
  const imported = await importAbsences(
    services,
    organisation.id,
    [
      {
        row: 2,
        employeeNumber: 'P001',
        type: 'medical_appointment',
        startDate: '2024-03-18',
        endDate: '2024-03-18',
        reasonCode: null,
        firstDayHours: 2.5,
        notes: null,
      },
    ],
    {},
  );
  assert.ok(imported.ok);
  const [held] = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    db.select({ id: absencesTable.id }).from(absencesTable),
  );
  const page = await hr.get(`/o/${organisation.slug}/people/${partTimerId}/absences/${held?.id}`);
  assert.equal(page.statusCode, 200);
  assert.match(page.$('main').text().replace(/\s+/g, ' '), /Hours of the appointment 2\.5/);
});
