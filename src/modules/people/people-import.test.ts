/**
 * The people import updates set-based (a statement per chunk, never one per person): changed
 * details are set, changed terms start a new employment spell from the import date, or replace
 * a spell that has not begun by then; anything unchanged is left alone. Runs on PGlite, and on
 * PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { createTestOrganisation, personRow } from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { parsePeopleCsv, type PersonRow } from './people-csv.ts';
import { importParsedPeople, importPeople } from './people-import.ts';

/** An import's result with its counts only, for comparing (the lists are tested on their own). */
function summaryCounts<
  S extends { created: number; updated: number; unchanged: number; unitsCreated: number; dryRun: boolean },
>(result: { ok: true; summary: S } | { ok: false; problems: unknown[] }) {
  if (!result.ok) return result;
  const { created, updated, unchanged, unitsCreated, dryRun } = result.summary;
  return { ok: true, summary: { created, updated, unchanged, unitsCreated, dryRun } };
}

const services = await openTestServices();

async function held(organisationId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    queryRows<{
      employee_number: string;
      last_name: string;
      email: string | null;
      end_date: string | null;
      effective_from: string;
      unit_path: string;
      manager: string | null;
      weekly_hours: number;
      hours_mon: number;
      hours_fri: number;
      staff_group: string | null;
      annual_salary: number | null;
    }>(
      db,
      sql`select p.employee_number, p.last_name, p.email, p.end_date::text, s.effective_from::text,
                 u.path as unit_path, m.employee_number as manager, s.weekly_hours, s.hours_mon, s.hours_fri,
                 s.staff_group, s.annual_salary
          from people p
          join employment_spells s on s.organisation_id = p.organisation_id and s.person_id = p.id
          join units u on u.organisation_id = s.organisation_id and u.id = s.unit_id
          left join people m on m.organisation_id = s.organisation_id and m.id = s.manager_person_id
          where p.organisation_id = ${organisationId}
          order by p.employee_number, s.effective_from`,
    ),
  );
}

test('a second import sets changed details and terms, and leaves the rest alone', async () => {
  const organisation = await createTestOrganisation(services);
  const first: PersonRow[] = [
    personRow({ employeeNumber: 'P1', lastName: 'Okafor', startDate: '2020-04-01' }),
    personRow({ employeeNumber: 'P2', startDate: '2020-04-01', managerEmployeeNumber: 'P1' }),
    personRow({ employeeNumber: 'P3', startDate: '2024-09-01', managerEmployeeNumber: 'P1' }),
    personRow({ employeeNumber: 'P4', startDate: '2021-01-04' }),
  ];
  const imported = await importPeople(services, organisation.id, first, { today: '2024-01-01' });
  assert.deepEqual(summaryCounts(imported), {
    ok: true,
    summary: { created: 4, updated: 0, unchanged: 0, unitsCreated: 3, dryRun: false },
  });

  const second: PersonRow[] = [
    // New details only.
    { ...first[0]!, lastName: 'Okafor-Hughes', email: 'p1@example.org', endDate: '2025-03-31' },
    // New terms: a new spell from the day of the import.
    {
      ...first[1]!,
      unitPath: ['Adult Social Care', 'Reablement'],
      weeklyHours: 22.2,
      pattern: { hours: [7.4, 7.4, 7.4, 0, 0, 0, 0], worksBankHolidays: false },
      staffGroup: null,
      annualSalary: 15_500,
      managerEmployeeNumber: null,
    },
    // New terms for someone who has not started yet: their only spell is replaced.
    { ...first[2]!, annualSalary: 26_000, managerEmployeeNumber: 'P4' },
    first[3]!,
  ];
  const again = await importPeople(services, organisation.id, second, { today: '2024-06-03' });
  assert.deepEqual(summaryCounts(again), {
    ok: true,
    summary: { created: 0, updated: 3, unchanged: 1, unitsCreated: 1, dryRun: false },
  });
  assert.deepEqual(
    (await held(organisation.id)).map((r) => [
      r.employee_number,
      r.last_name,
      r.email,
      r.end_date,
      r.effective_from,
      r.unit_path,
      r.manager,
      r.weekly_hours,
      r.hours_fri,
      r.staff_group,
      r.annual_salary,
    ]),
    [
      [
        'P1',
        'Okafor-Hughes',
        'p1@example.org',
        '2025-03-31',
        '2020-04-01',
        'Adult Social Care > Home Care > North Team',
        null,
        37,
        7.4,
        'Social Care',
        24_000,
      ],
      [
        'P2',
        first[1]!.lastName,
        null,
        null,
        '2020-04-01',
        'Adult Social Care > Home Care > North Team',
        'P1',
        37,
        7.4,
        'Social Care',
        24_000,
      ],
      [
        'P2',
        first[1]!.lastName,
        null,
        null,
        '2024-06-03',
        'Adult Social Care > Reablement',
        null,
        22.2,
        0,
        null,
        15_500,
      ],
      [
        'P3',
        first[2]!.lastName,
        null,
        null,
        '2024-09-01',
        'Adult Social Care > Home Care > North Team',
        'P4',
        37,
        7.4,
        'Social Care',
        26_000,
      ],
      [
        'P4',
        first[3]!.lastName,
        null,
        null,
        '2021-01-04',
        'Adult Social Care > Home Care > North Team',
        null,
        37,
        7.4,
        'Social Care',
        24_000,
      ],
    ],
  );

  // The same file again changes nothing; a dry run of a change writes nothing.
  const third = await importPeople(services, organisation.id, second, { today: '2024-06-04' });
  assert.deepEqual(summaryCounts(third), {
    ok: true,
    summary: { created: 0, updated: 0, unchanged: 4, unitsCreated: 0, dryRun: false },
  });
  const before = await held(organisation.id);
  const dry = await importPeople(
    services,
    organisation.id,
    second.map((r) => ({ ...r, jobTitle: 'Senior Care Worker', weeklyHours: r.weeklyHours })),
    { today: '2024-06-05', dryRun: true },
  );
  assert.deepEqual(summaryCounts(dry), {
    ok: true,
    summary: { created: 0, updated: 4, unchanged: 0, unitsCreated: 0, dryRun: true },
  });
  assert.deepEqual(await held(organisation.id), before);
});

test('thousands of people update in chunks', async () => {
  const organisation = await createTestOrganisation(services);
  const rows = Array.from({ length: 5200 }, (_, i) =>
    personRow({ row: i + 2, employeeNumber: `Q${String(i).padStart(5, '0')}`, startDate: '2019-05-01' }),
  );
  await importPeople(services, organisation.id, rows, { today: '2024-01-01' });
  const changed = rows.map((r) => ({
    ...r,
    email: `${r.employeeNumber.toLowerCase()}@example.org`,
    annualSalary: 25_000,
  }));
  const result = await importPeople(services, organisation.id, changed, { today: '2024-04-01' });
  assert.deepEqual(summaryCounts(result), {
    ok: true,
    summary: { created: 0, updated: 5200, unchanged: 0, unitsCreated: 0, dryRun: false },
  });
  const rowsHeld = await held(organisation.id);
  assert.equal(rowsHeld.length, 10_400);
  assert.ok(rowsHeld.every((r) => r.email === `${r.employee_number.toLowerCase()}@example.org`));
  assert.deepEqual([...new Set(rowsHeld.map((r) => `${r.effective_from} ${r.annual_salary}`))].sort(), [
    '2019-05-01 24000',
    '2024-04-01 25000',
  ]);
});

test('every problem of a file is listed at once, managers who are no one here included', async () => {
  const organisation = await createTestOrganisation(services);
  const header =
    'employee_number,first_name,last_name,unit,start_date,weekly_hours,manager_employee_number\n';
  const parsed = await parsePeopleCsv(
    header +
      'P1,Hana,Begum,Resources,2020-04-01,37,\n' +
      'P2,Owen,Price,Resources,2020-04-01,37,NOBODY\n' +
      'P3,Ada,Lee,Resources,2020-04-01,lots,NOBODY\n' +
      'P4,Ben,Hart,Resources,2020-04-01,37,P3\n',
  );
  assert.equal(parsed.ok, false);
  const result = await importParsedPeople(services, organisation.id, parsed, {
    dryRun: true,
    today: '2026-12-07',
  });
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems.map((p) => `${p.row} ${p.column}`), [
    '3 manager_employee_number',
    '4 weekly_hours',
    '4 manager_employee_number',
  ]);
});
