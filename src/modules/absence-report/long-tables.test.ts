/**
 * The pages whose tables run to thousands of rows at a large organisation — the absence report by
 * unit and the hotspots' table of teams — show them a page at a time: every row once across the
 * pages, the organisation's total on each page of the report, and every row in the downloads.
 * Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
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
import { csv } from '../../testing/report-assertions.ts';
import { openTestApp } from '../../testing/test-services.ts';
import { paths } from '../../web/paths.ts';
import { importAbsences } from '../absences/absences-import.ts';

const { services, app } = await openTestApp();
const TEAMS = 130;

async function setUp() {
  const organisation = await createTestOrganisation(services);
  const people = Array.from({ length: TEAMS * 5 }, (_, i) =>
    personRow({
      unitPath: ['Operations', `Team ${String(Math.floor(i / 5) + 1).padStart(3, '0')}`],
      startDate: '2020-04-01',
    }),
  );
  await createTestPeople(services, organisation.id, people);
  const from = rollingTwelveMonths(today()).from;
  const imported = await importAbsences(
    services,
    organisation.id,
    people.map((p, i) => ({
      row: i + 2,
      employeeNumber: p.employeeNumber,
      type: 'sickness' as const,
      startDate: addDays(from, 10 + (i % 200)),
      endDate: addDays(from, 10 + (i % 200) + (i % 7)),
      reasonCode: 'S12',
      firstDayHours: null,
      notes: null,
    })),
    {},
  );
  assert.ok(imported.ok, JSON.stringify(imported));
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  return { organisation, hr: await new HttpSession(app).signIn(hr.email, hr.password) };
}

const setup = setUp();

const rowHeaders = (page: Awaited<ReturnType<HttpSession['get']>>, table: string) =>
  page
    .$(`${table} tbody tr`)
    .map((_, tr) => page.$(tr).find('th').first().text().trim())
    .get();

test('the absence report by unit shows its rows a page at a time, with the total on each', async () => {
  const { organisation, hr } = await setup;
  const base = paths.organisation.absenceReport.build({ org: organisation.slug });
  const first = await hr.get(`${base}?by=unit`);
  assert.equal(first.statusCode, 200);
  const firstRows = rowHeaders(first, '#report-table');
  assert.equal(firstRows.length, 101, '100 units and the total');
  assert.match(first.body, /Showing rows 1 to 100 of 130/);
  const next = first.$('.govuk-pagination__next a').attr('href');
  assert.ok(next, 'a link to the next page');
  const second = await hr.get(next);
  assert.equal(second.statusCode, 200);
  const secondRows = rowHeaders(second, '#report-table');
  assert.equal(secondRows.length, 31, 'the other 30 units and the total');
  assert.match(second.body, /Showing rows 101 to 130 of 130/);
  assert.equal(firstRows.at(-1), secondRows.at(-1), 'the total on both pages');
  const units = [...firstRows.slice(0, -1), ...secondRows.slice(0, -1)];
  assert.equal(new Set(units).size, TEAMS, 'every unit once');

  // The downloads hold every row, whichever page they are taken from.
  const download = second.$('a[href*="format=csv"]').attr('href');
  assert.ok(download);
  assert.doesNotMatch(download, /page=/);
  assert.equal((await csv(hr, download)).length, TEAMS + 1, 'every unit and the total');
});

test("the hotspots' table of teams is shown a page at a time, and downloaded whole", async () => {
  const { organisation, hr } = await setup;
  const base = paths.organisation.hotspots.build({ org: organisation.slug });
  const first = await hr.get(base);
  assert.equal(first.statusCode, 200);
  const download = first.$('a[href*="format=csv"][href*="table=units"]').attr('href');
  assert.ok(download);
  const all = await csv(hr, download);
  assert.ok(all.length >= TEAMS, 'every team in the download');
  assert.equal(rowHeaders(first, '#table-units').length, 100);
  assert.match(first.body, new RegExp(`Showing rows 1 to 100 of ${all.length}`));
  const last = await hr.get(`${base}?page=99`);
  assert.equal(last.statusCode, 200);
  assert.equal(
    rowHeaders(last, '#table-units').length,
    all.length - 100,
    'a page beyond the last shows the last',
  );
});
