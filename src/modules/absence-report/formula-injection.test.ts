/**
 * Names chosen by whoever loads the people (units, directorates, staff groups) reach every CSV
 * download. A name a spreadsheet would run as a formula comes out as text, with a leading
 * apostrophe; the figures stay numbers. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL
 * is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
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
import { openTestApp } from '../../testing/test-services.ts';
import { paths } from '../../web/paths.ts';
import { importAbsences } from '../absences/absences-import.ts';

const { services, app } = await openTestApp();

const FORMULA_NAMES = ['=HYPERLINK("http://evil.example";"x")', "+cmd|' /C calc'!A0", '@SUM(1+1)'];

async function setUp() {
  const organisation = await createTestOrganisation(services);
  const people = FORMULA_NAMES.flatMap((name) =>
    Array.from({ length: 4 }, () =>
      personRow({ unitPath: [name, `${name} team`], staffGroup: name, startDate: '2020-04-01' }),
    ),
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
      startDate: addDays(from, 20 + i * 9),
      endDate: addDays(from, 22 + i * 9),
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

/** Every cell of a CSV that a spreadsheet would read as a formula; plain decimals are numbers. */
function formulaCells(csv: string): string[] {
  const records: string[][] = parse(csv);
  return records.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell) && !/^-?\d+(\.\d+)?$/.test(cell));
}

async function downloadsOf(hr: HttpSession, page: string): Promise<string[]> {
  const response = await hr.get(page);
  assert.equal(response.statusCode, 200, page);
  const links = response
    .$('a[href*="format=csv"]')
    .map((_, a) => response.$(a).attr('href'))
    .get();
  assert.ok(links.length > 0, `${page} has CSV downloads`);
  return [...new Set(links)];
}

test('names that look like formulas are text in every CSV of the report and the management information', async () => {
  const { organisation, hr } = await setup;
  const org = organisation.slug;
  const report = paths.organisation.absenceReport.build({ org });
  const pages = [
    `${report}?by=unit`,
    `${report}?by=directorate`,
    `${report}?by=staff-group`,
    paths.organisation.scorecard.build({ org }),
    paths.organisation.hotspots.build({ org }),
    paths.organisation.boardPack.build({ org }),
  ];
  const seen = new Set<string>();
  for (const page of pages) {
    for (const link of await downloadsOf(hr, page)) {
      const response = await hr.get(link);
      assert.equal(response.statusCode, 200, link);
      assert.match(String(response.headers['content-type']), /^text\/csv/);
      assert.deepEqual(formulaCells(response.body), [], `${link} has no formulas`);
      const records: string[][] = parse(response.body);
      for (const cell of records.flat()) {
        for (const name of FORMULA_NAMES) if (cell.startsWith(`'${name}`)) seen.add(name);
      }
    }
  }
  assert.deepEqual([...seen].sort(), [...FORMULA_NAMES].sort(), 'every name reached a download, as text');
});

test('the figures of the report CSV stay numbers', async () => {
  const { organisation, hr } = await setup;
  const [link] = await downloadsOf(
    hr,
    `${paths.organisation.absenceReport.build({ org: organisation.slug })}?by=unit`,
  );
  const response = await hr.get(link ?? '');
  const records: Record<string, string>[] = parse(response.body, { columns: true });
  const total = records.at(-1);
  assert.equal(total?.group, 'TOTAL');
  for (const [column, value] of Object.entries(total ?? {})) {
    if (column !== 'group') assert.match(value, /^-?\d+(\.\d+)?$/, `${column} is a number`);
  }
  assert.ok(records.some((r) => r.group === `'${FORMULA_NAMES[2]} > ${FORMULA_NAMES[2]} team`));
});
