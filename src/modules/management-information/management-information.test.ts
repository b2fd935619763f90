/**
 * The management information pages through HTTP, as HR and a line manager use them: the
 * scorecard's figures equal the absence report's for the same 12 months (for the organisation
 * and for a directorate), the hotspots page finds a team with deliberately high absence, the CSV
 * and XLSX downloads hold the same numbers, a line manager sees small numbers suppressed where HR
 * sees them, and bad query parameters get a 400 with an error summary. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addDays } from '../../domain/dates.ts';
import { rollingTwelveMonths } from '../../domain/scorecard.ts';
import { today } from '../../domain/today.ts';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { csv, near, total, xlsx } from '../../testing/report-assertions.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { formatNumber } from '../../web/nunjucks.ts';
import type { AbsenceRow } from '../absences/absences-csv.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';
import { organisationUnits } from './mi-service.ts';

const { services, app } = await openTestApp();

const TEAMS: Record<string, { path: string[]; people: number }> = {
  north: { path: ['Adult Social Care', 'Home Care', 'North Team'], people: 8 },
  south: { path: ['Adult Social Care', 'Home Care', 'South Team'], people: 8 },
  reablement: { path: ['Adult Social Care', 'Reablement'], people: 6 },
  waste: { path: ['Place', 'Waste and Recycling'], people: 10 },
  parks: { path: ['Place', 'Parks'], people: 3 },
  resources: { path: ['Resources'], people: 6 },
};
const REASONS = ['S10', 'S11', 'S12', 'S13', 'S25', 'S98', 'S28'];

async function setUp() {
  const organisation = await createTestOrganisation(services, { targetDaysPerFte: 8 });
  const period = rollingTwelveMonths(today());
  const rows = [];
  const numbers: Record<string, string[]> = {};
  for (const [team, { path, people }] of Object.entries(TEAMS)) {
    numbers[team] = [];
    for (let i = 0; i < people; i++) {
      const row = personRow({ unitPath: path, startDate: '2020-04-01', annualSalary: 22_000 + 1_000 * i });
      numbers[team].push(row.employeeNumber);
      rows.push(row);
    }
  }
  await createTestPeople(services, organisation.id, rows);

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
  // A couple of days each, here and there, in the ordinary teams.
  for (const team of ['north', 'waste'] as const) {
    numbers[team]?.forEach((n, i) =>
      sickness(n, 20 + 29 * i, 2 + (i % 3), REASONS[i % REASONS.length] ?? 'S13'),
    );
  }
  // South Team: everyone off for three weeks, some twice.
  numbers.south?.forEach((n, i) => {
    sickness(n, 40 + 3 * i, 21, REASONS[i % 3] ?? 'S10');
    if (i % 2 === 0) sickness(n, 200 + 5 * i, 14, 'S10');
  });
  // Reablement and Resources: three short episodes each, for the "fewer than 5".
  for (const team of ['reablement', 'resources'] as const) {
    numbers[team]?.slice(0, 3).forEach((n, i) => sickness(n, 60 + 40 * i, 3, 'S13'));
  }
  // One long-term episode in Waste and Recycling, and a short one in Parks.
  sickness(numbers.waste?.[9] ?? '', 280, 40, 'S12');
  sickness(numbers.parks?.[0] ?? '', 100, 2, 'S25');
  const imported = await importAbsences(services, organisation.id, absences, {});
  assert.ok(imported.ok, JSON.stringify(imported));

  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const manager = await createTestAccount(services, organisation.id, ['line_manager'], {
    employeeNumber: numbers.north?.[0],
  });
  const employee = await createTestAccount(services, organisation.id, ['employee'], {
    employeeNumber: numbers.north?.[1],
  });
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
    period,
    unitId,
    hr: await new HttpSession(app).signIn(hr.email, hr.password),
    manager: await new HttpSession(app).signIn(manager.email, manager.password),
    employee: await new HttpSession(app).signIn(employee.email, employee.password),
  };
}

const setup = setUp();

function headline(records: Record<string, string>[], measure: string): string {
  const found = records.find((r) => r.Measure === measure);
  assert.ok(found, `no headline ${measure}`);
  return found.Figure ?? '';
}

test("the organisation's scorecard equals the absence report for the same 12 months", async () => {
  const s = await setup;
  const report = await runAbsenceReport(services.database, s.organisation, {
    ...s.period,
    by: 'organisation',
    method: 'hours',
  });
  const expected = total(report);
  assert.ok(expected.fteDaysLost > 0);

  const page = await s.hr.get(`/o/${s.o}/management-information/scorecard`);
  assert.equal(page.statusCode, 200);
  assert.match(page.$('main').text(), /The 12 full calendar months from/);
  assert.equal(page.$('.govuk-heading-xl').first().text().trim(), formatNumber(expected.daysLostPerFte, 2));
  for (const id of ['headline', 'short-and-long-term', 'reasons', 'trend', 'units']) {
    assert.equal(page.$(`#table-${id} caption`).length, 1, `table ${id} has a caption`);
  }
  assert.equal(page.$('img.app-chart__image').length, 1, 'the trend chart');

  const records = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=headline`);
  near(Number(headline(records, 'Days lost per FTE')), expected.daysLostPerFte, 'days lost per FTE');
  near(Number(headline(records, 'Absence rate (%)')), expected.absenceRatePct, 'absence rate');
  near(Number(headline(records, 'FTE days lost')), expected.fteDaysLost, 'FTE days lost');
  near(Number(headline(records, 'Average FTE')), expected.averageFte, 'average FTE');
  assert.equal(Number(headline(records, 'Sickness episodes started')), expected.episodes);
  near(Number(headline(records, 'Cost of absence (£)')), Math.round(expected.costGbp * 100) / 100, 'cost');
  assert.equal(Number(headline(records, 'People employed in the period')), 41);
  assert.equal(
    headline(records, 'Against target'),
    expected.daysLostPerFte <= 8
      ? 'On target'
      : expected.daysLostPerFte <= 8.8
        ? 'Within 10% of target'
        : 'Above target',
  );

  // Short and long term add up to the whole, and the long-term episodes are the report's.
  const terms = await csv(
    s.hr,
    `/o/${s.o}/management-information/scorecard?format=csv&table=short-and-long-term`,
  );
  const [shortTerm, longTerm, all] = terms;
  assert.equal(Number(longTerm?.['Episodes started']), expected.longTermEpisodes);
  assert.equal(Number(shortTerm?.['Episodes started']), expected.shortTermEpisodes);
  near(
    Number(shortTerm?.['FTE days lost']) + Number(longTerm?.['FTE days lost']),
    expected.fteDaysLost,
    'short + long',
  );
  near(Number(all?.['Days lost per FTE']), expected.daysLostPerFte, 'all sickness');
  assert.ok(Number(longTerm?.['FTE days lost']) > 0);

  // Month by month equals the report by month.
  const byMonth = await runAbsenceReport(services.database, s.organisation, {
    ...s.period,
    by: 'month',
    method: 'hours',
  });
  const trend = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=trend`);
  assert.equal(trend.length, 12);
  trend.forEach((row, i) => {
    near(Number(row['Absence rate (%)']), byMonth[i]?.absenceRatePct ?? NaN, `rate in ${row.Month}`);
    near(Number(row['Days lost per FTE']), byMonth[i]?.daysLostPerFte ?? NaN, `days in ${row.Month}`);
  });

  // The top reason is the report's biggest by FTE days lost.
  const byReason = await runAbsenceReport(services.database, s.organisation, {
    ...s.period,
    by: 'reason',
    method: 'hours',
  });
  const biggest = byReason
    .filter((r) => r.group !== 'TOTAL')
    .sort((a, b) => b.fteDaysLost - a.fteDaysLost)[0];
  const reasons = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=reasons`);
  assert.equal(reasons[0]?.Reason, 'S10 Anxiety/stress/depression/other psychiatric illnesses');
  assert.equal(biggest?.group, 'S10');
  near(Number(reasons[0]?.['FTE days lost']), biggest?.fteDaysLost ?? NaN, 'top reason');
  assert.equal(reasons.length, 7, 'five reasons, all other reasons and all reasons');
  near(Number(reasons.at(-1)?.['FTE days lost']), expected.fteDaysLost, 'all reasons');
});

test('a directorate scorecard equals the report filtered by that directorate, in its own and its parent’s tables', async () => {
  const s = await setup;
  const id = s.unitId('Adult Social Care');
  const expected = total(
    await runAbsenceReport(services.database, s.organisation, {
      ...s.period,
      by: 'organisation',
      method: 'hours',
      unit: 'Adult Social Care',
    }),
  );
  const page = await s.hr.get(`/o/${s.o}/management-information/scorecard?unit=${id}`);
  assert.equal(page.statusCode, 200);
  assert.equal(page.$('h1').text().trim(), 'Scorecard: Adult Social Care');
  const records = await csv(
    s.hr,
    `/o/${s.o}/management-information/scorecard?unit=${id}&format=csv&table=headline`,
  );
  near(Number(headline(records, 'Days lost per FTE')), expected.daysLostPerFte, 'days lost per FTE');
  near(Number(headline(records, 'Absence rate (%)')), expected.absenceRatePct, 'absence rate');
  assert.equal(Number(headline(records, 'People employed in the period')), 22);

  // The organisation's table of directorates rolls the same figures up, and links to it.
  const directorates = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=units`);
  const row = directorates.find((r) => r.Unit === 'Adult Social Care');
  near(Number(row?.['Days lost per FTE']), expected.daysLostPerFte, 'directorate row');
  near(Number(row?.['Cost (£)']), Math.round(expected.costGbp * 100) / 100, 'directorate cost');
  const organisationPage = await s.hr.get(`/o/${s.o}/management-information/scorecard`);
  assert.equal(
    organisationPage
      .$('#table-units a')
      .filter((_, a) => organisationPage.$(a).text() === 'Adult Social Care')
      .attr('href'),
    `/o/${s.o}/management-information/scorecard?unit=${id}`,
  );

  // A service one level down: its services' table lists the two Home Care teams' service.
  const services_ = await csv(
    s.hr,
    `/o/${s.o}/management-information/scorecard?unit=${id}&format=csv&table=units`,
  );
  assert.deepEqual(
    services_.map((r) => r.Unit),
    ['Home Care', 'Reablement', 'All of Adult Social Care'],
  );
});

test('the hotspots page lists the high-absence team above its limits, with the same numbers in CSV and XLSX', async () => {
  const s = await setup;
  const page = await s.hr.get(`/o/${s.o}/management-information/hotspots`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 500));
  const text = page.$('main').text();
  assert.match(text, /Higher than expected for their size/);
  assert.match(
    text.replace(/\s+/g, ' '),
    /widened by the spread the units themselves show.*(For these units φ is [\d.]+, so the limits are [\d.]+ times as wide|not widened)/,
  );
  const highest = page.$('h3:contains("Higher than expected") ~ ul').first().text();
  assert.match(highest, /Adult Social Care > Home Care > South Team/);
  assert.equal(page.$('img.app-chart__image').length, 1, 'the funnel plot');
  // The funnel plot is an image of its own, kept as the page is, for HR and line managers only.
  const plot = page.$('img.app-chart__image').attr('src') ?? '';
  const plotBase = `/o/${s.o}/management-information/hotspots/funnel-plot.svg`;
  assert.ok(plot.startsWith(`${plotBase}?`), plot);
  const image = await s.hr.download(plot);
  assert.equal(image.statusCode, 200);
  assert.match(String(image.headers['content-type']), /^image\/svg\+xml/);
  assert.match(image.body.toString('utf8'), /<svg[^]*South Team[^]*<\/svg>/);
  const again = await s.hr.download(plot);
  assert.equal(again.headers['x-cache'], 'hit');
  assert.deepEqual(again.body, image.body);
  assert.equal((await s.employee.download(plot)).statusCode, 403);
  assert.equal((await s.hr.download(`${plotBase}?level=wards`)).statusCode, 400);
  assert.equal(page.$('#table-units caption').length, 1);

  const records = await csv(s.hr, `/o/${s.o}/management-information/hotspots?format=csv&table=units`);
  // Not a league table: the units are in the order of their names, and only the page's lists pick any out.
  const names = records.slice(0, -1).map((r) => r.Team ?? '');
  assert.deepEqual(names, [...names].sort());
  assert.equal(names.length, 6);
  const south = records.find((r) => r.Team === 'Adult Social Care > Home Care > South Team');
  assert.ok(south);
  assert.equal(south['Compared with the organisation'], 'Higher than expected (99.8%)');
  assert.ok(Number(south['Absence rate (%)']) > Number(south['99.8% upper limit (%)']));
  const report = await runAbsenceReport(services.database, s.organisation, {
    ...s.period,
    by: 'unit',
    method: 'hours',
  });
  const southReport = report.find((r) => r.group === 'Adult Social Care > Home Care > South Team');
  near(Number(south['Hours lost']), southReport?.hoursLost ?? NaN, 'hours lost');
  near(Number(south['Absence rate (%)']), southReport?.absenceRatePct ?? NaN, 'rate');
  near(Number(records.at(-1)?.['Absence rate (%)']), total(report).absenceRatePct, 'the centre line');

  const sheets = await xlsx(s.hr, `/o/${s.o}/management-information/hotspots?format=xlsx&table=units`);
  const sheet = sheets.get('Hotspots by team');
  assert.ok(sheet, `sheets: ${[...sheets.keys()].join(', ')}`);
  const [headings, ...rows] = sheet;
  assert.deepEqual(headings, Object.keys(records[0] ?? {}));
  assert.equal(rows.length, records.length);
  rows.forEach((row, i) => {
    const record = records[i] ?? {};
    Object.values(record).forEach((value, j) => {
      const cell = row[j];
      if (typeof cell === 'number') near(cell, Number(value), `${String(row[0])} ${String(headings?.[j])}`);
      else assert.equal(cell ?? '', value);
    });
  });

  // Services and directorates too.
  const byService = await s.hr.get(`/o/${s.o}/management-information/hotspots?level=services`);
  assert.equal(byService.statusCode, 200);
  assert.match(byService.$('#table-units').text(), /Home Care\s*Adult Social Care/);
});

test('the whole scorecard downloads as one spreadsheet with the numbers of its CSV files', async () => {
  const s = await setup;
  const sheets = await xlsx(s.hr, `/o/${s.o}/management-information/scorecard?format=xlsx`);
  assert.deepEqual(
    [...sheets.keys()],
    ['About', 'Headline figures', 'Short and long term', 'Top reasons', 'Month by month', 'By directorate'],
  );
  const records = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=trend`);
  const [, ...rows] = sheets.get('Month by month') ?? [];
  assert.equal(rows.length, 12);
  rows.forEach((row, i) => {
    near(Number(row[5]), Number(records[i]?.['Absence rate (%)']), `month ${i + 1}`);
    assert.equal(row[0], records[i]?.Month);
  });
  const headlineRows = sheets.get('Headline figures') ?? [];
  const csvHeadline = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=headline`);
  near(
    Number(headlineRows.find((r) => r[0] === 'Days lost per FTE')?.[1]),
    Number(headline(csvHeadline, 'Days lost per FTE')),
    'days lost per FTE',
  );
});

test('a line manager sees the same aggregates with small numbers suppressed; HR sees them', async () => {
  const s = await setup;
  // Resources: six people, three episodes.
  const hrUnits = await csv(s.hr, `/o/${s.o}/management-information/scorecard?format=csv&table=units`);
  const managerUnits = await csv(
    s.manager,
    `/o/${s.o}/management-information/scorecard?format=csv&table=units`,
  );
  assert.equal(hrUnits.find((r) => r.Unit === 'Resources')?.['Episodes started'], '3');
  assert.equal(managerUnits.find((r) => r.Unit === 'Resources')?.['Episodes started'], 'fewer than 5');
  // The rates are the same for both.
  assert.equal(
    managerUnits.find((r) => r.Unit === 'Resources')?.['Days lost per FTE'],
    hrUnits.find((r) => r.Unit === 'Resources')?.['Days lost per FTE'],
  );
  const managerPage = await s.manager.get(`/o/${s.o}/management-information/scorecard`);
  assert.equal(managerPage.statusCode, 200);
  const resourcesRow = managerPage
    .$('#table-units tr')
    .filter((_, tr) => managerPage.$(tr).find('th').text() === 'Resources');
  assert.match(resourcesRow.text(), /fewer than 5/);
  assert.match(managerPage.$('main').text(), /counts below 5 are shown as “fewer than 5”/);
  const hrPage = await s.hr.get(`/o/${s.o}/management-information/scorecard`);
  assert.doesNotMatch(hrPage.$('#table-units').text(), /fewer than 5/);

  // Parks: three people, so no figures at all for the line manager.
  const place = s.unitId('Place');
  const managerPlace = await s.manager.get(`/o/${s.o}/management-information/scorecard?unit=${place}`);
  const parksRow = managerPlace
    .$('#table-units tr')
    .filter((_, tr) => managerPlace.$(tr).find('th').text() === 'Parks');
  assert.match(parksRow.text(), /Not shown: fewer than 5 people/);
  assert.equal(parksRow.find('td').length, 1);
  const hrPlace = await csv(
    s.hr,
    `/o/${s.o}/management-information/scorecard?unit=${place}&format=csv&table=units`,
  );
  assert.equal(hrPlace.find((r) => r.Unit === 'Parks')?.People, '3');
  const managerPlaceCsv = await csv(
    s.manager,
    `/o/${s.o}/management-information/scorecard?unit=${place}&format=csv&table=units`,
  );
  const parks = managerPlaceCsv.find((r) => r.Unit === 'Parks');
  assert.equal(parks?.People, '');
  assert.equal(parks?.['Days lost per FTE'], '');
  assert.equal(parks?.Note, 'Not shown: fewer than 5 people');
  // Parks' own scorecard shows nothing to the line manager.
  const parksPage = await s.manager.get(
    `/o/${s.o}/management-information/scorecard?unit=${s.unitId('Place > Parks')}`,
  );
  assert.equal(parksPage.statusCode, 200);
  assert.match(parksPage.$('main').text(), /The figures are not shown: fewer than 5 people/);
  assert.equal(parksPage.$('table').length, 0);

  // On the hotspots page, Parks is neither plotted nor listed for the line manager.
  const hotspots = await csv(s.manager, `/o/${s.o}/management-information/hotspots?format=csv&table=units`);
  assert.equal(hotspots.find((r) => r.Team === 'Place > Parks')?.['Absence rate (%)'], '');
  const hrHotspots = await csv(s.hr, `/o/${s.o}/management-information/hotspots?format=csv&table=units`);
  assert.notEqual(hrHotspots.find((r) => r.Team === 'Place > Parks')?.['Absence rate (%)'], '');

  // Home and the navigation lead there; an employee may not.
  const home = await s.manager.get('/');
  assert.equal(
    home.$('a:contains("Management information")').first().attr('href'),
    `/o/${s.o}/management-information`,
  );
  const index = await s.manager.get(`/o/${s.o}/management-information`);
  assert.equal(index.statusCode, 200);
  assert.equal(index.$('main a[href$="/management-information/scorecard"]').length, 2);
  assert.equal((await s.employee.get(`/o/${s.o}/management-information/scorecard`)).statusCode, 403);
});

test('bad query parameters get a 400 with an error summary and no figures', async () => {
  const s = await setup;
  const base = `/o/${s.o}/management-information`;
  for (const [url, message] of [
    [`${base}/scorecard?unit=abc`, 'Choose a unit from the list'],
    [`${base}/scorecard?unit=99999999`, 'Choose a unit from the list'],
    [`${base}/scorecard?month=2100-01`, 'The 12 months must end with a month that is over'],
    [`${base}/scorecard?month=May`, 'Choose the 12 months from the list'],
    [`${base}/hotspots?from=2025-02-30`, 'The start of the period must be a real date'],
    [`${base}/hotspots?from=2025-06-01&to=2025-05-01`, 'The end of the period must not be before its start'],
    [`${base}/hotspots?level=wards`, 'Choose teams, services or directorates'],
    [`${base}/hotspots?format=pdf`, 'format must be csv or xlsx'],
  ] as const) {
    const response = await s.hr.get(url);
    assert.equal(response.statusCode, 400, url);
    const summary = response.$('.govuk-error-summary').text();
    assert.match(summary, new RegExp(message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), url);
    assert.equal(response.$('table').length, 0, `${url} shows no figures`);
  }
  const noTable = await s.hr.get(`${base}/scorecard?format=csv&table=nothing`);
  assert.equal(noTable.statusCode, 400);
  assert.match(noTable.body, /There is no table called/);
  const severalTables = await s.hr.get(`${base}/scorecard?format=csv`);
  assert.equal(severalTables.statusCode, 400);
});
