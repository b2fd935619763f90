/**
 * The benchmarks, policy comparison and board pack pages through HTTP, as HR and a line manager
 * use them: the organisation's figures equal the absence report's, the sector's national
 * benchmarks are shown with their sources, HR adds and removes the organisation's own benchmarks
 * (bad input writes nothing; another organisation's HR can neither see nor remove them), the
 * policy comparison's figures equal the report's rows by unit added up per policy and its counts
 * of formal stages and reviews held on time are right for the data made here, and the board
 * pack's headline equals the scorecard's. Runs on PGlite, and on PostgreSQL when
 * TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { queryRows } from '../../db/database.ts';
import { attendanceCases, stageMeetings } from '../attendance-cases/attendance-cases-schema.ts';
import { auditEvents } from '../../db/schema.ts';
import { organisationBenchmarks } from './management-information-schema.ts';
import { units } from '../people/people-schema.ts';
import { welcomeBackReviews } from '../welcome-back-reviews/welcome-back-reviews-schema.ts';
import { addDays } from '../../domain/dates.ts';
import { addUpRows, isWithin, rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { csv, near, total } from '../../testing/report-assertions.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { formatNumber } from '../../web/nunjucks.ts';
import type { AbsenceRow } from '../absences/absences-csv.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';
import { organisationUnits } from './mi-service.ts';

const { services, app } = await openTestApp();

const TEAMS: Record<string, { path: string[]; people: number }> = {
  homeCare: { path: ['Adult Social Care', 'Home Care'], people: 8 },
  reablement: { path: ['Adult Social Care', 'Reablement'], people: 6 },
  waste: { path: ['Place', 'Waste and Recycling'], people: 10 },
  parks: { path: ['Place', 'Parks'], people: 3 },
  resources: { path: ['Resources'], people: 6 },
};

async function setUp() {
  const created = await createTestOrganisation(services, { targetDaysPerFte: 8 });
  const period = rollingTwelveMonths(today());
  const rows = [];
  const numbers: Record<string, string[]> = {};
  for (const [team, { path, people }] of Object.entries(TEAMS)) {
    numbers[team] = [];
    for (let i = 0; i < people; i++) {
      const row = personRow({ unitPath: path, startDate: '2020-04-01', annualSalary: 23_000 + 500 * i });
      numbers[team].push(row.employeeNumber);
      rows.push(row);
    }
  }
  await createTestPeople(services, created.id, rows);
  const number = (team: string, i: number) => numbers[team]?.[i] ?? '';

  const absences: AbsenceRow[] = [];
  const sickness = (employeeNumber: string, start: number, days: number, reason: string) =>
    absences.push({
      row: absences.length + 2,
      employeeNumber,
      type: 'sickness',
      startDate: addDays(period.from, start),
      endDate: addDays(period.from, start + days - 1),
      reasonCode: reason,
      firstDayHours: null,
      notes: null,
    });
  numbers.homeCare?.forEach((n, i) => sickness(n, 10 + 30 * i, 2 + (i % 3), i % 2 ? 'S10' : 'S13'));
  numbers.waste?.forEach((n, i) => {
    sickness(n, 15 + 25 * i, 5, 'S12');
    if (i % 2 === 0) sickness(n, 200 + 7 * i, 10, 'S10');
  });
  numbers.reablement?.slice(0, 3).forEach((n, i) => sickness(n, 60 + 40 * i, 3, 'S13'));
  sickness(number('resources', 0), 30, 4, 'S25');
  sickness(number('resources', 5), 20, 3, 'S13');
  sickness(number('parks', 0), 100, 2, 'S25');
  const imported = await importAbsences(services, created.id, absences, {});
  assert.ok(imported.ok, JSON.stringify(imported));

  const organisation = await services.organisations.findById(created.id);
  assert.ok(organisation);
  const unitList = await organisationUnits(services.database, organisation);
  const unitId = (path: string) => {
    const found = unitList.find((u) => u.path === path);
    assert.ok(found, `no unit ${path}`);
    return found.id;
  };

  // Place follows the trigger-based policy, and so its services; the rest the organisation's.
  // One person moves from Resources to Waste and Recycling half way through the period.
  const moveDate = addDays(period.from, 180);
  const mover = number('resources', 5);
  const ids = await services.database.scoped({ organisationIds: [organisation.id] }, async (db) => {
    await db
      .update(units)
      .set({ policyModel: 'trigger_based' })
      .where(and(eq(units.organisationId, organisation.id), eq(units.id, unitId('Place'))));
    const people = await queryRows<{ id: number; employee_number: string }>(
      db,
      sql`select id, employee_number from people where organisation_id = ${organisation.id}`,
    );
    const personId = (employeeNumber: string) => {
      const found = people.find((p) => p.employee_number === employeeNumber);
      assert.ok(found, `no person ${employeeNumber}`);
      return found.id;
    };
    await db.execute(sql`
      insert into employment_spells (organisation_id, person_id, effective_from, unit_id, staff_group, weekly_hours,
        hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat, hours_sun, works_bank_holidays, annual_salary)
      select organisation_id, person_id, ${moveDate}::date, ${unitId('Place > Waste and Recycling')}, staff_group, weekly_hours,
        hours_mon, hours_tue, hours_wed, hours_thu, hours_fri, hours_sat, hours_sun, works_bank_holidays, annual_salary
      from employment_spells where organisation_id = ${organisation.id} and person_id = ${personId(mover)}`);

    // Formal stages: informal stages and appeals are not formal stages started, nor meetings outside the period.
    const meetings: [string, string, number][] = [
      [number('homeCare', 0), 'informal', 40],
      [number('homeCare', 0), 'first_formal', 80], // person-centred
      [number('waste', 0), 'informal', 20],
      [number('waste', 0), 'first_formal', 50], // trigger-based
      [number('waste', 0), 'second_formal', 150], // trigger-based
      [number('waste', 0), 'appeal', 170],
      [number('waste', 1), 'first_formal', -20], // before the period
      [mover, 'first_formal', 100], // person-centred: still in Resources
      [mover, 'second_formal', 250], // trigger-based: moved to Waste and Recycling
    ];
    for (const [employeeNumber, stage, day] of meetings) {
      const [found] = await db
        .insert(attendanceCases)
        .values({
          organisationId: organisation.id,
          personId: personId(employeeNumber),
          openedOn: addDays(period.from, -60),
        })
        .returning();
      assert.ok(found);
      await db.insert(stageMeetings).values({
        organisationId: organisation.id,
        caseId: found.id,
        stage,
        meetingDate: addDays(period.from, day),
        noticeGivenOn: addDays(period.from, day - 10),
      });
    }

    // Welcome-back reviews: only those set here, on the absences imported.
    await db.delete(welcomeBackReviews).where(eq(welcomeBackReviews.organisationId, organisation.id));
    const absenceRows = await queryRows<{ id: number; person_id: number; start_date: string }>(
      db,
      sql`select id, person_id, start_date::text from absences where organisation_id = ${organisation.id} order by start_date, id`,
    );
    const absenceOf = (employeeNumber: string, n = 0) => {
      const found = absenceRows.filter((a) => a.person_id === personId(employeeNumber))[n];
      assert.ok(found, `no absence ${n} of ${employeeNumber}`);
      return found;
    };
    const reviews: [string, number, number, number | null][] = [
      // [person, which absence, due (day of the period), held (day) or not]
      [number('homeCare', 0), 0, 20, 20], // on time, on the day
      [number('homeCare', 1), 0, 50, 53], // late
      [number('homeCare', 2), 0, 80, null], // not held
      [number('homeCare', 3), 0, -5, -5], // due before the period
      [number('waste', 2), 0, 90, 88], // on time
      [number('waste', 3), 0, 120, null], // not held
    ];
    for (const [employeeNumber, n, due, held] of reviews) {
      const absence = absenceOf(employeeNumber, n);
      await db.insert(welcomeBackReviews).values({
        organisationId: organisation.id,
        personId: absence.person_id,
        absenceId: absence.id,
        absenceEndDate: absence.start_date,
        dueDate: addDays(period.from, due),
        heldOn: held === null ? null : addDays(period.from, held),
      });
    }
    return { personId };
  });

  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: number('homeCare', 0),
  });
  return {
    organisation,
    o: organisation.slug,
    period,
    unitId,
    personId: ids.personId,
    hr: await new HttpSession(app).signIn(hr.email, hr.password),
    manager: await new HttpSession(app).signIn(manager.email, manager.password),
  };
}

const setup = setUp();

function row(records: Record<string, string>[], column: string, value: string): Record<string, string> {
  const found = records.find((r) => r[column] === value);
  assert.ok(found, `no row ${value} in ${records.map((r) => r[column]).join(', ')}`);
  return found;
}

test('the benchmarks page shows our figures as the absence report has them, beside the sector’s national benchmarks and their sources', async () => {
  const s = await setup;
  const hours = total(
    await runAbsenceReport(services.database, s.organisation, {
      ...s.period,
      by: 'organisation',
      method: 'hours',
    }),
  );
  const calendar = total(
    await runAbsenceReport(services.database, s.organisation, {
      ...s.period,
      by: 'organisation',
      method: 'calendar',
    }),
  );
  assert.ok(hours.fteDaysLost > 0);
  assert.notEqual(hours.absenceRatePct, calendar.absenceRatePct);

  const page = await s.hr.get(`/o/${s.o}/management-information/benchmarks`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  assert.equal(page.$('#our-hours-rate').text().trim(), `${formatNumber(hours.absenceRatePct, 2)}%`);
  assert.equal(page.$('#our-calendar-rate').text().trim(), `${formatNumber(calendar.absenceRatePct, 2)}%`);
  assert.equal(page.$('#our-days-lost').text().trim(), formatNumber(hours.daysLostPerFte, 2));
  assert.equal(page.$('img.app-chart__image').length, 2, 'a chart of rates and one of days');
  assert.equal(page.$('#table-comparison caption').length, 1);
  const text = page.$('#table-benchmarks').text();
  // A council: everyone's and the public sector's, not the NHS's or the private sector's.
  assert.match(text, /UK sickness absence rate, public sector/);
  assert.match(text, /ONS, Sickness absence in the UK labour market: 2024 \(Labour Force Survey\)/);
  assert.match(text, /CIPD, Health and wellbeing at work survey 2023/);
  assert.doesNotMatch(text, /NHS England/);
  assert.doesNotMatch(text, /private sector/);

  const ours = await csv(s.hr, `/o/${s.o}/management-information/benchmarks?format=csv&table=our-figures`);
  assert.equal(ours.length, 3);
  near(Number(ours[0]?.Figure), hours.absenceRatePct, 'hours method rate');
  near(Number(ours[1]?.Figure), calendar.absenceRatePct, 'calendar-day method rate');
  near(Number(ours[2]?.Figure), hours.daysLostPerFte, 'days lost per FTE');

  const benchmarks = await csv(
    s.hr,
    `/o/${s.o}/management-information/benchmarks?format=csv&table=benchmarks`,
  );
  assert.deepEqual(
    benchmarks.map((b) => b.Benchmark),
    [
      'UK sickness absence rate, all workers',
      'UK sickness absence rate, public sector',
      'Average days lost per employee, all sectors',
      'Average days lost per employee, public sector',
    ],
  );
  const onsSource = row(benchmarks, 'Benchmark', 'UK sickness absence rate, public sector');
  assert.equal(onsSource.Figure, '2.90');
  assert.equal(onsSource.Period, '2024');
  assert.equal(onsSource['Published by'], 'Office for National Statistics');
  assert.match(onsSource.Method ?? '', /Labour Force Survey/);
  const comparison = await csv(
    s.hr,
    `/o/${s.o}/management-information/benchmarks?format=csv&table=comparison`,
  );
  const ons = row(comparison, 'Benchmark', 'UK sickness absence rate, public sector (2024)');
  assert.equal(ons['Benchmark figure'], '2.90');
  near(Number(ons['Our figure']), hours.absenceRatePct, 'ONS beside the hours method');
  near(Number(ons['Ours minus the benchmark']), hours.absenceRatePct - 2.9, 'difference');
  const cipd = row(comparison, 'Benchmark', 'Average days lost per employee, public sector (2023)');
  near(Number(cipd['Our figure']), hours.daysLostPerFte, 'CIPD beside days lost per FTE');
  assert.match(cipd.Note ?? '', /per employee, not per FTE/);

  const bad = await s.hr.get(`/o/${s.o}/management-information/benchmarks?format=pdf`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.$('.govuk-error-summary').text(), /format must be csv or xlsx/);
  assert.equal(bad.$('table').length, 0);
});

test('an NHS trust’s rate is set beside NHS England’s by the calendar-day method', async () => {
  const trust = await createTestOrganisation(services, { sector: 'nhs' });
  await createTestPeople(services, trust.id, [personRow({ unitPath: ['Medicine', 'Ward 7'] })]);
  const account = await createTestAccount(services, trust.id, ['hr']);
  const hr = await new HttpSession(app).signIn(account.email, account.password);
  const comparison = await csv(
    hr,
    `/o/${trust.slug}/management-information/benchmarks?format=csv&table=comparison`,
  );
  const nhs = row(comparison, 'Benchmark', 'NHS England sickness absence rate (January 2025)');
  assert.equal(nhs['Compared with our'], 'Absence rate, calendar-day method (%)');
  assert.match(nhs.Note ?? '', /calendar-day method/);
});

test('HR adds and removes the organisation’s own benchmarks; bad input writes nothing; other organisations cannot see or remove them', async () => {
  const s = await setup;
  const base = `/o/${s.o}/management-information/benchmarks`;
  const count = () =>
    services.database.scoped(
      { organisationIds: [s.organisation.id] },
      async (db) =>
        (
          await db
            .select()
            .from(organisationBenchmarks)
            .where(eq(organisationBenchmarks.organisationId, s.organisation.id))
        ).length,
    );
  const before = await count();

  // A line manager reads the page but cannot add.
  const managerPage = await s.manager.get(base);
  assert.equal(managerPage.statusCode, 200);
  assert.equal(managerPage.$('a:contains("Add a benchmark")').length, 0);
  assert.equal((await s.manager.get(`${base}/new`)).statusCode, 403);

  const form = await s.hr.get(base);
  const addLink = form.$('a:contains("Add a benchmark")').attr('href');
  assert.equal(addLink, `${base}/new`);
  await s.hr.get(`${base}/new`);
  const bad = await s.hr.post(`${base}/new`, {
    name: '',
    measure: 'absence_rate_pct',
    value: '120',
    period: '2024-25',
    source: '',
  });
  assert.equal(bad.statusCode, 400);
  const summary = bad.$('.govuk-error-summary').text();
  assert.match(summary, /Enter the benchmark’s name/);
  assert.match(summary, /Enter where the figure comes from/);
  assert.equal(bad.$('#period').val(), '2024-25', 'the answers come back');
  const notANumber = await s.hr.post(`${base}/new`, {
    name: 'North West councils',
    measure: 'absence_rate_pct',
    value: 'four',
    period: '2024-25',
    source: 'North West Employers',
  });
  assert.equal(notANumber.statusCode, 400);
  assert.match(notANumber.$('.govuk-error-summary').text(), /Enter the figure as a number/);
  const tooHigh = await s.hr.post(`${base}/new`, {
    name: 'North West councils',
    measure: 'absence_rate_pct',
    value: '120',
    period: '2024-25',
    source: 'North West Employers',
  });
  assert.equal(tooHigh.statusCode, 400);
  assert.match(tooHigh.$('.govuk-error-summary').text(), /must be no more than 100/);
  const noMeasure = await s.hr.post(`${base}/new`, {
    name: 'North West councils',
    value: '4.1',
    period: '2024-25',
    source: 'North West Employers',
  });
  assert.equal(noMeasure.statusCode, 400);
  assert.equal(noMeasure.$('.govuk-error-summary a').attr('href'), '#measure');
  assert.equal(await count(), before, 'nothing written');

  const added = await s.hr.post(`${base}/new`, {
    name: 'North West councils',
    measure: 'absence_rate_pct',
    value: '4.1',
    period: '2024-25',
    source: 'North West Employers, sickness absence survey 2024-25',
  });
  assert.equal(added.statusCode, 302, added.body.slice(0, 400));
  assert.equal(added.headers.location, base);
  const addedDays = await s.hr.post(`${base}/new`, {
    name: 'North West councils, days',
    measure: 'days_lost_per_fte',
    value: '11.2',
    period: '2024-25',
    source: 'North West Employers, sickness absence survey 2024-25',
  });
  assert.equal(addedDays.statusCode, 302);
  assert.equal(await count(), before + 2);

  const page = await s.hr.get(base);
  assert.match(page.$('.govuk-notification-banner').text(), /Benchmark added: North West councils, days/);
  assert.match(page.$('#own-benchmarks').text(), /North West Employers, sickness absence survey 2024-25/);
  const benchmarks = await csv(s.hr, `${base}?format=csv&table=benchmarks`);
  const own = row(benchmarks, 'Benchmark', 'North West councils');
  assert.equal(own.Figure, '4.10');
  assert.equal(own['Published by'], `Added by ${s.organisation.name}`);
  const comparison = await csv(s.hr, `${base}?format=csv&table=comparison`);
  assert.equal(
    row(comparison, 'Benchmark', 'North West councils (2024-25)')['Compared with our'],
    'Absence rate, hours method (%)',
  );
  // The line manager sees it too, without the means to remove it.
  const managerAfter = await s.manager.get(base);
  assert.match(managerAfter.$('#own-benchmarks').text(), /North West councils/);
  assert.equal(managerAfter.$('#own-benchmarks form').length, 0);

  const [saved] = await services.database.scoped({ organisationIds: [s.organisation.id] }, (db) =>
    db
      .select()
      .from(organisationBenchmarks)
      .where(
        and(
          eq(organisationBenchmarks.organisationId, s.organisation.id),
          eq(organisationBenchmarks.name, 'North West councils'),
        ),
      ),
  );
  assert.ok(saved);
  assert.equal(saved.value, 4.1);

  // Another organisation's HR: not on their page, and not theirs to remove.
  const other = await createTestOrganisation(services);
  const otherAccount = await createTestAccount(services, other.id, ['hr']);
  const otherHr = await new HttpSession(app).signIn(otherAccount.email, otherAccount.password);
  const otherPage = await otherHr.get(`/o/${other.slug}/management-information/benchmarks`);
  assert.equal(otherPage.statusCode, 200);
  assert.doesNotMatch(otherPage.body, /North West councils/);
  assert.equal((await otherHr.get(base)).statusCode, 404);
  const viaTheirs = await otherHr.post(
    `/o/${other.slug}/management-information/benchmarks/${saved.id}/remove`,
    {},
  );
  assert.equal(viaTheirs.statusCode, 404);
  const viaOurs = await otherHr.post(`${base}/${saved.id}/remove`, {});
  assert.equal(viaOurs.statusCode, 404);
  assert.equal(await count(), before + 2);

  // Our HR removes it; the removal and the additions are audited.
  await s.hr.get(base);
  const removed = await s.hr.post(`${base}/${saved.id}/remove`, {});
  assert.equal(removed.statusCode, 302);
  assert.equal(await count(), before + 1);
  const after = await s.hr.get(base);
  assert.match(after.$('.govuk-notification-banner').text(), /Benchmark removed: North West councils/);
  assert.doesNotMatch(after.$('#own-benchmarks').text(), /North West councils\s/);
  const events = await services.database.system
    .select()
    .from(auditEvents)
    .where(eq(auditEvents.organisationId, s.organisation.id));
  assert.equal(events.filter((e) => e.action === 'management-information.benchmark-added').length, 2);
  const removal = events.find((e) => e.action === 'management-information.benchmark-removed');
  assert.equal(removal?.subjectId, String(saved.id));
});

test('the policy comparison adds up the report’s rows by unit per policy and counts formal stages and reviews held on time', async () => {
  const s = await setup;
  const byUnit = await runAbsenceReport(services.database, s.organisation, {
    ...s.period,
    by: 'unit',
    method: 'hours',
  });
  const trigger = addUpRows(
    'trigger',
    byUnit.filter((r) => r.group !== 'TOTAL' && isWithin(r.group, 'Place')),
  );
  const personCentred = addUpRows(
    'person-centred',
    byUnit.filter((r) => r.group !== 'TOTAL' && !isWithin(r.group, 'Place')),
  );
  assert.ok(trigger.fteDaysLost > 0 && personCentred.fteDaysLost > 0);

  const page = await s.hr.get(`/o/${s.o}/management-information/policy-comparison`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  assert.match(page.$('main').text(), /Units following the trigger-based policy/);
  assert.match(page.$('main').text(), /Place\b/);
  assert.equal(page.$('img.app-chart__image').length, 4);

  const absence = await csv(
    s.hr,
    `/o/${s.o}/management-information/policy-comparison?format=csv&table=absence`,
  );
  assert.deepEqual(
    absence.map((r) => r.Policy),
    ['Person-centred policy', 'Trigger-based policy', `All of ${s.organisation.name}`],
  );
  for (const [label, expected] of [
    ['Person-centred policy', personCentred],
    ['Trigger-based policy', trigger],
    [`All of ${s.organisation.name}`, total(byUnit)],
  ] as const) {
    const found = row(absence, 'Policy', label);
    near(Number(found['Average FTE']), expected.averageFte, `${label} average FTE`);
    near(Number(found['FTE days lost']), expected.fteDaysLost, `${label} FTE days lost`);
    near(Number(found['Days lost per FTE']), expected.daysLostPerFte, `${label} days lost per FTE`);
    near(Number(found['Absence rate (%)']), expected.absenceRatePct, `${label} absence rate`);
    assert.equal(Number(found['Episodes started']), expected.episodes, `${label} episodes`);
  }
  // The mover counts in both groups, once in the whole.
  assert.equal(row(absence, 'Policy', 'Person-centred policy').People, '20');
  assert.equal(row(absence, 'Policy', 'Trigger-based policy').People, '14');
  assert.equal(row(absence, 'Policy', `All of ${s.organisation.name}`).People, '33');

  const process = await csv(
    s.hr,
    `/o/${s.o}/management-information/policy-comparison?format=csv&table=process`,
  );
  const pc = row(process, 'Policy', 'Person-centred policy');
  assert.equal(pc['Formal stages started'], '2');
  near(Number(pc['Formal stages per 100 people']), (100 * 2) / 20, 'person-centred stages per 100');
  assert.equal(pc['Welcome-back reviews due'], '3');
  assert.equal(pc['Held on time'], '1');
  near(Number(pc['Held on time (%)']), 100 / 3, 'person-centred on time');
  const tb = row(process, 'Policy', 'Trigger-based policy');
  assert.equal(tb['Formal stages started'], '3');
  near(Number(tb['Formal stages per 100 people']), (100 * 3) / 14, 'trigger-based stages per 100');
  assert.equal(tb['Welcome-back reviews due'], '2');
  assert.equal(tb['Held on time'], '1');
  near(Number(tb['Held on time (%)']), 50, 'trigger-based on time');
  const all = row(process, 'Policy', `All of ${s.organisation.name}`);
  assert.equal(all['Formal stages started'], '5');
  assert.equal(all['Welcome-back reviews due'], '5');

  // Another period: the meetings in its first half only.
  const half = await csv(
    s.hr,
    `/o/${s.o}/management-information/policy-comparison?from=${s.period.from}&to=${addDays(s.period.from, 120)}&format=csv&table=process`,
  );
  assert.equal(row(half, 'Policy', 'Person-centred policy')['Formal stages started'], '2');
  assert.equal(row(half, 'Policy', 'Trigger-based policy')['Formal stages started'], '1');

  // A line manager: the same rates; counts below 5, and rates made from them, not shown.
  const managerProcess = await csv(
    s.manager,
    `/o/${s.o}/management-information/policy-comparison?format=csv&table=process`,
  );
  const managerPc = row(managerProcess, 'Policy', 'Person-centred policy');
  assert.equal(managerPc['Formal stages started'], 'fewer than 5');
  assert.equal(managerPc['Formal stages per 100 people'], 'not shown (fewer than 5)');
  assert.equal(managerPc['Held on time (%)'], 'not shown (fewer than 5)');
  assert.equal(row(managerProcess, 'Policy', `All of ${s.organisation.name}`)['Formal stages started'], '5');
  const managerAbsence = await csv(
    s.manager,
    `/o/${s.o}/management-information/policy-comparison?format=csv&table=absence`,
  );
  assert.equal(
    row(managerAbsence, 'Policy', 'Trigger-based policy')['Days lost per FTE'],
    row(absence, 'Policy', 'Trigger-based policy')['Days lost per FTE'],
  );
  const managerPage = await s.manager.get(`/o/${s.o}/management-information/policy-comparison`);
  assert.match(managerPage.$('#table-process').text(), /fewer than 5/);

  const bad = await s.hr.get(`/o/${s.o}/management-information/policy-comparison?from=2025-13-01`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.$('.govuk-error-summary').text(), /The start of the period must be a real date/);
  assert.equal(bad.$('table').length, 0);
});

test('an organisation with one policy in use is told so plainly and shown that one', async () => {
  const single = await createTestOrganisation(services);
  await createTestPeople(
    services,
    single.id,
    Array.from({ length: 5 }, () => personRow({ unitPath: ['Corporate', 'Finance'] })),
  );
  const account = await createTestAccount(services, single.id, ['hr']);
  const hr = await new HttpSession(app).signIn(account.email, account.password);
  const page = await hr.get(`/o/${single.slug}/management-information/policy-comparison`);
  assert.equal(page.statusCode, 200);
  assert.match(
    page.$('main').text(),
    /Only one policy was in use in .* every unit followed the person-centred policy/,
  );
  assert.equal(page.$('img.app-chart__image').length, 0);
  const records = await csv(
    hr,
    `/o/${single.slug}/management-information/policy-comparison?format=csv&table=absence`,
  );
  assert.deepEqual(
    records.map((r) => r.Policy),
    ['Person-centred policy'],
  );
  assert.equal(records[0]?.People, '5');
});

test('the board pack’s headline equals the scorecard’s, and the whole pack downloads as one spreadsheet', async () => {
  const s = await setup;
  const scorecard = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=headline`);
  const pack = await csv(s.hr, `/o/${s.o}/management-information/board-pack?format=csv&table=headline`);
  assert.deepEqual(pack, scorecard);
  const expected = total(
    await runAbsenceReport(services.database, s.organisation, {
      ...s.period,
      by: 'organisation',
      method: 'hours',
    }),
  );

  const page = await s.hr.get(`/o/${s.o}/management-information/board-pack`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  assert.equal(page.$('#headline-days-lost').text().trim(), formatNumber(expected.daysLostPerFte, 2));
  assert.equal(page.$('#headline-rate').text().trim(), `${formatNumber(expected.absenceRatePct, 2)}%`);
  assert.match(page.$('h1').text(), /^Board pack: Test Borough Council \d+, 12 months to /);
  for (const id of [
    'headline',
    'trend',
    'reasons',
    'policy-comparison',
    'our-figures',
    'comparison',
    'benchmarks',
  ]) {
    assert.equal(page.$(`#table-${id} caption`).length, 1, `table ${id}`);
  }
  assert.equal(page.$('img.app-chart__image').length, 3, 'the trend, the policies and the benchmarks');
  assert.equal(page.$('form.app-no-print').length, 1, 'the form is left off the printed page');

  const policy = await csv(
    s.hr,
    `/o/${s.o}/management-information/board-pack?format=csv&table=policy-comparison`,
  );
  const comparison = await csv(
    s.hr,
    `/o/${s.o}/management-information/policy-comparison?format=csv&table=absence`,
  );
  assert.equal(
    row(policy, 'Policy', 'Trigger-based policy')['Days lost per FTE'],
    row(comparison, 'Policy', 'Trigger-based policy')['Days lost per FTE'],
  );

  const response = await s.hr.download(`/o/${s.o}/management-information/board-pack?format=xlsx`);
  assert.equal(response.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.body as unknown as ArrayBuffer);
  const sheets: string[] = [];
  workbook.eachSheet((sheet) => sheets.push(sheet.name));
  assert.deepEqual(sheets, [
    'About',
    'Headline figures',
    'Month by month',
    'Hotspots',
    'Top reasons',
    'Policy comparison',
    'Our figures',
    'Compared with benchmarks',
    'Benchmarks',
  ]);

  // A directorate's pack: the directorate's scorecard.
  const id = s.unitId('Adult Social Care');
  const directorate = await csv(
    s.hr,
    `/o/${s.o}/management-information/board-pack?unit=${id}&format=csv&table=headline`,
  );
  assert.deepEqual(
    directorate,
    await csv(s.hr, `/o/${s.o}/management-information/scorecard?unit=${id}&format=csv&table=headline`),
  );
  const directoratePage = await s.hr.get(`/o/${s.o}/management-information/board-pack?unit=${id}`);
  assert.match(directoratePage.$('h1').text(), /^Board pack: Adult Social Care/);
  assert.match(directoratePage.$('#policy-heading').parent().text(), /Only one policy was in use/);

  const bad = await s.hr.get(`/o/${s.o}/management-information/board-pack?unit=99999999`);
  assert.equal(bad.statusCode, 400);
  assert.match(bad.$('.govuk-error-summary').text(), /Choose a unit from the list/);
});

test('a line manager’s board pack suppresses small numbers as the scorecard does', async () => {
  const s = await setup;
  const hrReasons = await csv(s.hr, `/o/${s.o}/management-information/board-pack?format=csv&table=reasons`);
  const managerReasons = await csv(
    s.manager,
    `/o/${s.o}/management-information/board-pack?format=csv&table=reasons`,
  );
  const s25 = (records: Record<string, string>[]) =>
    records.find((r) => r.Reason?.startsWith('S25'))?.['Episodes started'];
  assert.equal(s25(hrReasons), '2');
  assert.equal(s25(managerReasons), 'fewer than 5');
  const page = await s.manager.get(`/o/${s.o}/management-information/board-pack`);
  assert.equal(page.statusCode, 200);
  assert.match(page.$('main').text(), /counts below 5 are shown as “fewer than 5”/);
  // Parks (3 people) is not in the manager's view of the policies' process figures either.
  const policy = await csv(
    s.manager,
    `/o/${s.o}/management-information/board-pack?format=csv&table=policy-comparison`,
  );
  assert.equal(
    row(policy, 'Policy', 'Person-centred policy')['Formal stages per 100 people'],
    'not shown (fewer than 5)',
  );
});
