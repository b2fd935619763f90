/**
 * The absence report as people read it: headings in words, numbers formatted, the total named,
 * period choices and the GOV.UK date input with every problem listed, staff groups from a list,
 * the spreadsheet with real headings and formats, and the page that explains the figures. The
 * CSV keeps SPEC §7's contract.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import ExcelJS from 'exceljs';
import { HttpSession } from '../../testing/browser-session.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { csv } from '../../testing/report-assertions.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { paths } from '../../web/paths.ts';
import { importAbsences } from '../absences/absences-import.ts';
import { HOURS_COLUMNS } from './report-format.ts';

const { services, app } = await openTestApp();

async function setUp() {
  const organisation = await createTestOrganisation(services, { name: 'Fenwick District Council' });
  const people = [
    ...Array.from({ length: 6 }, () =>
      personRow({
        unitPath: ['Adult Social Care', 'Home Care'],
        staffGroup: 'Social Care',
        annualSalary: 1_000_000,
      }),
    ),
    ...Array.from({ length: 6 }, () =>
      personRow({
        unitPath: ['Place', 'Highways'],
        staffGroup: 'Highways Operatives',
        annualSalary: 1_000_000,
      }),
    ),
  ];
  await createTestPeople(services, organisation.id, people);
  const imported = await importAbsences(
    services,
    organisation.id,
    people.map((p, i) => ({
      row: i + 2,
      employeeNumber: p.employeeNumber,
      type: 'sickness' as const,
      startDate: '2025-05-12',
      endDate: '2025-05-16',
      reasonCode: 'S12',
      firstDayHours: null,
      notes: null,
    })),
    {},
  );
  assert.ok(imported.ok, JSON.stringify(imported));
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  const manager = await createTestAccount(services, organisation.id, ['line_manager']);
  const employee = await createTestAccount(services, organisation.id, ['employee']);
  return {
    organisation,
    base: paths.organisation.absenceReport.build({ org: organisation.slug }),
    hr: await new HttpSession(app).signIn(hr.email, hr.password),
    manager: await new HttpSession(app).signIn(manager.email, manager.password),
    employee: await new HttpSession(app).signIn(employee.email, employee.password),
  };
}

const setup = setUp();

/** The error summary's links: each problem's words and the field it goes to. */
const summaryLinks = (page: Awaited<ReturnType<HttpSession['get']>>) =>
  page
    .$('.govuk-error-summary a')
    .map((_, a) => ({ text: page.$(a).text().trim(), href: page.$(a).attr('href') }))
    .get();
const PERIOD = 'period=custom&from-day=1&from-month=4&from-year=2025&to-day=31&to-month=3&to-year=2026';

test('the report reads in words: headings with units, formatted numbers and a named total', async () => {
  const { base, hr } = await setup;
  const page = await hr.get(`${base}?${PERIOD}&by=unit`);
  assert.equal(page.statusCode, 200, page.body.slice(0, 2000));
  assert.equal(page.$('h2').first().text().trim(), '1 April 2025 to 31 March 2026');
  const headings = page
    .$('#report-table thead th')
    .map((_, th) => page.$(th).text().trim())
    .get();
  assert.deepEqual(headings, [
    'Unit',
    'Average FTE',
    'FTE days lost',
    'Days lost per FTE',
    'Absence rate (%)',
    'Episodes',
    'Cost (£)',
  ]);
  const more = page
    .$('#report-more-table thead th')
    .map((_, th) => page.$(th).text().trim())
    .get();
  assert.deepEqual(more, [
    'Unit',
    'Hours available',
    'Hours lost',
    'Short-term episodes (under 28 days)',
    'Long-term episodes (28 days or more)',
  ]);
  assert.doesNotMatch(page.$('main').text(), /Average fte|Absence rate pct|Cost gbp|\bTOTAL\b/);
  const total = page.$('#report-table tbody tr').last();
  assert.equal(total.find('th').text().trim(), 'All of Fenwick District Council');
  const cells = total
    .find('td')
    .map((_, td) => page.$(td).text().trim())
    .get();
  // 12 people on 37 hours, off a working week each: 12 × 5 FTE days lost, 12 episodes.
  assert.equal(cells[0], '12.00', 'average FTE to 2 places');
  assert.equal(cells[1], '60.00', 'FTE days lost to 2 places');
  assert.equal(cells[4], '12', 'episodes whole');
  assert.match(cells[5] ?? '', /^£\d{1,3}(,\d{3})+$/, 'cost in pounds with thousands separators');
  // Every figure carries its heading, for the cards a phone shows.
  assert.equal(total.find('td[data-label="Absence rate (%)"]').length, 1);
  // Hours available with separators: 12 people × 37 hours × about 52 weeks.
  const hours = page.$('#report-more-table tbody tr').last().find('td').first().text().trim();
  assert.match(hours, /^\d{1,3},\d{3}\.\d\d$/);
  assert.equal(
    page.$(`a[href="${paths.organisation.figuresExplained.build({ org: (await setup).organisation.slug })}"]`)
      .length,
    2,
    'linked to how the figures are worked out, above and below the report',
  );
});

test('the CSV keeps the contract: snake_case columns, TOTAL and plain decimals', async () => {
  const { base, hr, organisation } = await setup;
  const page = await hr.get(`${base}?${PERIOD}&by=staff-group`);
  const href = page.$('a[href*="format=csv"]').attr('href');
  assert.ok(href);
  assert.match(
    href,
    /from=2025-04-01&to=2026-03-31|to=2026-03-31.*from=2025-04-01|from=2025-04-01.*to=2026-03-31/,
  );
  const records = await csv(hr, href);
  assert.deepEqual(Object.keys(records[0] ?? {}), HOURS_COLUMNS);
  assert.equal(records.at(-1)?.group, 'TOTAL');
  assert.equal(records.at(-1)?.average_fte, '12');
  assert.doesNotMatch(JSON.stringify(records), /£|,\d{3}/);
  assert.ok(organisation);
});

test('the spreadsheet has headings in words, widths and number formats, and unrounded figures', async () => {
  const { base, hr, organisation } = await setup;
  const page = await hr.get(`${base}?${PERIOD}&by=unit`);
  const href = page.$('a[href*="format=xlsx"]').attr('href');
  assert.ok(href);
  const file = await hr.download(href);
  assert.equal(file.statusCode, 200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(file.body as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet('Absence report');
  assert.ok(sheet);
  const header = (sheet.getRow(1).values as unknown[]).slice(1);
  assert.deepEqual(header, [
    'Unit',
    'Average FTE',
    'Hours available',
    'Hours lost',
    'FTE days lost',
    'Days lost per FTE',
    'Absence rate (%)',
    'Episodes',
    'Short-term episodes (under 28 days)',
    'Long-term episodes (28 days or more)',
    'Cost (£)',
  ]);
  assert.equal(sheet.getRow(1).font?.bold, true);
  for (let column = 1; column <= header.length; column++) {
    assert.ok((sheet.getColumn(column).width ?? 0) >= 12, `column ${column} has a width`);
  }
  const last = sheet.getRow(sheet.rowCount);
  assert.equal(last.getCell(1).value, `All of ${organisation.name}`);
  assert.equal(last.getCell(2).value, 12, 'a number, not text');
  assert.equal(last.getCell(2).numFmt, '#,##0.00');
  assert.equal(last.getCell(8).numFmt, '#,##0', 'episodes whole');
  assert.equal(last.getCell(11).numFmt, '"£"#,##0.00', 'cost in pounds');
  assert.equal(typeof last.getCell(7).value, 'number');
});

test('the period is chosen from the usual periods, and old links with from and to still work', async () => {
  const { base, hr } = await setup;
  const fresh = await hr.get(base);
  assert.equal(fresh.statusCode, 200);
  const choices = fresh
    .$('input[name="period"]')
    .map((_, input) => fresh.$(input).val())
    .get();
  assert.deepEqual(choices, ['last-12-months', 'this-month', 'last-financial-year', 'custom']);
  assert.equal(fresh.$('input[name="period"]:checked').val(), 'last-12-months');
  assert.equal(fresh.$('input[name="from"]').length, 0, 'no YYYY-MM-DD text box');
  assert.equal(fresh.$('input[name="from-day"]').length, 1);

  const financial = await hr.get(`${base}?period=last-financial-year&by=organisation`);
  assert.equal(financial.statusCode, 200);
  assert.match(financial.$('h2').first().text(), /^1 April \d{4} to 31 March \d{4}$/);

  const bookmarked = await hr.get(`${base}?from=2025-04-01&to=2026-03-31&by=unit`);
  assert.equal(bookmarked.statusCode, 200);
  assert.equal(bookmarked.$('h2').first().text().trim(), '1 April 2025 to 31 March 2026');
  assert.equal(bookmarked.$('input[name="period"]:checked').val(), 'custom');
  assert.equal(bookmarked.$('input[name="from-day"]').val(), '1');
  assert.equal(bookmarked.$('input[name="to-month"]').val(), '3');
});

test('bad input lists every problem, each naming its field and linking to it, with no figures', async () => {
  const { base, hr } = await setup;
  const page = await hr.get(
    `${base}?period=custom&from-day=31&from-month=2&from-year=2025&to-month=3&by=team&staffGroup=nursing&reason=S00&method=days`,
  );
  assert.equal(page.statusCode, 400);
  const links = summaryLinks(page);
  assert.deepEqual(links, [
    { text: 'The start of the period must be a real date, like 1 4 2025', href: '#from-day' },
    { text: 'The end of the period must include a day and a year', href: '#to-day' },
    { text: 'Choose how to group the report from the list', href: '#by' },
    { text: 'Choose working hours or calendar days', href: '#method' },
    { text: 'Choose a staff group from the list', href: '#staffGroup' },
    { text: 'Choose a sickness reason from the list', href: '#reason' },
  ]);
  for (const { href } of links) assert.equal(page.$(href ?? '').length, 1, `${href} is a field on the page`);
  assert.doesNotMatch(page.body, /must be one of|YYYY-MM-DD/);
  assert.equal(page.$('table').length, 0);
  // The date typed comes back as typed.
  assert.equal(page.$('input[name="from-day"]').val(), '31');

  for (const [query, message] of [
    ['period=fortnight', 'Choose a period from the list'],
    ['period=custom', 'Enter the start of the period'],
    [
      `${PERIOD.replace('to-year=2026', 'to-year=2024')}`,
      'The end of the period must not be before its start',
    ],
    [
      'from=2025-02-30&to=2025-03-31',
      'The start of the period must be a real date, like 1 4 2025 (the address gave “2025-02-30”)',
    ],
    ['from=next-week', 'The start of the period must be a real date'],
  ] as const) {
    const bad = await hr.get(`${base}?${query}`);
    assert.equal(bad.statusCode, 400, query);
    assert.match(bad.$('.govuk-error-summary').text(), new RegExp(message.replace(/[()]/g, '\\$&')), query);
  }

  const download = await hr.get(
    `${paths.organisation.absenceReportDownload.build({ org: (await setup).organisation.slug })}?from=2025-02-30&to=2025-03-31&by=unit&staffGroup=nursing&format=csv`,
  );
  assert.equal(download.statusCode, 400);
  assert.match(download.body, /The start of the period must be a real date/);
  assert.match(download.body, /Choose a staff group from the list/);
});

test("the staff groups are the organisation's own, chosen from a list", async () => {
  const { base, hr } = await setup;
  const page = await hr.get(`${base}?${PERIOD}&by=organisation&staffGroup=Highways%20Operatives`);
  assert.equal(page.statusCode, 200);
  const options = page
    .$('select[name="staffGroup"] option')
    .map((_, o) => page.$(o).text().trim())
    .get();
  assert.deepEqual(options, ['All staff groups', 'Highways Operatives', 'Social Care']);
  assert.equal(page.$('select[name="staffGroup"] option:selected').text().trim(), 'Highways Operatives');
  const cells = page
    .$('#report-table tbody tr')
    .last()
    .find('td')
    .map((_, td) => page.$(td).text().trim())
    .get();
  assert.equal(cells[0], '6.00', 'six people in the staff group');
});

test('how the figures are worked out: a page for everyone who sees reports, linked from each', async () => {
  const { organisation, hr, manager, employee } = await setup;
  const path = paths.organisation.figuresExplained.build({ org: organisation.slug });
  for (const session of [hr, manager]) {
    const page = await session.get(path);
    assert.equal(page.statusCode, 200);
    const headings = page
      .$('main h2')
      .map((_, h) => page.$(h).text().trim())
      .get();
    for (const heading of [
      'Hours available',
      'Hours lost',
      'FTE days lost',
      'Average FTE',
      'Days lost per FTE',
      'Absence rate',
      'The calendar-day method',
      'Episodes, short term and long term',
      'Cost of absence',
      'Units, staff groups, reasons and months',
      'Small numbers',
    ]) {
      assert.ok(headings.includes(heading), `explains ${heading}`);
    }
    // The organisation's own settings are put in: a 37-hour week is a 7.40-hour day.
    assert.match(page.$('main').text(), /a standard working day is 7\.40 hours/);
    assert.match(page.$('main').text(), /on-costs of 28%/);
  }
  assert.equal((await employee.get(path)).statusCode, 403);

  const mi = `/o/${organisation.slug}/management-information`;
  for (const url of [
    `${mi}/scorecard`,
    `${mi}/hotspots`,
    `${mi}/trends`,
    `${mi}/reasons`,
    `${mi}/cost`,
    `${mi}/benchmarks`,
    `${mi}/policy-comparison`,
    `${mi}/board-pack`,
  ]) {
    const page = await hr.get(url);
    assert.equal(page.statusCode, 200, url);
    assert.ok(page.$(`a[href="${path}"]`).length >= 1, `${url} links to how the figures are worked out`);
    assert.doesNotMatch(page.body, /specification/, `${url} sends no one to the specification`);
  }
  const pack = await hr.get(`${mi}/board-pack`);
  assert.match(
    pack.$('.app-print-only').text(),
    new RegExp(`is explained in Wellwork at http\\S+${path.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`),
    'the printed pack gives the address',
  );
});

test('the management information pages take the same period fields, and list every problem', async () => {
  const { organisation, hr } = await setup;
  const cost = `/o/${organisation.slug}/management-information/cost`;
  const good = await hr.get(`${cost}?period=last-financial-year`);
  assert.equal(good.statusCode, 200);
  assert.equal(good.$('input[name="period"]:checked').val(), 'last-financial-year');
  const download = good.$('a[href*="format=xlsx"]').first().attr('href') ?? '';
  assert.match(download, /from=\d{4}-04-01/, 'links keep the period as dates');

  const bad = await hr.get(
    `${cost}?period=custom&from-day=1&from-month=13&from-year=2025&to-day=1&to-year=2026&unit=abc`,
  );
  assert.equal(bad.statusCode, 400);
  const links = summaryLinks(bad);
  assert.deepEqual(links, [
    { text: 'The start of the period must be a real date, like 1 4 2025', href: '#from-day' },
    { text: 'The end of the period must include a month', href: '#to-month' },
    { text: 'Choose a unit from the list', href: '#unit' },
  ]);
  assert.equal(bad.$('table').length, 0);
  assert.equal(bad.$('input[name="from-month"]').val(), '13', 'what was typed comes back');
});
