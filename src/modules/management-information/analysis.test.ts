/**
 * The trends, reasons and cost of absence pages, and the management information API, through
 * HTTP as HR, a line manager and an API client use them: every figure equals the absence
 * report's (`runAbsenceReport`) for the same period and grouping — a month beside the same month
 * a year before equals the report run for that month alone — a line manager sees small numbers
 * suppressed, bad query parameters get a 400 that says what is wrong, and the API gives the
 * pages' figures as numbers, to keys with the `reports:read` scope only. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { ReportRow } from '../../domain/absence-report.ts';
import { addDays, monthEnd } from '../../domain/dates.ts';
import { lastFullMonth, rollingTwelveMonths } from '../../domain/scorecard.ts';
import { monthsEnding, sameMonthLastYear } from '../../domain/trends.ts';
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
import type { AbsenceRow } from '../absences/absences-csv.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { runAbsenceReport, sicknessRecordsBegin } from '../absence-report/report-service.ts';
import { apiKeysRepository } from '../user-accounts/api-keys-repository.ts';
import { organisationUnits } from './mi-service.ts';
import { monthName } from './view-models.ts';

const { services, app } = await openTestApp();

interface Team {
  path: string[];
  people: number;
  staffGroup: string | null;
  salary: number | null;
}
const TEAMS: Record<string, Team> = {
  north: {
    path: ['Adult Social Care', 'Home Care', 'North Team'],
    people: 8,
    staffGroup: 'Care',
    salary: 23_000,
  },
  south: {
    path: ['Adult Social Care', 'Home Care', 'South Team'],
    people: 8,
    staffGroup: 'Care',
    salary: 24_500,
  },
  asc: { path: ['Adult Social Care'], people: 5, staffGroup: 'Administrative', salary: 31_000 },
  waste: { path: ['Place', 'Waste and Recycling'], people: 10, staffGroup: 'Operational', salary: 22_000 },
  parks: { path: ['Place', 'Parks'], people: 3, staffGroup: 'Operational', salary: null },
  resources: { path: ['Resources'], people: 6, staffGroup: null, salary: 35_000 },
};
const REASONS = ['S10', 'S11', 'S12', 'S13', 'S25', 'S98', 'S28'];
const PEOPLE = Object.values(TEAMS).reduce((n, t) => n + t.people, 0);

async function setUp() {
  const organisation = await createTestOrganisation(services, { targetDaysPerFte: 8, onCostRate: 0.3 });
  const endMonth = lastFullMonth(today());
  const end = monthEnd(`${endMonth}-01`);
  const start = `${monthsEnding(endMonth, 30)[0] ?? endMonth}-01`;
  const rows = [];
  const numbers: Record<string, string[]> = {};
  for (const [team, { path, people, staffGroup, salary }] of Object.entries(TEAMS)) {
    numbers[team] = [];
    for (let i = 0; i < people; i++) {
      // Half of Resources have a staff group after all, so some people have none.
      const group = team === 'resources' && i < 3 ? 'Administrative' : staffGroup;
      const row = personRow({
        unitPath: path,
        startDate: '2020-04-01',
        staffGroup: group,
        annualSalary: salary === null ? null : salary + 500 * i,
      });
      numbers[team].push(row.employeeNumber);
      rows.push(row);
    }
  }
  await createTestPeople(services, organisation.id, rows);

  const absences: AbsenceRow[] = [];
  const sickness = (employeeNumber: string, offset: number, days: number, reason: string) => {
    const startDate = addDays(start, offset);
    if (startDate > end) return;
    const endDate = addDays(startDate, days - 1);
    absences.push({
      row: absences.length + 2,
      employeeNumber,
      type: 'sickness',
      startDate,
      endDate: endDate > end ? end : endDate,
      reasonCode: reason,
      firstDayHours: null,
      notes: null,
    });
  };
  let k = 0;
  for (const [team, people] of Object.entries(numbers)) {
    people.forEach((n, i) => {
      k += 1;
      if (team === 'resources' && i === 0) return;
      const episodes = team === 'south' ? 12 : team === 'parks' ? 2 : 6;
      for (let j = 0; j < episodes; j++) {
        sickness(
          n,
          11 * k + (900 / episodes) * j,
          1 + ((k + j) % 4),
          REASONS[(k + j) % REASONS.length] ?? 'S13',
        );
      }
    });
  }
  // One long-term episode, the whole of a summer.
  sickness(numbers.resources?.[0] ?? '', 500, 70, 'S10');
  const imported = await importAbsences(services, organisation.id, absences, {});
  assert.ok(imported.ok, JSON.stringify(imported));

  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: numbers.north?.[0],
  });
  const admin = await createTestAccount(services, organisation.id, ['organisation_admin']);
  const key = (scopes: string[]) =>
    services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
      apiKeysRepository(db, organisation.id).create({
        name: 'Committee papers',
        scopes,
        createdByUserId: admin.id,
      }),
    );
  const full = await services.organisations.findById(organisation.id);
  assert.ok(full);
  const units = await organisationUnits(services.database, full);
  const unitId = (path: string) => {
    const found = units.find((u) => u.path === path);
    assert.ok(found, `no unit ${path}`);
    return found.id;
  };
  return {
    organisation: full,
    o: full.slug,
    base: `/o/${full.slug}/management-information`,
    endMonth,
    rolling: rollingTwelveMonths(today()),
    unitId,
    hr: await new HttpSession(app).signIn(hr.email, hr.password),
    manager: await new HttpSession(app).signIn(manager.email, manager.password),
    reportsKey: await key(['reports:read']),
    peopleKey: await key(['people:read']),
  };
}

const setup = setUp();

const money = (actual: number, expected: number, message: string) => near(actual, expected, message, 0.006);

const api = async <T>(url: string, key: string) => {
  const response = await app.inject({ method: 'GET', url, headers: { authorization: `Bearer ${key}` } });
  return { statusCode: response.statusCode, body: response.json<T>() };
};

const monthPeriod = (month: string) => ({ from: `${month}-01`, to: monthEnd(`${month}-01`) });

test('the trend of the organisation equals the report by month, and each month a year before equals the report for that month', async () => {
  const s = await setup;
  const page = await s.hr.get(`${s.base}/trends?years=2`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 400));
  assert.equal(page.$('img.app-chart__image').length, 2, 'the rate chart and the days chart');
  assert.equal(page.$('#table-total caption').length, 1);
  assert.match(page.$('main').text(), /These are the 2 years from/);

  const months = monthsEnding(s.endMonth, 24);
  const records = await csv(s.hr, `${s.base}/trends?years=2&format=csv&table=total`);
  assert.deepEqual(
    records.map((r) => r.Month),
    months.map(monthName),
  );
  const byMonth = await runAbsenceReport(services.database, s.organisation, {
    from: `${months[0]}-01`,
    to: monthEnd(`${s.endMonth}-01`),
    by: 'month',
    method: 'hours',
  });
  records.forEach((record, i) => {
    const expected = byMonth[i];
    assert.ok(expected && expected.group === months[i]);
    near(Number(record['Absence rate (%)']), expected.absenceRatePct, `rate ${record.Month}`);
    near(Number(record['Days lost per FTE']), expected.daysLostPerFte, `days ${record.Month}`);
    near(Number(record['FTE days lost']), expected.fteDaysLost, `FTE days ${record.Month}`);
    near(Number(record['Average FTE']), expected.averageFte, `FTE ${record.Month}`);
    assert.equal(Number(record['Episodes started']), expected.episodes);
  });
  assert.ok(byMonth.some((r) => r.fteDaysLost > 0));

  // Three months checked against the report run for the same month a year before, on its own;
  // a month whose year before is before the sickness records begin is compared with nothing.
  const recordsFrom = await sicknessRecordsBegin(services.database, s.organisation);
  let compared = 0;
  for (const i of [0, 11, 23]) {
    const record = records[i] ?? {};
    const month = months[i] ?? '';
    if (recordsFrom === null || sameMonthLastYear(month) < recordsFrom) {
      assert.equal(record['Absence rate a year before (%)'], '', `nothing a year before ${month}`);
      assert.equal(record['Change in absence rate (percentage points)'], '', `no change ${month}`);
      continue;
    }
    compared += 1;
    const lastYear = total(
      await runAbsenceReport(services.database, s.organisation, {
        ...monthPeriod(sameMonthLastYear(month)),
        by: 'organisation',
        method: 'hours',
      }),
    );
    const thisYear = total(
      await runAbsenceReport(services.database, s.organisation, {
        ...monthPeriod(month),
        by: 'organisation',
        method: 'hours',
      }),
    );
    near(Number(record['Absence rate a year before (%)']), lastYear.absenceRatePct, `a year before ${month}`);
    near(
      Number(record['Days lost per FTE a year before']),
      lastYear.daysLostPerFte,
      `days a year before ${month}`,
    );
    near(
      Number(record['Change in absence rate (percentage points)']),
      thisYear.absenceRatePct - lastYear.absenceRatePct,
      `change ${month}`,
    );
    near(
      Number(record['Change in days lost per FTE']),
      thisYear.daysLostPerFte - lastYear.daysLostPerFte,
      `change in days ${month}`,
    );
  }
  assert.ok(compared >= 1, 'some months are compared with a year before');
});

test('a line per directorate or staff group equals the report filtered by it', async () => {
  const s = await setup;
  const asc = s.unitId('Adult Social Care');
  const byUnit = await s.hr.get(`${s.base}/trends?years=1&by=unit`);
  assert.equal(byUnit.statusCode, 200);
  assert.deepEqual(
    byUnit
      .$('main h3')
      .map((_, h) => byUnit.$(h).text().trim())
      .get(),
    ['All of ' + s.organisation.name, 'Adult Social Care', 'Place', 'Resources'],
  );
  const months = monthsEnding(s.endMonth, 12);
  const period = { from: `${months[0]}-01`, to: monthEnd(`${s.endMonth}-01`) };
  const records = await csv(s.hr, `${s.base}/trends?years=1&by=unit&format=csv&table=unit-${asc}`);
  const expected = await runAbsenceReport(services.database, s.organisation, {
    ...period,
    by: 'month',
    method: 'hours',
    unit: 'Adult Social Care',
  });
  assert.equal(records.length, 12);
  records.forEach((record, i) => {
    near(Number(record['Absence rate (%)']), expected[i]?.absenceRatePct ?? NaN, `ASC ${record.Month}`);
    near(Number(record['Days lost per FTE']), expected[i]?.daysLostPerFte ?? NaN, `ASC days ${record.Month}`);
  });

  // Within a directorate, a line per service, and people in the directorate itself are noted.
  const services_ = await s.hr.get(`${s.base}/trends?years=1&by=unit&unit=${asc}`);
  assert.equal(services_.statusCode, 200);
  assert.equal(services_.$('h1').text().trim(), 'Trends: Adult Social Care');
  assert.match(services_.$('main').text(), /Some people are in no service but in Adult Social Care itself/);
  assert.ok(services_.$(`#table-unit-${s.unitId('Adult Social Care > Home Care')}`).length);

  // Staff groups: Care, Administrative, Operational; three people of Resources have none.
  const byGroup = await s.hr.get(`${s.base}/trends?years=1&by=staff-group`);
  assert.deepEqual(
    byGroup
      .$('main h3')
      .map((_, h) => byGroup.$(h).text().trim())
      .get(),
    ['All of ' + s.organisation.name, 'Administrative', 'Care', 'Operational'],
  );
  assert.match(byGroup.$('main').text(), /Some people are in no staff group/);
  const care = await csv(s.hr, `${s.base}/trends?years=1&by=staff-group&format=csv&table=staff-group-2`);
  const careReport = await runAbsenceReport(services.database, s.organisation, {
    ...period,
    by: 'month',
    method: 'hours',
    staffGroup: 'Care',
  });
  care.forEach((record, i) => {
    near(Number(record['Absence rate (%)']), careReport[i]?.absenceRatePct ?? NaN, `Care ${record.Month}`);
  });
});

test('reasons: shares of FTE days lost, short and long-term episodes and quarters equal the report by reason', async () => {
  const s = await setup;
  const page = await s.hr.get(`${s.base}/reasons`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 400));
  assert.equal(page.$('img.app-chart__image').length, 2, 'the bar chart and the line chart');
  assert.equal(page.$('#table-reasons caption').length, 1);
  assert.equal(page.$('#table-over-time caption').length, 1);

  const byReason = await runAbsenceReport(services.database, s.organisation, {
    ...s.rolling,
    by: 'reason',
    method: 'hours',
  });
  const whole = total(byReason);
  const records = await csv(s.hr, `${s.base}/reasons?format=csv&table=reasons`);
  const reasonRows = byReason.filter((r) => r.group !== 'TOTAL' && (r.fteDaysLost > 0 || r.episodes > 0));
  assert.equal(records.length, reasonRows.length + 1);
  for (const expected of reasonRows) {
    const record = records.find((r) => r.Reason?.startsWith(`${expected.group} `));
    assert.ok(record, `no row for ${expected.group}`);
    near(Number(record['FTE days lost']), expected.fteDaysLost, `${expected.group} days`);
    near(
      Number(record['Share of FTE days lost (%)']),
      (100 * expected.fteDaysLost) / whole.fteDaysLost,
      `${expected.group} share`,
    );
    near(Number(record['Days lost per FTE']), expected.daysLostPerFte, `${expected.group} per FTE`);
    assert.equal(Number(record['Short-term episodes (under 28 days)']), expected.shortTermEpisodes);
    assert.equal(Number(record['Long-term episodes (28 days or more)']), expected.longTermEpisodes);
  }
  const all = records.at(-1);
  assert.equal(all?.Reason, 'All reasons');
  near(Number(all?.['FTE days lost']), whole.fteDaysLost, 'all reasons');
  assert.equal(Number(all?.['Long-term episodes (28 days or more)']), whole.longTermEpisodes);
  // Most days first.
  const days = records.slice(0, -1).map((r) => Number(r['FTE days lost']));
  assert.deepEqual(
    days,
    [...days].sort((a, b) => b - a),
  );

  // A whole quarter's shares equal the report by reason run over that quarter.
  const overTime = await csv(s.hr, `${s.base}/reasons?format=csv&table=over-time`);
  const quarterRow = overTime.find((r) => /^\w{3} to \w{3} \d{4}$/.test(r.Quarter ?? ''));
  assert.ok(quarterRow, overTime.map((r) => r.Quarter).join(', '));
  const [first, , last, year] = (quarterRow.Quarter ?? '').split(' ');
  const monthNumber = (name: string | undefined) =>
    String(
      ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'].indexOf(
        name ?? '',
      ) + 1,
    ).padStart(2, '0');
  const quarter = {
    from: `${year}-${monthNumber(first)}-01`,
    to: monthEnd(`${year}-${monthNumber(last)}-01`),
  };
  const inQuarter = await runAbsenceReport(services.database, s.organisation, {
    ...quarter,
    by: 'reason',
    method: 'hours',
  });
  const quarterTotal = total(inQuarter);
  near(Number(quarterRow['FTE days lost, all reasons']), quarterTotal.fteDaysLost, 'quarter days');
  const topColumn = Object.keys(quarterRow).find((c) => /^S\d\d /.test(c));
  assert.ok(topColumn);
  const code = topColumn.slice(0, 3);
  near(
    Number(quarterRow[topColumn]),
    (100 * (inQuarter.find((r) => r.group === code)?.fteDaysLost ?? 0)) / quarterTotal.fteDaysLost,
    `${code} share in ${quarterRow.Quarter}`,
  );

  // One unit, month by month.
  const waste = s.unitId('Place > Waste and Recycling');
  const wasteRecords = await csv(
    s.hr,
    `${s.base}/reasons?unit=${waste}&interval=month&format=csv&table=reasons`,
  );
  const wasteReport = total(
    await runAbsenceReport(services.database, s.organisation, {
      ...s.rolling,
      by: 'reason',
      method: 'hours',
      unit: 'Place > Waste and Recycling',
    }),
  );
  near(Number(wasteRecords.at(-1)?.['FTE days lost']), wasteReport.fteDaysLost, 'Waste and Recycling');
  const months = await csv(s.hr, `${s.base}/reasons?unit=${waste}&interval=month&format=csv&table=over-time`);
  assert.equal(months.length, 12);
});

test('the cost of absence equals the report’s cost, by directorate, by service and by month', async () => {
  const s = await setup;
  const page = await s.hr.get(`${s.base}/cost`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 400));
  assert.match(page.$('main').text(), /on-costs of 30%/);
  assert.match(page.$('main').text(), /People with no salary recorded add no cost: 3 people/);
  assert.equal(page.$('img.app-chart__image').length, 2);

  const byDirectorate = await runAbsenceReport(services.database, s.organisation, {
    ...s.rolling,
    by: 'directorate',
    method: 'hours',
  });
  const records = await csv(s.hr, `${s.base}/cost?format=csv&table=units`);
  assert.deepEqual(
    records.map((r) => r.Directorate),
    ['Adult Social Care', 'Place', 'Resources', `All of ${s.organisation.name}`],
  );
  for (const expected of byDirectorate) {
    const record =
      expected.group === 'TOTAL' ? records.at(-1) : records.find((r) => r.Directorate === expected.group);
    assert.ok(record, expected.group);
    money(Number(record['Cost (£)']), expected.costGbp, `${expected.group} cost`);
    near(Number(record['Hours lost']), expected.hoursLost, `${expected.group} hours`);
    near(Number(record['Average FTE']), expected.averageFte, `${expected.group} FTE`);
    money(
      Number(record['Cost per FTE (£)']),
      expected.costGbp / expected.averageFte,
      `${expected.group} per FTE`,
    );
  }
  assert.ok(total(byDirectorate).costGbp > 0);

  // The services of Place: Parks have no salaries, so no cost.
  const place = s.unitId('Place');
  const services_ = await csv(s.hr, `${s.base}/cost?unit=${place}&format=csv&table=units`);
  const parks = total(
    await runAbsenceReport(services.database, s.organisation, {
      ...s.rolling,
      by: 'organisation',
      method: 'hours',
      unit: 'Place > Parks',
    }),
  );
  const parksRecord = services_.find((r) => r.Service === 'Parks');
  assert.equal(Number(parksRecord?.['Cost (£)']), 0);
  near(Number(parksRecord?.['Hours lost']), parks.hoursLost, 'Parks hours');
  assert.ok(parks.hoursLost > 0);
  const placePage = await s.hr.get(`${s.base}/cost?unit=${place}`);
  assert.match(placePage.$('main').text(), /People with no salary recorded add no cost: 3 people/);

  const byMonth = await runAbsenceReport(services.database, s.organisation, {
    ...s.rolling,
    by: 'month',
    method: 'hours',
  });
  const months = await csv(s.hr, `${s.base}/cost?format=csv&table=months`);
  assert.equal(months.length, 13);
  byMonth.forEach((expected, i) => {
    money(Number(months[i]?.['Cost (£)']), expected.costGbp, `cost in ${expected.group}`);
  });
});

test('a line manager sees the same pages with small numbers suppressed', async () => {
  const s = await setup;
  // Parks: three people, so no figures at all.
  const parks = s.unitId('Place > Parks');
  const trend = await s.manager.get(`${s.base}/trends?unit=${parks}`);
  assert.equal(trend.statusCode, 200);
  assert.match(trend.$('main').text(), /The figures are not shown: fewer than 5 people/);
  assert.equal(trend.$('table').length, 0);
  const hrTrend = await s.hr.get(`${s.base}/trends?unit=${parks}`);
  assert.ok(hrTrend.$('#table-total').length);
  const reasons = await s.manager.get(`${s.base}/reasons?unit=${parks}`);
  assert.match(reasons.$('main').text(), /The figures are not shown/);

  // Place's services: Parks withheld in the table of cost, shown to HR.
  const place = s.unitId('Place');
  const managerCost = await csv(s.manager, `${s.base}/cost?unit=${place}&format=csv&table=units`);
  const withheld = managerCost.find((r) => r.Service === 'Parks');
  assert.equal(withheld?.['Cost (£)'], '');
  assert.equal(withheld?.Note, 'Not shown: fewer than 5 people');
  const hrCost = await csv(s.hr, `${s.base}/cost?unit=${place}&format=csv&table=units`);
  assert.equal(hrCost.find((r) => r.Service === 'Parks')?.['Cost (£)'], '0');
  // The count of people with no salary is HR's only.
  const managerPage = await s.manager.get(`${s.base}/cost`);
  assert.doesNotMatch(managerPage.$('main').text(), /no salary recorded add no cost:/);
  assert.match(managerPage.$('main').text(), /counts below 5 are shown as “fewer than 5”/);

  // Episode counts below 5 in a month of the trend.
  const resources = s.unitId('Resources');
  const managerTrend = await csv(
    s.manager,
    `${s.base}/trends?years=1&unit=${resources}&format=csv&table=total`,
  );
  const hrTrendRecords = await csv(s.hr, `${s.base}/trends?years=1&unit=${resources}&format=csv&table=total`);
  const small = hrTrendRecords.findIndex(
    (r) => Number(r['Episodes started']) > 0 && Number(r['Episodes started']) < 5,
  );
  assert.ok(small >= 0, 'a month with fewer than 5 episodes');
  assert.equal(managerTrend[small]?.['Episodes started'], 'fewer than 5');
  assert.equal(managerTrend[small]?.['Absence rate (%)'], hrTrendRecords[small]?.['Absence rate (%)']);
  // Reasons with fewer than 5 episodes.
  const managerReasons = await csv(s.manager, `${s.base}/reasons?format=csv&table=reasons`);
  assert.ok(managerReasons.some((r) => r['Long-term episodes (28 days or more)'] === 'fewer than 5'));
});

test('outside HR, the unit beside a hidden one of 3 people is hidden too, on every page, so the 3 cannot be worked out; HR see both', async () => {
  const s = await setup;
  // Place is Waste and Recycling (10 people) and Parks (3): Place less Waste would be Parks.
  const place = s.unitId('Place');
  const waste = s.unitId('Place > Waste and Recycling');
  const parks = s.unitId('Place > Parks');
  const protect = 'Not shown, so a small group cannot be worked out';

  // The scorecard of Place, as the page and its download show it.
  const managerUnits = await csv(s.manager, `${s.base}/scorecard?unit=${place}&format=csv&table=units`);
  const row = (records: Record<string, string>[], name: string) => records.find((r) => r.Unit === name);
  assert.equal(row(managerUnits, 'Parks')?.Note, 'Not shown: fewer than 5 people');
  assert.equal(row(managerUnits, 'Parks')?.People, '');
  assert.equal(row(managerUnits, 'Waste and Recycling')?.Note, protect);
  assert.equal(row(managerUnits, 'Waste and Recycling')?.People, '');
  assert.equal(row(managerUnits, 'Waste and Recycling')?.['FTE days lost'], '');
  assert.equal(row(managerUnits, 'All of Place')?.People, '13', 'the total is still shown');
  const page = await s.manager.get(`${s.base}/scorecard?unit=${place}`);
  assert.equal(page.statusCode, 200);
  const unitsTable = page.$('#table-units').text();
  assert.match(unitsTable, /Not shown: fewer than 5 people/);
  assert.match(unitsTable, /Not shown, so a small group cannot be worked out/);
  assert.match(page.$('main').text(), /another is hidden too/);

  const hrUnits = await csv(s.hr, `${s.base}/scorecard?unit=${place}&format=csv&table=units`);
  assert.equal(row(hrUnits, 'Parks')?.People, '3');
  assert.equal(row(hrUnits, 'Waste and Recycling')?.People, '10');
  assert.equal(row(hrUnits, 'Waste and Recycling')?.Note ?? '', '');
  // Place less Waste is Parks, to HR, who see everything.
  near(
    Number(row(hrUnits, 'All of Place')?.['FTE days lost']) -
      Number(row(hrUnits, 'Waste and Recycling')?.['FTE days lost']),
    Number(row(hrUnits, 'Parks')?.['FTE days lost']),
    'Place less Waste',
  );

  // Waste's own scorecard is not shown either, or it would give the same figure away.
  const wastePage = await s.manager.get(`${s.base}/scorecard?unit=${waste}`);
  assert.equal(wastePage.statusCode, 200);
  assert.match(
    wastePage.$('main').text(),
    /The figures are not shown, so that a small group cannot be worked out/,
  );
  assert.equal(wastePage.$('#table-headline').length, 0);
  const hrWastePage = await s.hr.get(`${s.base}/scorecard?unit=${waste}`);
  assert.equal(hrWastePage.$('#table-headline').length, 1);

  // The hotspots by team: both not shown or plotted; the rest are.
  const hotspots = await csv(s.manager, `${s.base}/hotspots?format=csv&table=units`);
  const team = (records: Record<string, string>[], path: string) => records.find((r) => r.Team === path);
  assert.equal(team(hotspots, 'Place > Parks')?.Note, 'Not shown: fewer than 5 people');
  assert.equal(team(hotspots, 'Place > Waste and Recycling')?.Note, protect);
  assert.equal(team(hotspots, 'Place > Waste and Recycling')?.['Absence rate (%)'], '');
  assert.equal(team(hotspots, 'Resources')?.People, '6');
  const hotspotsPage = await s.manager.get(`${s.base}/hotspots`);
  assert.match(
    hotspotsPage.$('main').text(),
    /1 more team is not shown or plotted, so that a small group cannot be worked out/,
  );
  const hrHotspots = await csv(s.hr, `${s.base}/hotspots?format=csv&table=units`);
  assert.equal(team(hrHotspots, 'Place > Parks')?.People, '3');
  assert.equal(team(hrHotspots, 'Place > Waste and Recycling')?.People, '10');

  // The cost of Place, and its bar chart, agree.
  const cost = await csv(s.manager, `${s.base}/cost?unit=${place}&format=csv&table=units`);
  assert.equal(cost.find((r) => r.Service === 'Waste and Recycling')?.Note, protect);
  assert.equal(cost.find((r) => r.Service === 'Waste and Recycling')?.['Cost (£)'], '');
  // The charts are SVG images: their words are read from the images themselves.
  const chartText = (response: Awaited<ReturnType<typeof s.hr.get>>) =>
    response
      .$('.app-chart img')
      .map((_, el) =>
        Buffer.from((response.$(el).attr('src') ?? '').replace(/^data:[^,]*,/, ''), 'base64').toString(
          'utf8',
        ),
      )
      .get()
      .join(' ');
  assert.doesNotMatch(chartText(await s.manager.get(`${s.base}/cost?unit=${place}`)), /Waste and Recycling/);
  assert.match(chartText(await s.hr.get(`${s.base}/cost?unit=${place}`)), /Waste and Recycling/);
  const hrCost = await csv(s.hr, `${s.base}/cost?unit=${place}&format=csv&table=units`);
  assert.ok(Number(hrCost.find((r) => r.Service === 'Waste and Recycling')?.['Cost (£)']) > 0);

  // Parks's own pages stay withheld as small.
  const parksPage = await s.manager.get(`${s.base}/scorecard?unit=${parks}`);
  assert.match(parksPage.$('main').text(), /The figures are not shown: fewer than 5 people/);
});

test('bad query parameters get a 400 with an error summary and no figures', async () => {
  const s = await setup;
  for (const [url, message] of [
    [`${s.base}/trends?years=4`, 'Choose 12 months, 2 years, 3 years or 5 years'],
    [`${s.base}/trends?by=team`, 'Choose one line, a line per unit or a line per staff group'],
    [`${s.base}/trends?unit=abc`, 'Choose a unit from the list'],
    [`${s.base}/trends?unit=99999999`, 'Choose a unit from the list'],
    [`${s.base}/trends?format=pdf`, 'format must be csv or xlsx'],
    [`${s.base}/reasons?interval=week`, 'Choose quarters or months'],
    [`${s.base}/reasons?from=2025-02-30`, 'The start of the period must be a real date'],
    [`${s.base}/reasons?unit=99999999`, 'Choose a unit from the list'],
    [`${s.base}/cost?from=2025-06-01&to=2025-05-01`, 'The end of the period must not be before its start'],
    [`${s.base}/cost?from=2010-01-01&to=2025-05-01`, 'The period must be no longer than 10 years'],
    [`${s.base}/cost?unit=12x`, 'Choose a unit from the list'],
  ] as const) {
    const response = await s.hr.get(url);
    assert.equal(response.statusCode, 400, url);
    const summary = response.$('.govuk-error-summary').text();
    assert.match(summary, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), url);
    assert.equal(response.$('table').length, 0, `${url} shows no figures`);
  }
  const noTable = await s.hr.get(`${s.base}/cost?format=csv&table=nothing`);
  assert.equal(noTable.statusCode, 400);
  assert.match(noTable.body, /There is no table called/);
});

test('the API gives the pages’ figures as numbers, unsuppressed, to keys with reports:read only', async () => {
  const s = await setup;
  const key = s.reportsKey;
  const apiBase = '/api/v1/management-information';

  // Scorecard: the page's headline figures.
  const scorecard = await api<{
    period: { from: string; to: string };
    total: ReportRow;
    units: { path: string; costGbp: number; episodes: number }[];
    definitions: Record<string, string>;
  }>(`${apiBase}/scorecard`, key);
  assert.equal(scorecard.statusCode, 200, JSON.stringify(scorecard.body));
  assert.deepEqual(scorecard.body.period, s.rolling);
  const headline = await csv(s.hr, `${s.base}/scorecard?format=csv&table=headline`);
  const figure = (measure: string) => Number(headline.find((r) => r.Measure === measure)?.Figure);
  near(scorecard.body.total.daysLostPerFte, figure('Days lost per FTE'), 'scorecard days lost per FTE');
  near(scorecard.body.total.absenceRatePct, figure('Absence rate (%)'), 'scorecard rate');
  money(scorecard.body.total.costGbp, figure('Cost of absence (£)'), 'scorecard cost');
  assert.equal(typeof scorecard.body.total.episodes, 'number');
  assert.match(scorecard.body.definitions.daysLostPerFte ?? '', /FTE days lost \/ average FTE/);

  // Trends: every month of the organisation's line, and a year before.
  const trends = await api<{
    lines: {
      months: {
        month: string;
        current: ReportRow | null;
        lastYear: ReportRow | null;
        change: { absenceRatePct: number } | null;
      }[];
    }[];
  }>(`${apiBase}/trends?years=1`, key);
  assert.equal(trends.statusCode, 200, JSON.stringify(trends.body));
  const trendRecords = await csv(s.hr, `${s.base}/trends?years=1&format=csv&table=total`);
  const apiMonths = trends.body.lines[0]?.months ?? [];
  assert.equal(apiMonths.length, trendRecords.length);
  apiMonths.forEach((m, i) => {
    const record = trendRecords[i] ?? {};
    assert.equal(monthName(m.month), record.Month);
    near(m.current?.absenceRatePct ?? NaN, Number(record['Absence rate (%)']), `API rate ${m.month}`);
    near(
      m.lastYear?.absenceRatePct ?? NaN,
      Number(record['Absence rate a year before (%)']),
      `API ${m.month} a year before`,
    );
    near(
      m.change?.absenceRatePct ?? NaN,
      Number(record['Change in absence rate (percentage points)']),
      `API change ${m.month}`,
    );
  });
  const byUnit = await api<{ lines: { label: string }[] }>(`${apiBase}/trends?years=1&by=unit`, key);
  assert.deepEqual(
    byUnit.body.lines.map((l) => l.label),
    [`All of ${s.organisation.name}`, 'Adult Social Care', 'Place', 'Resources'],
  );

  // Hotspots: each team's rate and limits.
  const hotspots = await api<{
    units: {
      path: string;
      absenceRatePct: number;
      limits: { upper998Pct: number } | null;
      headcount: number;
    }[];
  }>(`${apiBase}/hotspots?from=${s.rolling.from}&to=${s.rolling.to}&level=teams`, key);
  assert.equal(hotspots.statusCode, 200, JSON.stringify(hotspots.body));
  const hotspotRecords = await csv(s.hr, `${s.base}/hotspots?format=csv&table=units`);
  for (const record of hotspotRecords.slice(0, -1)) {
    const unit = hotspots.body.units.find((u) => u.path === record.Team);
    assert.ok(unit, record.Team);
    near(unit.absenceRatePct, Number(record['Absence rate (%)']), `${record.Team} rate`);
    near(unit.limits?.upper998Pct ?? NaN, Number(record['99.8% upper limit (%)']), `${record.Team} limit`);
  }
  // Not suppressed: Parks' three people are there in full.
  assert.equal(hotspots.body.units.find((u) => u.path === 'Place > Parks')?.headcount, 3);

  // Reasons.
  const reasons = await api<{
    reasons: { code: string; fteDaysLost: number; sharePct: number; longTermEpisodes: number }[];
    overTime: { label: string; reasons: { code: string; sharePct: number }[] }[];
  }>(`${apiBase}/reasons`, key);
  assert.equal(reasons.statusCode, 200, JSON.stringify(reasons.body));
  const reasonRecords = await csv(s.hr, `${s.base}/reasons?format=csv&table=reasons`);
  reasons.body.reasons.forEach((r, i) => {
    assert.ok(reasonRecords[i]?.Reason?.startsWith(`${r.code} `));
    near(r.sharePct, Number(reasonRecords[i]?.['Share of FTE days lost (%)']), `${r.code} share`);
    assert.equal(r.longTermEpisodes, Number(reasonRecords[i]?.['Long-term episodes (28 days or more)']));
  });
  const overTimeRecords = await csv(s.hr, `${s.base}/reasons?format=csv&table=over-time`);
  assert.deepEqual(
    reasons.body.overTime.map((i) => i.label),
    overTimeRecords.map((r) => r.Quarter),
  );

  // Cost.
  const cost = await api<{
    onCostRate: number;
    total: { costGbp: number; costPerFte: number };
    units: { name: string; costGbp: number }[];
    peopleWithoutSalary: number;
  }>(`${apiBase}/cost`, key);
  assert.equal(cost.statusCode, 200, JSON.stringify(cost.body));
  const costRecords = await csv(s.hr, `${s.base}/cost?format=csv&table=units`);
  money(cost.body.total.costGbp, Number(costRecords.at(-1)?.['Cost (£)']), 'total cost');
  money(cost.body.total.costPerFte, Number(costRecords.at(-1)?.['Cost per FTE (£)']), 'cost per FTE');
  for (const unit of cost.body.units) {
    money(
      unit.costGbp,
      Number(costRecords.find((r) => r.Directorate === unit.name)?.['Cost (£)']),
      unit.name,
    );
  }
  assert.equal(cost.body.onCostRate, 0.3);
  assert.equal(cost.body.peopleWithoutSalary, 3);
  const placeCost = await api<{ unit: { path: string }; units: { name: string }[] }>(
    `${apiBase}/cost?unit=${s.unitId('Place')}`,
    key,
  );
  assert.equal(placeCost.body.unit.path, 'Place');
  assert.deepEqual(
    placeCost.body.units.map((u) => u.name),
    ['Parks', 'Waste and Recycling'],
  );

  // A key without the scope is refused.
  for (const path of ['scorecard', 'trends', 'hotspots', 'reasons', 'cost']) {
    const refused = await app.inject({
      method: 'GET',
      url: `${apiBase}/${path}`,
      headers: { authorization: `Bearer ${s.peopleKey}` },
    });
    assert.equal(refused.statusCode, 403, path);
  }
});

test('bad API query parameters get a 400 naming the parameter and what is wrong', async () => {
  const s = await setup;
  const key = s.reportsKey;
  const apiBase = '/api/v1/management-information';
  for (const [url, path, message] of [
    [`${apiBase}/scorecard?month=2100-01`, 'month', 'month must be a month that is over'],
    [`${apiBase}/scorecard?month=May`, 'month', 'month must be a month in the form YYYY-MM'],
    [`${apiBase}/scorecard?unit=99999999`, 'unit', 'unit must be the id of one of the organisation’s units'],
    [`${apiBase}/trends?years=4`, 'years', 'years must be 1, 2, 3 or 5'],
    [`${apiBase}/trends?by=team`, 'by', 'by must be one of none, unit, staff-group'],
    [`${apiBase}/hotspots?level=wards`, 'level', 'level must be one of teams, services, directorates'],
    [`${apiBase}/hotspots?from=2025-01-01`, 'to', 'from and to must be given together'],
    [`${apiBase}/reasons?from=2025-02-30&to=2025-03-31`, 'from', 'from must be a real date'],
    [`${apiBase}/reasons?interval=week`, 'interval', 'interval must be one of quarter, month'],
    [`${apiBase}/cost?from=2025-06-01&to=2025-05-01`, 'to', 'to must not be before from'],
    [`${apiBase}/cost?unit=abc`, 'unit', 'unit must be the id of one of the organisation’s units'],
  ] as const) {
    const response = await api<{ error: string; problems: { path: string; message: string }[] }>(url, key);
    assert.equal(response.statusCode, 400, url);
    const problem = response.body.problems.find((p) => p.path === path);
    assert.ok(problem, `${url}: ${JSON.stringify(response.body)}`);
    assert.match(problem.message, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), url);
  }
});

test('the OpenAPI document describes the management information endpoints, their parameters and that nothing is suppressed', async () => {
  const response = await app.inject({ method: 'GET', url: '/api/openapi.json' });
  assert.equal(response.statusCode, 200);
  const document = response.json<{
    paths: Record<
      string,
      { get?: { description?: string; parameters?: { name: string }[]; responses?: Record<string, unknown> } }
    >;
  }>();
  for (const [path, parameters] of [
    ['scorecard', ['unit', 'month']],
    ['trends', ['years', 'by', 'unit']],
    ['hotspots', ['from', 'to', 'level']],
    ['reasons', ['from', 'to', 'unit', 'interval']],
    ['cost', ['from', 'to', 'unit']],
  ] as const) {
    const operation = document.paths[`/api/v1/management-information/${path}`]?.get;
    assert.ok(operation, path);
    assert.deepEqual(
      operation.parameters?.map((p) => p.name),
      parameters,
      path,
    );
    assert.match(operation.description ?? '', /small numbers are not suppressed/);
    assert.match(operation.description ?? '', /reports:read/);
    assert.ok(operation.responses?.['200'] && operation.responses['400']);
  }
});

test('the people count is the whole organisation', async () => {
  const s = await setup;
  const scorecard = await api<{ headcount: number }>(
    '/api/v1/management-information/scorecard',
    s.reportsKey,
  );
  assert.equal(scorecard.body.headcount, PEOPLE);
});
