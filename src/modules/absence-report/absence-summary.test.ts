/**
 * The monthly summary stays exact on every write: after imports, new absences, edits, deletions,
 * changes of terms, leavers, a change to the bank holidays and the start of a new month, the
 * report added up from the summary (with any part months from the records) equals the report
 * computed from the records alone, for every grouping and both methods. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { REPORT_GROUPINGS, REPORT_METHODS, type ReportRow } from '../../domain/absence-report.ts';
import { addDays } from '../../domain/dates.ts';
import { seededRandom } from '../../domain/seeded-random.ts';
import { createTestOrganisation } from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import type { AbsenceRow } from '../absences/absences-csv.ts';
import { importAbsences } from '../absences/absences-import.ts';
import type { PersonRow } from '../people/people-csv.ts';
import { importPeople } from '../people/people-import.ts';
import { liveAbsenceReport, runAbsenceReport, type OrganisationForReport } from './report-service.ts';

const services = await openTestServices();

const UNITS = [
  ['Adult Social Care', 'Home Care', 'North Team'],
  ['Adult Social Care', 'Home Care', 'South Team'],
  ['Adult Social Care', 'Reablement'],
  ['Place', 'Waste and Recycling'],
];
const PATTERNS: PersonRow['pattern'][] = [
  { hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: false },
  { hours: [0, 0, 0, 12, 12, 12, 0], worksBankHolidays: true },
  { hours: [3.7, 3.7, 3.7, 3.7, 3.7, 0, 0], worksBankHolidays: false },
];

function people(count: number, change: (i: number) => Partial<PersonRow> = () => ({})): PersonRow[] {
  const random = seededRandom(7);
  return Array.from({ length: count }, (_, index) => {
    const i = index + 1;
    const pattern = PATTERNS[i % PATTERNS.length] ?? {
      hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0],
      worksBankHolidays: false,
    };
    return {
      row: i + 1,
      employeeNumber: `S${String(i).padStart(3, '0')}`,
      firstName: 'Summary',
      lastName: `Person ${i}`,
      unitPath: UNITS[i % UNITS.length] ?? [],
      startDate: i % 5 === 0 ? '2025-03-17' : '2023-01-02',
      endDate: null,
      email: null,
      jobTitle: null,
      staffGroup: i % 3 === 0 ? null : i % 3 === 1 ? 'Social Care' : 'Manual',
      managerEmployeeNumber: null,
      weeklyHours: pattern.hours.reduce((a, b) => a + b, 0),
      pattern: { hours: pattern.hours, worksBankHolidays: pattern.worksBankHolidays },
      annualSalary: random.chance(0.8) ? random.int(19_000, 48_000) : null,
      ...change(i),
    };
  });
}

function sickness(count: number, seed: number): AbsenceRow[] {
  const random = seededRandom(seed);
  const rows: AbsenceRow[] = [];
  for (let i = 1; i <= count; i++) {
    // Each person's spells well apart, so that a second file never overlaps the first.
    let day = addDays(i % 5 === 0 ? '2025-03-20' : '2024-01-08', random.int(0, 30) + seed * 3);
    while (day < '2026-02-01') {
      const long = random.chance(0.15);
      const endDate = long ? addDays(day, random.int(25, 60)) : addDays(day, random.int(0, 5));
      rows.push({
        row: rows.length + 2,
        employeeNumber: `S${String(i).padStart(3, '0')}`,
        type: random.chance(0.85) ? 'sickness' : 'annual_leave',
        startDate: day,
        endDate,
        reasonCode: null,
        firstDayHours: null,
        notes: null,
      });
      day = addDays(endDate, random.int(40, 120));
    }
  }
  return rows.map((r) =>
    r.type === 'sickness' ? { ...r, reasonCode: random.pick(['S10', 'S11', 'S13']) } : r,
  );
}

function assertSameRows(actual: ReportRow[], expected: ReportRow[], label: string) {
  assert.deepEqual(
    actual.map((r) => r.group),
    expected.map((r) => r.group),
    `${label}: the same groups`,
  );
  actual.forEach((row, i) => {
    const want = expected[i];
    assert.ok(want);
    for (const [field, value] of Object.entries(want)) {
      if (field === 'group') continue;
      const got = row[field as keyof ReportRow] as number;
      assert.ok(
        Math.abs(got - (value as number)) < 1e-6,
        `${label}, ${row.group} ${field}: ${got} ≠ ${value}`,
      );
    }
  });
}

async function assertSummaryExact(organisation: OrganisationForReport, onDate: string, label: string) {
  const lastMonthEnd = addDays(`${onDate.slice(0, 7)}-01`, -1);
  const periods = [
    { from: '2025-01-01', to: '2025-12-31' },
    { from: '2024-02-01', to: lastMonthEnd },
    {
      from: `${onDate.slice(0, 7)}-01`,
      to: addDays(`${addDays(`${onDate.slice(0, 7)}-01`, 32).slice(0, 7)}-01`, -1),
    },
    // Part months either side of the whole months: those from the summary, these from the records.
    { from: addDays(onDate, -364), to: onDate },
    { from: '2024-11-20', to: addDays(onDate, 45) },
  ];
  for (const period of periods) {
    for (const by of REPORT_GROUPINGS) {
      for (const method of REPORT_METHODS) {
        const parameters = { ...period, by, method };
        const fromSummary = await runAbsenceReport(services.database, organisation, parameters, onDate);
        const live = await liveAbsenceReport(services.database, organisation, parameters);
        assertSameRows(fromSummary, live, `${label}: ${period.from}–${period.to} by ${by}, ${method}`);
      }
    }
  }
  const unit = { from: '2025-01-01', to: '2025-12-31', by: 'unit' as const, method: 'hours' as const };
  for (const filter of [
    { unit: 'Adult Social Care > Home Care' },
    { staffGroup: 'Manual' },
    { reason: 'S10' },
  ]) {
    assertSameRows(
      await runAbsenceReport(services.database, organisation, { ...unit, ...filter }, onDate),
      await liveAbsenceReport(services.database, organisation, { ...unit, ...filter }),
      `${label}: filtered by ${JSON.stringify(filter)}`,
    );
  }
}

test('the summary equals the records after every kind of change', async () => {
  const created = await createTestOrganisation(services, { fullTimeHours: 37, onCostRate: 0.25 });
  // A region of its own, with England and Wales's bank holidays, so that the holiday added below
  // changes no other test's calendar when tests share a database server.
  const region = `test-${created.slug}`;
  await services.database.system.execute(
    sql`insert into bank_holidays (region, date, title)
        select ${region}, date, title from bank_holidays where region = 'england-and-wales'`,
  );
  await services.database.system.execute(
    sql`update organisations set region = ${region} where id = ${created.id}`,
  );
  const organisation: OrganisationForReport = { ...created, region };
  const scoped = <T>(work: Parameters<typeof services.database.scoped<T>>[1]) =>
    services.database.scoped({ organisationIds: [organisation.id] }, work);
  const imported = await importPeople(services, organisation.id, people(24), {
    today: '2023-01-02',
  });
  assert.ok(imported.ok);
  const first = await importAbsences(services, organisation.id, sickness(24, 1), {});
  assert.ok(first.ok, JSON.stringify(!first.ok && first.problems.slice(0, 3)));
  await assertSummaryExact(organisation, '2026-03-15', 'after the first imports');
  const firstMonth = () =>
    scoped(async (db) => {
      const [row] = await queryRows<{ first_month: string }>(
        db,
        sql`select first_month::text from absence_summary_coverage where organisation_id = ${organisation.id}`,
      );
      return row?.first_month;
    });
  // The summary holds the months from the first sickness, not from the first start a year before.
  const firstSickness = sickness(24, 1)
    .filter((r) => r.type === 'sickness')
    .reduce((min, r) => (r.startDate < min ? r.startDate : min), '9999-12-31');
  assert.equal(await firstMonth(), `${firstSickness.slice(0, 7)}-01`);

  // A report reaching back before it adds those months, for every unit, and keeps them.
  const before = { from: '2023-02-01', to: '2023-12-31', method: 'hours' as const };
  for (const by of REPORT_GROUPINGS) {
    assertSameRows(
      await runAbsenceReport(services.database, organisation, { ...before, by }, '2026-03-15'),
      await liveAbsenceReport(services.database, organisation, { ...before, by }),
      `before the first sickness, by ${by}`,
    );
  }
  assert.equal(await firstMonth(), '2023-02-01');

  // Sickness earlier still moves the summary's start back to its month.
  const early = await importAbsences(
    services,
    organisation.id,
    [
      {
        row: 2,
        employeeNumber: 'S003',
        type: 'sickness',
        startDate: '2023-01-09',
        endDate: '2023-01-13',
        reasonCode: 'S10',
        firstDayHours: null,
        notes: null,
      },
    ],
    {},
  );
  assert.ok(early.ok, JSON.stringify(!early.ok && early.problems));
  assert.equal(await firstMonth(), '2023-01-01');
  const january = { from: '2023-01-01', to: '2023-12-31', method: 'hours' as const };
  for (const by of REPORT_GROUPINGS) {
    assertSameRows(
      await runAbsenceReport(services.database, organisation, { ...january, by }, '2026-03-15'),
      await liveAbsenceReport(services.database, organisation, { ...january, by }),
      `with sickness before the summary began, by ${by}`,
    );
  }
  await assertSummaryExact(organisation, '2026-03-15', 'with sickness before the summary began');

  // New absences, some of them open.
  const added = await importAbsences(
    services,
    organisation.id,
    [
      ...sickness(24, 1),
      {
        row: 999,
        employeeNumber: 'S001',
        type: 'sickness',
        startDate: '2026-02-23',
        endDate: null,
        reasonCode: 'S12',
        firstDayHours: 3,
        notes: null,
      },
      {
        row: 1000,
        employeeNumber: 'S002',
        type: 'sickness',
        startDate: '2026-03-02',
        endDate: null,
        reasonCode: 'S10',
        firstDayHours: null,
        notes: null,
      },
    ],
    {},
  );
  assert.ok(added.ok, JSON.stringify(!added.ok && added.problems.slice(0, 3)));
  await assertSummaryExact(organisation, '2026-03-15', 'after new absences');

  // Edits: an end date moved, a reason changed, sickness turned into annual leave.
  await scoped(async (db) => {
    await db.execute(sql`update absences set end_date = end_date + 9 where organisation_id = ${organisation.id}
                         and type = 'sickness' and end_date is not null and person_id % 4 = 0 and start_date < '2024-06-01'`);
    await db.execute(sql`update absences set reason_code = 'S25' where organisation_id = ${organisation.id}
                         and type = 'sickness' and person_id % 7 = 0`);
    await db.execute(sql`update absences set type = 'annual_leave', reason_code = null where organisation_id = ${organisation.id}
                         and type = 'sickness' and person_id % 6 = 1 and start_date between '2025-04-01' and '2025-06-30'`);
  });
  await assertSummaryExact(organisation, '2026-03-15', 'after edits');

  // Deletions.
  await scoped((db) =>
    db.execute(sql`delete from absences where organisation_id = ${organisation.id} and person_id % 5 = 2
                   and start_date between '2025-01-01' and '2025-09-30'`),
  );
  await assertSummaryExact(organisation, '2026-03-15', 'after deletions');

  // Changes of terms: moves between units and staff groups, a new pattern, then one undone.
  const moved = await importPeople(
    services,
    organisation.id,
    people(24, (i) =>
      i % 3 === 0 ? { unitPath: UNITS[(i + 1) % UNITS.length] ?? [], staffGroup: 'Administrative' } : {},
    ),
    { today: '2025-08-11' },
  );
  assert.ok(moved.ok);
  await assertSummaryExact(organisation, '2026-03-15', 'after changes of terms');
  await scoped(async (db) => {
    const [spell] = await queryRows<{ id: number }>(
      db,
      sql`select id from employment_spells where organisation_id = ${organisation.id} and effective_from = '2025-08-11' limit 1`,
    );
    await db.execute(
      sql`delete from employment_spells where organisation_id = ${organisation.id} and id = ${spell?.id ?? 0}`,
    );
    await db.execute(sql`update employment_spells set effective_from = '2025-10-06'
                         where organisation_id = ${organisation.id} and effective_from = '2025-08-11'
                         and id = (select min(id) from employment_spells where organisation_id = ${organisation.id} and effective_from = '2025-08-11')`);
  });
  await assertSummaryExact(
    organisation,
    '2026-03-15',
    'after a change of terms was removed and another moved',
  );

  // A leaver, and a start date brought forward.
  await scoped(async (db) => {
    await db.execute(sql`delete from absences where organisation_id = ${organisation.id} and person_id = (
                           select id from people where organisation_id = ${organisation.id} and employee_number = 'S004')
                         and start_date > '2025-11-30'`);
    await db.execute(
      sql`update people set end_date = '2025-11-30' where organisation_id = ${organisation.id} and employee_number = 'S004'`,
    );
  });
  await assertSummaryExact(organisation, '2026-03-15', 'after a leaver');

  // A new bank holiday for the region: the summary is built again with it.
  await services.database.system.execute(
    sql`insert into bank_holidays (region, date, title) values (${region}, '2025-07-14', 'A holiday for the test')`,
  );
  try {
    await assertSummaryExact(organisation, '2026-03-15', 'after a new bank holiday');
  } finally {
    await services.database.system.execute(
      sql`delete from bank_holidays where region = ${region} and date = '2025-07-14'`,
    );
  }

  // Months go by: the summary reaches the new month, open absences included.
  await assertSummaryExact(organisation, '2026-05-10', 'two months later');

  const [left] = await scoped((db) =>
    queryRows<{ pending: number; last_month: string }>(
      db,
      sql`select (select count(*)::int from absence_summary_pending where organisation_id = ${organisation.id}) as pending,
                 last_month::text from absence_summary_coverage where organisation_id = ${organisation.id}`,
    ),
  );
  assert.deepEqual(left, { pending: 0, last_month: '2026-05-01' });
});

test('another organisation’s changes leave a summary alone, and the report reads only its own', async () => {
  const a = await createTestOrganisation(services);
  const b = await createTestOrganisation(services);
  for (const o of [a, b]) {
    const done = await importPeople(services, o.id, people(6), { today: '2023-01-02' });
    assert.ok(done.ok);
  }
  await importAbsences(services, a.id, sickness(6, 3), {});
  const period = {
    from: '2025-01-01',
    to: '2025-12-31',
    by: 'organisation' as const,
    method: 'hours' as const,
  };
  const orgA = { ...a, region: 'england-and-wales' };
  const orgB = { ...b, region: 'england-and-wales' };
  const before = await runAbsenceReport(services.database, orgB, period, '2026-03-15');
  assert.equal(before.at(-1)?.hoursLost, 0);
  await importAbsences(services, a.id, sickness(6, 4), {});
  assertSameRows(
    await runAbsenceReport(services.database, orgB, period, '2026-03-15'),
    before,
    'B unchanged',
  );
  assertSameRows(
    await runAbsenceReport(services.database, orgA, period, '2026-03-15'),
    await liveAbsenceReport(services.database, orgA, period),
    'A exact',
  );
});
