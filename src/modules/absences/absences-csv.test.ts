import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CsvProblem } from '../../domain/csv-problems.ts';
import {
  findOverlaps,
  outsideEmployment,
  parseAbsencesCsv,
  type AbsenceRow,
  type HeldAbsence,
} from './absences-csv.ts';

const HEADER = 'employee_number,type,start_date,end_date,reason_code,first_day_hours,notes';

async function rowsOf(input: Buffer | string): Promise<AbsenceRow[]> {
  const result = await parseAbsencesCsv(input);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems, null, 2));
  return result.rows;
}

async function problemsOf(input: Buffer | string): Promise<CsvProblem[]> {
  const result = await parseAbsencesCsv(input);
  assert.ok(!result.ok, 'the file should have been refused');
  return result.problems;
}

function where(problems: readonly CsvProblem[]): string[] {
  return problems.map((p) => `${p.row ?? '-'} ${p.column ?? '-'}`);
}

const file = (...lines: string[]) => [HEADER, ...lines].join('\n') + '\n';

test('the valid sample reads every absence, including sickness within annual leave and open sickness', async () => {
  const rows = await rowsOf(readFileSync('tests/fixtures/absences-valid.csv'));
  assert.equal(rows.length, 10);
  assert.deepEqual(rows[0], {
    row: 2,
    employeeNumber: 'E1003',
    type: 'sickness',
    startDate: '2024-01-15',
    endDate: '2024-01-19',
    reasonCode: 'S13',
    firstDayHours: null,
    notes: null,
  });
  assert.deepEqual(rows[2], {
    row: 4,
    employeeNumber: 'E1003',
    type: 'sickness',
    startDate: '2024-03-06',
    endDate: '2024-03-07',
    reasonCode: 'S16',
    firstDayHours: null,
    notes: 'Migraine during annual leave, leave reinstated',
  });
  assert.equal(rows[3]?.firstDayHours, 3.5);
  const open = rows.find((r) => r.employeeNumber === 'E1005');
  assert.equal(open?.endDate, null);
  assert.equal(open?.notes, 'Ongoing; fit note says "may be fit for amended duties"');
  assert.deepEqual(
    rows.map((r) => r.type),
    [
      'sickness',
      'annual_leave',
      'sickness',
      'sickness',
      'medical_appointment',
      'sickness',
      'disability_leave',
      'other_leave',
      'sickness',
      'annual_leave',
    ],
  );
});

test('only the required columns are needed, and a BOM is accepted', async () => {
  const rows = await rowsOf(
    Buffer.from('\uFEFFemployee_number,type,start_date\r\nE1,annual_leave,2024-08-12\r\n', 'utf8'),
  );
  assert.deepEqual(rows, [
    {
      row: 2,
      employeeNumber: 'E1',
      type: 'annual_leave',
      startDate: '2024-08-12',
      endDate: null,
      reasonCode: null,
      firstDayHours: null,
      notes: null,
    },
  ]);
});

test('sickness without a reason_code column is refused on its row', async () => {
  assert.deepEqual(await problemsOf('employee_number,type,start_date\nE1,sickness,2024-08-12\n'), [
    {
      row: 2,
      column: 'reason_code',
      message:
        'sickness needs a reason_code, an NHS ESR sickness reason code (S10 to S32, S98 or S99), but the file has no reason_code column',
    },
  ]);
});

test('the bad sample reports every problem at once, each on its row and column', async () => {
  const problems = await problemsOf(readFileSync('tests/fixtures/absences-bad.csv'));
  const rule = "one person's absences may overlap only where sickness falls within annual leave";
  assert.deepEqual(problems, [
    {
      row: 3,
      column: 'start_date',
      message: `the sickness from 2024-01-17 to 2024-01-22 overlaps the sickness on row 2, from 2024-01-15 to 2024-01-19, of employee_number "E1003": ${rule}`,
    },
    {
      row: 4,
      column: 'type',
      message:
        'type "holiday" is not one of sickness, annual_leave, disability_leave, medical_appointment, other_leave',
    },
    { row: 5, column: 'start_date', message: 'start_date "2024-02-30" is not a date in the form YYYY-MM-DD' },
    {
      row: 6,
      column: 'reason_code',
      message:
        'reason_code is empty: sickness needs an NHS ESR sickness reason code (S10 to S32, S98 or S99)',
    },
    {
      row: 7,
      column: 'reason_code',
      message: 'reason_code "S40" is not an NHS ESR sickness reason code (S10 to S32, S98 or S99)',
    },
    {
      row: 8,
      column: 'reason_code',
      message: 'reason_code "S10" is only for sickness, not annual_leave: leave it empty',
    },
    {
      row: 9,
      column: 'first_day_hours',
      message:
        'first_day_hours "2" is only for sickness or a medical appointment, not other_leave: leave it empty',
    },
    { row: 10, column: 'end_date', message: 'end_date "2024-07-01" is before start_date "2024-07-10"' },
    {
      row: 11,
      column: 'first_day_hours',
      message: 'first_day_hours "0" must be more than 0 and no more than 24',
    },
    {
      row: 12,
      column: 'start_date',
      message:
        'row 2 already has this sickness of employee_number "E1003" starting 2024-01-15: an absence is known by its employee, type and start date',
    },
    { row: 13, column: 'employee_number', message: 'employee_number is empty' },
    // Row 15 is sickness within the annual leave of row 14: allowed.
    {
      row: 16,
      column: 'start_date',
      message: `the other leave from 2024-10-08 to 2024-10-09 overlaps the annual leave on row 14, from 2024-10-01 to 2024-10-10, of employee_number "E1008": ${rule}`,
    },
    {
      row: 18,
      column: 'start_date',
      message: `the sickness from 2025-01-06 to 2025-01-07 overlaps the disability leave on row 17, from 2024-11-01 (still open), of employee_number "E1007": ${rule}`,
    },
  ]);
});

test('every ESR sickness reason code is accepted, and nothing else', async () => {
  const good = [...Array.from({ length: 23 }, (_, i) => `S${10 + i}`), 'S98', 'S99'];
  const rows = await rowsOf(file(...good.map((code, i) => `E${i},sickness,2024-01-01,2024-01-02,${code},,`)));
  assert.deepEqual(
    rows.map((r) => r.reasonCode),
    good,
  );
  for (const bad of ['S09', 'S33', 'S97', 'S100', 's10', 'S10 Anxiety', '10']) {
    assert.deepEqual(
      where(await problemsOf(file(`E1,sickness,2024-01-01,,${bad},,`))),
      ['2 reason_code'],
      bad,
    );
  }
});

test('types are the five of SPEC §7, written as given', async () => {
  for (const type of ['annual_leave', 'disability_leave', 'medical_appointment', 'other_leave']) {
    assert.equal((await rowsOf(file(`E1,${type},2024-01-01,2024-01-01,,,`)))[0]?.type, type);
  }
  for (const bad of ['Sickness', 'annual leave', 'maternity_leave', '']) {
    assert.deepEqual(where(await problemsOf(file(`E1,${bad},2024-01-01,,,,Back soon`))), ['2 type'], bad);
  }
});

test('dates must be real and in order; an empty end date means ongoing', async () => {
  assert.equal((await rowsOf(file('E1,other_leave,2024-02-29,,,,')))[0]?.endDate, null);
  assert.equal((await rowsOf(file('E1,other_leave,2024-02-29,2024-02-29,,,')))[0]?.endDate, '2024-02-29');
  assert.deepEqual(await problemsOf(file('E1,other_leave,2023-02-29,2023-3-1,,,')), [
    { row: 2, column: 'start_date', message: 'start_date "2023-02-29" is not a date in the form YYYY-MM-DD' },
    { row: 2, column: 'end_date', message: 'end_date "2023-3-1" is not a date in the form YYYY-MM-DD' },
  ]);
  assert.deepEqual(await problemsOf(file('E1,other_leave,,2024-01-01,,,')), [
    { row: 2, column: 'start_date', message: 'start_date is empty: give a date in the form YYYY-MM-DD' },
  ]);
});

test('first_day_hours is a decimal above 0 and no more than 24, for sickness and medical appointments only', async () => {
  assert.equal((await rowsOf(file('E1,sickness,2024-01-01,2024-01-03,S25,2.25,')))[0]?.firstDayHours, 2.25);
  assert.deepEqual(
    (
      await problemsOf(
        file(
          'E1,sickness,2024-01-01,,S25,half,',
          'E2,sickness,2024-01-01,,S25,-1,',
          'E3,sickness,2024-01-01,,S25,25,',
        ),
      )
    ).map((p) => p.message),
    [
      'first_day_hours "half" is not a number: write it like 3.5',
      'first_day_hours "-1" must be more than 0 and no more than 24',
      'first_day_hours "25" must be more than 0 and no more than 24',
    ],
  );
  // A medical appointment of a few hours is a part day as a sickness is (SPEC §7).
  const appointment = await rowsOf(file('E1,medical_appointment,2024-01-01,2024-01-01,,2.5,Dentist'));
  assert.equal(appointment[0]?.firstDayHours, 2.5);
  assert.deepEqual(where(await problemsOf(file('E1,annual_leave,2024-01-01,,,4,'))), ['2 first_day_hours']);
  assert.deepEqual(where(await problemsOf(file('E1,other_leave,2024-01-01,,,4,'))), ['2 first_day_hours']);
});

test('within the file, sickness may overlap annual leave either way round, and nothing else may overlap', async () => {
  // Sickness within leave, leave within sickness, and the same day: all allowed.
  assert.equal(
    (
      await rowsOf(
        file(
          'E1,annual_leave,2024-03-04,2024-03-15,,,',
          'E1,sickness,2024-03-06,2024-03-07,S13,,',
          'E1,sickness,2024-03-14,2024-03-20,S11,,',
          'E2,sickness,2024-03-01,,S10,,',
          'E2,annual_leave,2024-05-01,2024-05-03,,,',
        ),
      )
    ).length,
    5,
  );
  const pairs: [string, string][] = [
    ['sickness', 'sickness'],
    ['annual_leave', 'annual_leave'],
    ['sickness', 'disability_leave'],
    ['sickness', 'medical_appointment'],
    ['sickness', 'other_leave'],
    ['annual_leave', 'other_leave'],
    ['annual_leave', 'medical_appointment'],
    ['disability_leave', 'medical_appointment'],
  ];
  for (const [a, b] of pairs) {
    const reason = (type: string) => (type === 'sickness' ? 'S12' : '');
    const problems = await problemsOf(
      file(`E1,${a},2024-03-04,2024-03-08,${reason(a)},,`, `E1,${b},2024-03-08,2024-03-08,${reason(b)},,`),
    );
    assert.deepEqual(where(problems), ['3 start_date'], `${a} and ${b}`);
    assert.match(problems[0]?.message ?? '', /on row 2/);
  }
});

test('absences that touch without sharing a day do not overlap; other people never clash', async () => {
  assert.equal(
    (
      await rowsOf(
        file(
          'E1,sickness,2024-03-04,2024-03-08,S12,,',
          'E1,sickness,2024-03-09,2024-03-10,S12,,',
          'E2,sickness,2024-03-04,2024-03-08,S12,,',
        ),
      )
    ).length,
    3,
  );
});

test('an open record runs forever: anything after it but annual leave (for sickness) overlaps', async () => {
  const problems = await problemsOf(
    file(
      'E1,other_leave,2025-06-01,,,,',
      'E1,sickness,2020-01-01,,S99,,',
      'E1,annual_leave,2030-01-01,2030-01-05,,,',
    ),
  );
  // Row 3's open sickness overlaps row 2's open other leave; the annual leave in 2030 overlaps
  // the other leave (not allowed) and the sickness (allowed).
  assert.deepEqual(where(problems), ['3 start_date', '4 start_date']);
  assert.match(
    problems[0]?.message ?? '',
    /^the sickness from 2020-01-01 \(still open\) overlaps the other leave on row 2, from 2025-06-01 \(still open\)/,
  );
  assert.match(problems[1]?.message ?? '', /overlaps the other leave on row 2/);
});

test('the same employee, type and start date twice is a duplicate, reported on the later row only', async () => {
  const problems = await problemsOf(
    file(
      'E1,sickness,2024-03-04,2024-03-08,S12,,',
      'E1,annual_leave,2024-03-04,2024-03-08,,,',
      'E1,sickness,2024-03-04,,S12,,',
    ),
  );
  assert.deepEqual(problems, [
    {
      row: 4,
      column: 'start_date',
      message:
        'row 2 already has this sickness of employee_number "E1" starting 2024-03-04: an absence is known by its employee, type and start date',
    },
  ]);
});

test('overlaps are still found on rows that have other problems', async () => {
  const problems = await problemsOf(
    file('E1,other_leave,2024-03-04,2024-03-08,,,', 'E1,sickness,2024-03-05,2024-03-05,S77,,'),
  );
  assert.deepEqual(where(problems), ['3 start_date', '3 reason_code']);
});

const held = (
  employeeNumber: string,
  type: HeldAbsence['type'],
  startDate: string,
  endDate: string | null,
): HeldAbsence => ({
  employeeNumber,
  type,
  startDate,
  endDate,
});

test('findOverlaps compares the file with absences already held, re-imports excepted', async () => {
  const incoming = await rowsOf(
    file(
      'E1,sickness,2024-03-04,2024-03-08,S12,,',
      'E1,sickness,2024-04-01,2024-04-02,S13,,',
      'E2,other_leave,2024-05-01,2024-05-01,,,',
      'E3,annual_leave,2024-06-03,2024-06-07,,,',
    ),
  );
  const problems = findOverlaps(
    [
      // The same sickness imported before, with another end date: a re-import, not an overlap.
      held('E1', 'sickness', '2024-03-04', '2024-03-06'),
      // Annual leave under the April sickness: allowed.
      held('E1', 'annual_leave', '2024-03-30', '2024-04-05'),
      // An open sickness of E2: other leave during it is not allowed.
      held('E2', 'sickness', '2024-04-20', null),
      // A medical appointment in E3's annual leave: not allowed.
      held('E3', 'medical_appointment', '2024-06-05', '2024-06-05'),
      // Someone not in the file.
      held('E9', 'sickness', '2024-01-01', null),
    ],
    incoming,
  );
  const rule = "one person's absences may overlap only where sickness falls within annual leave";
  assert.deepEqual(problems, [
    {
      row: 4,
      column: 'start_date',
      message: `the other leave on 2024-05-01 overlaps the sickness from 2024-04-20 (still open) already recorded for employee_number "E2": ${rule}`,
    },
    {
      row: 5,
      column: 'start_date',
      message: `the annual leave from 2024-06-03 to 2024-06-07 overlaps the medical appointment on 2024-06-05 already recorded for employee_number "E3": ${rule}`,
    },
  ]);
  assert.deepEqual(findOverlaps([], incoming), []);
});

test('findOverlaps: a held absence of the same type but another start date is an overlap', async () => {
  const incoming = await rowsOf(file('E1,sickness,2024-03-04,2024-03-08,S12,,'));
  assert.deepEqual(where(findOverlaps([held('E1', 'sickness', '2024-03-05', '2024-03-05')], incoming)), [
    '2 start_date',
  ]);
});

test('outsideEmployment finds absences before the start or past the leaving date', async () => {
  const rows = await rowsOf(
    file(
      'E1,sickness,2019-12-31,2020-01-02,S12,,',
      'E1,sickness,2020-01-06,2020-01-07,S12,,',
      'E2,annual_leave,2024-08-26,2024-08-31,,,',
      'E2,sickness,2024-08-30,2024-09-02,S12,,',
      'E2,other_leave,2024-09-05,2024-09-05,,,',
      'E3,sickness,2024-08-30,,S12,,',
      'E4,sickness,1990-01-01,,S12,,',
    ),
  );
  const problems = outsideEmployment(
    rows,
    new Map([
      ['E1', { startDate: '2020-01-01', endDate: null }],
      ['E2', { startDate: '2020-01-01', endDate: '2024-08-31' }],
      ['E3', { startDate: '2020-01-01', endDate: '2024-08-31' }],
    ]),
  );
  assert.deepEqual(where(problems), ['2 start_date', '5 end_date', '6 start_date', '7 end_date']);
  assert.match(problems[0]?.message ?? '', /2019-12-31 .*2020-01-01.*"E1"/);
  assert.match(problems[3]?.message ?? '', /no end_date but the person left on 2024-08-31/);
});
