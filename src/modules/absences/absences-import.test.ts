/**
 * The absences import writes set-based (a statement per chunk of rows, never one per absence)
 * and keeps every absence's history: what was added, what changed from what to what, who did
 * it and why. Runs on PGlite, and on PostgreSQL when TEST_DATABASE_URL is set.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'drizzle-orm';
import { queryRows } from '../../db/database.ts';
import { addDays } from '../../domain/dates.ts';
import { today } from '../../domain/today.ts';
import {
  createTestAccount,
  createTestOrganisation,
  createTestPeople,
  personRow,
} from '../../testing/factories.ts';
import { openTestServices } from '../../testing/test-services.ts';
import { runAbsenceReport } from '../absence-report/report-service.ts';
import { parseAbsencesCsv, type AbsenceRow } from './absences-csv.ts';
import { importAbsences, importParsedAbsences } from './absences-import.ts';

/** An import's result with its counts only, for comparing (the lists are tested on their own). */
function summaryCounts<S extends { created: number; updated: number; unchanged: number; dryRun: boolean }>(
  result: { ok: true; summary: S } | { ok: false; problems: unknown[] },
) {
  if (!result.ok) return result;
  const { created, updated, unchanged, dryRun } = result.summary;
  return { ok: true, summary: { created, updated, unchanged, dryRun } };
}

const services = await openTestServices();

function absence(
  row: number,
  overrides: Partial<AbsenceRow> & Pick<AbsenceRow, 'employeeNumber'>,
): AbsenceRow {
  return {
    row,
    type: 'annual_leave',
    startDate: '2024-01-08',
    endDate: '2024-01-08',
    reasonCode: null,
    firstDayHours: null,
    notes: null,
    ...overrides,
  };
}

async function history(organisationId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    queryRows<{
      employee_number: string;
      type: string;
      start_date: string;
      action: string;
      changes: unknown;
      user_id: number | null;
      reason: string | null;
    }>(
      db,
      sql`select p.employee_number, a.type, a.start_date::text, c.action, c.changes, c.user_id, c.reason
          from absence_changes c
          join absences a on a.organisation_id = c.organisation_id and a.id = c.absence_id
          join people p on p.organisation_id = a.organisation_id and p.id = a.person_id
          where c.organisation_id = ${organisationId}
          order by c.id`,
    ),
  );
}

async function absences(organisationId: number) {
  return services.database.scoped({ organisationIds: [organisationId] }, (db) =>
    queryRows<{
      employee_number: string;
      type: string;
      start_date: string;
      end_date: string | null;
      reason_code: string | null;
      first_day_hours: number | null;
      notes: string | null;
      recorded_by_user_id: number | null;
    }>(
      db,
      sql`select p.employee_number, a.type, a.start_date::text, a.end_date::text, a.reason_code,
                 a.first_day_hours, a.notes, a.recorded_by_user_id
          from absences a join people p on p.organisation_id = a.organisation_id and p.id = a.person_id
          where a.organisation_id = ${organisationId}
          order by p.employee_number, a.start_date, a.type`,
    ),
  );
}

test('an import adds, updates and leaves alone, recording each addition and each change', async () => {
  const organisation = await createTestOrganisation(services);
  const hr = await createTestAccount(services, organisation.id, ['hr']);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'A1', startDate: '2020-01-06' }),
    personRow({ employeeNumber: 'A2', startDate: '2020-01-06' }),
  ]);
  const first = [
    absence(2, {
      employeeNumber: 'A1',
      type: 'sickness',
      startDate: '2024-01-08',
      endDate: '2024-01-10',
      reasonCode: 'S13',
    }),
    absence(3, { employeeNumber: 'A1', startDate: '2024-02-01', endDate: '2024-02-05' }),
    absence(4, {
      employeeNumber: 'A2',
      type: 'sickness',
      startDate: '2024-03-04',
      endDate: null,
      reasonCode: 'S10',
      notes: 'Fit note to 2024-03-18',
    }),
    absence(5, {
      employeeNumber: 'A2',
      type: 'medical_appointment',
      startDate: '2024-03-20',
      endDate: '2024-03-20',
    }),
  ];
  const imported = await importAbsences(services, organisation.id, first, { userId: hr.id });
  assert.deepEqual(summaryCounts(imported), {
    ok: true,
    summary: { created: 4, updated: 0, unchanged: 0, dryRun: false },
  });
  assert.deepEqual(
    (await history(organisation.id)).map((h) => [h.employee_number, h.start_date, h.action, h.changes]),
    [
      ['A1', '2024-01-08', 'recorded', { type: 'sickness', startDate: '2024-01-08', endDate: '2024-01-10' }],
      [
        'A1',
        '2024-02-01',
        'recorded',
        { type: 'annual_leave', startDate: '2024-02-01', endDate: '2024-02-05' },
      ],
      ['A2', '2024-03-04', 'recorded', { type: 'sickness', startDate: '2024-03-04', endDate: null }],
      [
        'A2',
        '2024-03-20',
        'recorded',
        { type: 'medical_appointment', startDate: '2024-03-20', endDate: '2024-03-20' },
      ],
    ],
  );
  assert.ok((await history(organisation.id)).every((h) => h.user_id === hr.id));
  assert.ok((await absences(organisation.id)).every((a) => a.recorded_by_user_id === hr.id));

  // Two absences change (in two and three fields), two stay as they were, one is new.
  const second = [
    { ...first[0]!, endDate: '2024-01-12', reasonCode: 'S11' },
    first[1]!,
    { ...first[2]!, endDate: '2024-03-15', firstDayHours: 3.5, notes: null },
    first[3]!,
    absence(6, { employeeNumber: 'A2', type: 'other_leave', startDate: '2024-04-02', endDate: '2024-04-02' }),
  ];
  const again = await importAbsences(services, organisation.id, second, { userId: null });
  assert.deepEqual(summaryCounts(again), {
    ok: true,
    summary: { created: 1, updated: 2, unchanged: 2, dryRun: false },
  });
  assert.deepEqual(
    (await absences(organisation.id)).map((a) => [
      a.employee_number,
      a.type,
      a.start_date,
      a.end_date,
      a.reason_code,
      a.first_day_hours,
      a.notes,
    ]),
    [
      ['A1', 'sickness', '2024-01-08', '2024-01-12', 'S11', null, null],
      ['A1', 'annual_leave', '2024-02-01', '2024-02-05', null, null, null],
      ['A2', 'sickness', '2024-03-04', '2024-03-15', 'S10', 3.5, null],
      ['A2', 'medical_appointment', '2024-03-20', '2024-03-20', null, null, null],
      ['A2', 'other_leave', '2024-04-02', '2024-04-02', null, null, null],
    ],
  );
  const changes = (await history(organisation.id)).slice(4);
  assert.deepEqual(
    changes.map((h) => [h.employee_number, h.start_date, h.action, h.changes, h.user_id, h.reason]),
    [
      [
        'A1',
        '2024-01-08',
        'updated',
        { endDate: { from: '2024-01-10', to: '2024-01-12' }, reasonCode: { from: 'S13', to: 'S11' } },
        null,
        'Imported from a CSV file',
      ],
      [
        'A2',
        '2024-03-04',
        'updated',
        {
          endDate: { from: null, to: '2024-03-15' },
          firstDayHours: { from: null, to: 3.5 },
          notes: { from: 'Fit note to 2024-03-18', to: null },
        },
        null,
        'Imported from a CSV file',
      ],
      [
        'A2',
        '2024-04-02',
        'recorded',
        { type: 'other_leave', startDate: '2024-04-02', endDate: '2024-04-02' },
        null,
        'Imported from a CSV file',
      ],
    ],
  );

  // The same file again changes nothing and records nothing.
  const third = await importAbsences(services, organisation.id, second, {});
  assert.deepEqual(summaryCounts(third), {
    ok: true,
    summary: { created: 0, updated: 0, unchanged: 5, dryRun: false },
  });
  assert.equal((await history(organisation.id)).length, 7);

  // A dry run counts what it would do and writes nothing.
  const before = await absences(organisation.id);
  const dry = await importAbsences(
    services,
    organisation.id,
    [{ ...second[0]!, endDate: '2024-01-11' }, absence(3, { employeeNumber: 'A1', startDate: '2024-05-01' })],
    { dryRun: true },
  );
  assert.deepEqual(summaryCounts(dry), {
    ok: true,
    summary: { created: 1, updated: 1, unchanged: 0, dryRun: true },
  });
  assert.deepEqual(await absences(organisation.id), before);
  assert.equal((await history(organisation.id)).length, 7);
});

test('thousands of rows import and update in chunks, each with its history, and reviews are set', async () => {
  const organisation = await createTestOrganisation(services);
  const people = Array.from({ length: 260 }, (_, i) =>
    personRow({ employeeNumber: `B${String(i).padStart(4, '0')}`, startDate: '2015-01-05' }),
  );
  await createTestPeople(services, organisation.id, people);
  // 24 days of leave each, a week apart: 6,240 rows, more than one chunk.
  const rows: AbsenceRow[] = people.flatMap((p, i) =>
    Array.from({ length: 24 }, (_, week) =>
      absence(i * 24 + week + 2, {
        employeeNumber: p.employeeNumber,
        startDate: addDays('2023-01-02', week * 7),
        endDate: addDays('2023-01-02', week * 7),
      }),
    ),
  );
  // And one sickness that ended three days ago, which needs a welcome-back review.
  const lastDay = addDays(today(), -3);
  rows.push(
    absence(rows.length + 2, {
      employeeNumber: 'B0000',
      type: 'sickness',
      startDate: addDays(lastDay, -2),
      endDate: lastDay,
      reasonCode: 'S13',
    }),
  );
  const imported = await importAbsences(services, organisation.id, rows, {});
  assert.deepEqual(summaryCounts(imported), {
    ok: true,
    summary: { created: rows.length, updated: 0, unchanged: 0, dryRun: false },
  });

  const noted = rows.map((r) => (r.type === 'annual_leave' ? { ...r, notes: 'Booked through the rota' } : r));
  const updated = await importAbsences(services, organisation.id, noted, {});
  assert.deepEqual(summaryCounts(updated), {
    ok: true,
    summary: { created: 0, updated: rows.length - 1, unchanged: 1, dryRun: false },
  });

  const counts = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    queryRows<{ action: string; n: number }>(
      db,
      sql`select action, count(*)::int as n from absence_changes where organisation_id = ${organisation.id}
          group by action order by action`,
    ),
  );
  assert.deepEqual(counts, [
    { action: 'recorded', n: rows.length },
    { action: 'updated', n: rows.length - 1 },
  ]);
  const held = await absences(organisation.id);
  assert.equal(held.filter((a) => a.notes === 'Booked through the rota').length, rows.length - 1);

  const reviews = await services.database.scoped({ organisationIds: [organisation.id] }, (db) =>
    queryRows<{ absence_end_date: string }>(
      db,
      sql`select absence_end_date::text from welcome_back_reviews where organisation_id = ${organisation.id}`,
    ),
  );
  assert.deepEqual(reviews, [{ absence_end_date: lastDay }]);
});

test('a medical appointment of a few hours imports with its hours and never counts as sickness', async () => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'M1', startDate: '2020-01-06' }),
  ]);
  const parsed = await parseAbsencesCsv(
    'employee_number,type,start_date,end_date,reason_code,first_day_hours,notes\n' +
      'M1,medical_appointment,2024-03-20,2024-03-20,,2.5,Physiotherapy\n',
  );
  assert.ok(parsed.ok, JSON.stringify(parsed));
  const imported = await importAbsences(services, organisation.id, parsed.rows, {});
  assert.deepEqual(summaryCounts(imported), {
    ok: true,
    summary: { created: 1, updated: 0, unchanged: 0, dryRun: false },
  });
  const [held] = await absences(organisation.id);
  assert.equal(held?.type, 'medical_appointment');
  assert.equal(held?.first_day_hours, 2.5);

  const [total] = (
    await runAbsenceReport(
      services.database,
      { ...organisation, onCostRate: 0.28 },
      { from: '2024-03-01', to: '2024-03-31', by: 'organisation', method: 'hours' },
      '2024-06-30',
    )
  ).slice(-1);
  assert.ok(total && total.hoursAvailable > 0);
  assert.equal(total.hoursLost, 0);
  assert.equal(total.episodes, 0);
});

test('every problem of a file is listed at once, those against the organisation’s records too', async () => {
  const organisation = await createTestOrganisation(services);
  await createTestPeople(services, organisation.id, [
    personRow({ employeeNumber: 'K1', startDate: '2020-01-06' }),
  ]);
  const file =
    'employee_number,type,start_date,end_date,reason_code,first_day_hours,notes\n' +
    'K1,annual_leave,2024-05-01,2024-05-10,,,\n' +
    'K1,other_leave,2024-05-06,2024-05-07,,,\n' +
    'NOPE999,sickness,2024-06-03,2024-06-04,S13,,\n' +
    'K1,sickness,2024-07-01,2024-07-02,S13,lots,\n' +
    'NOPE998,sickness,2024-08-01,2024-08-02,S13,many,\n';
  const parsed = await parseAbsencesCsv(file);
  assert.equal(parsed.ok, false);
  const result = await importParsedAbsences(services, organisation.id, parsed, { dryRun: true });
  assert.equal(result.ok, false);
  assert.deepEqual(!result.ok && result.problems.map((p) => `${p.row} ${p.column}`), [
    '3 start_date',
    '4 employee_number',
    '5 first_day_hours',
    '6 first_day_hours',
    '6 employee_number',
  ]);
  assert.deepEqual(await absences(organisation.id), [], 'nothing is written');
});
