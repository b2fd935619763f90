import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import type { CsvProblem } from '../../domain/csv-problems.ts';
import {
  evenWeekdays,
  managersNotInFile,
  parsePeopleCsv,
  splitUnitPath,
  type PersonRow,
} from './people-csv.ts';

const HEADER = 'employee_number,first_name,last_name,unit,start_date,weekly_hours';
const DAYS = 'hours_mon,hours_tue,hours_wed,hours_thu,hours_fri,hours_sat,hours_sun';

async function rowsOf(input: Buffer | string): Promise<PersonRow[]> {
  const result = await parsePeopleCsv(input);
  assert.ok(result.ok, result.ok ? '' : JSON.stringify(result.problems, null, 2));
  return result.rows;
}

async function problemsOf(input: Buffer | string): Promise<CsvProblem[]> {
  const result = await parsePeopleCsv(input);
  assert.ok(!result.ok, 'the file should have been refused');
  return result.problems;
}

/** The problems as `row column: message`, for compact comparison. */
function where(problems: readonly CsvProblem[]): string[] {
  return problems.map((p) => `${p.row ?? '-'} ${p.column ?? '-'}`);
}

test('the valid sample reads every person with every field', async () => {
  const rows = await rowsOf(readFileSync('tests/fixtures/people-valid.csv'));
  assert.equal(rows.length, 8);
  assert.deepEqual(rows[1], {
    row: 3,
    employeeNumber: 'E1002',
    firstName: 'Gareth',
    lastName: 'Pritchard',
    unitPath: ['Adult Social Care', 'Home Care'],
    startDate: '2018-09-03',
    endDate: null,
    email: 'gareth.pritchard@example.gov.uk',
    jobTitle: 'Head of Service, Home Care',
    staffGroup: 'Management',
    managerEmployeeNumber: 'E1001',
    weeklyHours: 37,
    pattern: { hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: false },
    annualSalary: 61250,
  });
  const declan = rows.find((r) => r.employeeNumber === 'E1004');
  assert.deepEqual(declan?.pattern, { hours: [7.5, 7.5, 0, 0, 0, 7.5, 0], worksBankHolidays: true });
  assert.deepEqual(declan?.unitPath, ['Adult Social Care', 'Home Care', 'North Team']);
  assert.equal(declan?.email, null);
  const tomasz = rows.find((r) => r.employeeNumber === 'E1006');
  assert.equal(tomasz?.endDate, '2024-08-31');
  const megan = rows.find((r) => r.employeeNumber === 'E1007');
  assert.equal(megan?.annualSalary, null);
  assert.deepEqual(megan?.pattern.hours, [7.4, 7.4, 7.4, 0, 0, 0, 0], '7.4 × 3 is 22.2 within 0.001 h');
  assert.deepEqual(
    rows.map((r) => r.row),
    [2, 3, 4, 5, 6, 7, 8, 9],
  );
});

test('only the required columns are needed; the optional ones default', async () => {
  const rows = await rowsOf(`${HEADER}\nE1,Ffion,Jones,Place,2020-01-01,37.5\n`);
  assert.deepEqual(rows, [
    {
      row: 2,
      employeeNumber: 'E1',
      firstName: 'Ffion',
      lastName: 'Jones',
      unitPath: ['Place'],
      startDate: '2020-01-01',
      endDate: null,
      email: null,
      jobTitle: null,
      staffGroup: null,
      managerEmployeeNumber: null,
      weeklyHours: 37.5,
      pattern: { hours: [7.5, 7.5, 7.5, 7.5, 7.5, 0, 0], worksBankHolidays: false },
      annualSalary: null,
    },
  ]);
});

test('a file with a BOM, CRLF line ends, columns in any order and quoted commas reads the same', async () => {
  const text =
    '\uFEFFunit,weekly_hours,start_date,last_name,first_name,employee_number,job_title\r\n' +
    '"Adult Social Care > Home Care > North Team",37,2019-01-07,"Chauhan","Priya",E1003,"Team Manager, North"\r\n';
  const [priya] = await rowsOf(Buffer.from(text, 'utf8'));
  assert.equal(priya?.employeeNumber, 'E1003');
  assert.equal(priya?.jobTitle, 'Team Manager, North');
  assert.deepEqual(priya?.unitPath, ['Adult Social Care', 'Home Care', 'North Team']);
});

test('the bad sample reports every problem at once, each on its row and column', async () => {
  const problems = await problemsOf(readFileSync('tests/fixtures/people-bad.csv'));
  assert.deepEqual(problems, [
    { row: 3, column: 'start_date', message: 'start_date "31/02/2024" is not a date in the form YYYY-MM-DD' },
    { row: 4, column: 'employee_number', message: 'employee_number "E2001" is also on row 2' },
    { row: 5, column: 'weekly_hours', message: 'weekly_hours "0" must be more than 0 and no more than 168' },
    {
      row: 6,
      column: 'weekly_hours',
      message: 'weekly_hours "37" is not the sum of hours_mon to hours_sun, which add up to 37.5',
    },
    {
      row: 7,
      column: 'hours_sat',
      message:
        'hours_sat and hours_sun are empty: give all seven of hours_mon to hours_sun (0 for a day not worked), or none of them',
    },
    {
      row: 8,
      column: 'works_bank_holidays',
      message: 'works_bank_holidays "yes" must be true or false (or left empty for false)',
    },
    { row: 8, column: 'email', message: 'email "grace.okafor-at-example.gov.uk" is not an email address' },
    { row: 9, column: 'end_date', message: 'end_date "2023-03-31" is before start_date "2023-04-03"' },
    {
      row: 10,
      column: 'unit',
      message:
        'unit "Adult Social Care >> Home Care" is not a path of unit names separated by " > " (a space either side), like "Adult Social Care > Home Care > North Team"',
    },
    {
      row: 11,
      column: 'manager_employee_number',
      message:
        'manager_employee_number "E2010" is the person\'s own employee_number: a person cannot be their own line manager',
    },
    { row: 12, column: 'first_name', message: 'first_name is empty' },
    {
      row: 12,
      column: 'annual_salary',
      message: 'annual_salary "£24,000" is not a number: write it like 28500 or 28500.00',
    },
    // Row 13 is blank; row 14's manager E9999 is not in the file, which is for the import to judge.
    { row: 14, column: 'hours_mon', message: 'hours_mon "25" must be from 0 to 24' },
  ]);
});

test('dates must be real dates written YYYY-MM-DD', async () => {
  const bad = [
    '2024-02-30',
    '2023-02-29',
    '2024-13-01',
    '2024-1-5',
    '05/01/2024',
    '2024-01-05T00:00',
    'soon',
  ];
  const file = [`${HEADER},end_date`, ...bad.map((d, i) => `E${i},Ann,Lee,Place,2020-01-01,37,${d}`)].join(
    '\n',
  );
  const problems = await problemsOf(file);
  assert.deepEqual(
    problems.map((p) => [p.row, p.column, p.message]),
    bad.map((d, i) => [i + 2, 'end_date', `end_date "${d}" is not a date in the form YYYY-MM-DD`]),
  );
  assert.equal(
    (await rowsOf(`${HEADER},end_date\nE1,Ann,Lee,Place,2020-02-29,37,2024-02-29\n`))[0]?.endDate,
    '2024-02-29',
  );
});

test('an end date on the start date is allowed; one before it is not', async () => {
  assert.equal((await rowsOf(`${HEADER},end_date\nE1,Ann,Lee,Place,2024-05-01,37,2024-05-01\n`)).length, 1);
  assert.deepEqual(
    where(await problemsOf(`${HEADER},end_date\nE1,Ann,Lee,Place,2024-05-01,37,2024-04-30\n`)),
    ['2 end_date'],
  );
});

test('required values may not be empty, and each empty one is named', async () => {
  const problems = await problemsOf(`${HEADER},job_title\n,,,,,,Home Carer\n`);
  assert.deepEqual(
    problems.map((p) => p.message),
    [
      'employee_number is empty',
      'first_name is empty',
      'last_name is empty',
      'unit is empty: give the path from the top of the organisation, like "Adult Social Care > Home Care > North Team"',
      'start_date is empty: give a date in the form YYYY-MM-DD',
      'weekly_hours is empty',
    ],
  );
  assert.ok(problems.every((p) => p.row === 2));
});

test('a missing required column is reported once for the file, not on every row', async () => {
  const problems = await problemsOf(
    'employee_number,first_name,last_name,start_date,weekly_hours,team\nE1,Ann,Lee,2020-01-01,37,North\nE2,Bob,Ray,2020-01-01,37,South\n',
  );
  assert.deepEqual(problems, [
    { row: null, column: 'unit', message: 'the required column "unit" is missing' },
    { row: 1, column: 'team', message: '"team" is not a column this file can have' },
  ]);
});

test('upper-case column names are not accepted, with a hint', async () => {
  const problems = await problemsOf(
    `Employee_Number,first_name,last_name,unit,start_date,weekly_hours\nE1,Ann,Lee,Place,2020-01-01,37\n`,
  );
  assert.deepEqual(where(problems), ['- employee_number', '1 Employee_Number']);
  assert.match(problems[1]?.message ?? '', /did you mean "employee_number"/);
});

test('weekly hours must be a decimal above 0 and no more than 168', async () => {
  const cases: [string, string | null][] = [
    ['37', null],
    ['0.5', null],
    ['168', null],
    ['0', 'weekly_hours "0" must be more than 0 and no more than 168'],
    ['-7', 'weekly_hours "-7" must be more than 0 and no more than 168'],
    ['168.5', 'weekly_hours "168.5" must be more than 0 and no more than 168'],
    ['"37,5"', 'weekly_hours "37,5" is not a number: write it like 37.5'],
    ['full time', 'weekly_hours "full time" is not a number: write it like 37.5'],
  ];
  for (const [hours, message] of cases) {
    const pattern = hours === '168' ? ',24,24,24,24,24,24,24' : ',,,,,,,';
    const result = await parsePeopleCsv(
      `${HEADER},${DAYS}\nE1,Ann,Lee,Place,2020-01-01,${hours}${pattern}\n`,
    );
    assert.deepEqual(result.ok ? null : result.problems.map((p) => p.message).join('; '), message, hours);
  }
});

test('without hours_* the week is spread over Monday to Friday, which cannot pass 24 hours a day', async () => {
  assert.deepEqual(
    (await rowsOf(`${HEADER}\nE1,Ann,Lee,Place,2020-01-01,22.5\n`))[0]?.pattern.hours,
    [4.5, 4.5, 4.5, 4.5, 4.5, 0, 0],
  );
  assert.deepEqual(where(await problemsOf(`${HEADER}\nE1,Ann,Lee,Place,2020-01-01,125\n`)), [
    '2 weekly_hours',
  ]);
  assert.deepEqual(evenWeekdays(37), [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0]);
  const week = evenWeekdays(36.3);
  assert.ok(Math.abs(week.reduce((a, b) => a + b, 0) - 36.3) < 1e-9);
});

test('hours_* must be all seven or none, each from 0 to 24, adding up to weekly_hours within 0.001 h', async () => {
  const file = (weekly: string, days: string) =>
    `${HEADER},${DAYS}\nE1,Ann,Lee,Place,2020-01-01,${weekly},${days}\n`;
  assert.deepEqual(
    (await rowsOf(file('22.2', '7.4,7.4,7.4,0,0,0,0')))[0]?.pattern.hours,
    [7.4, 7.4, 7.4, 0, 0, 0, 0],
  );
  assert.equal(
    (await rowsOf(file('37.5', '7.5,7.5,7.5,7.5,7.499,0,0'))).length,
    1,
    '0.001 h out is within tolerance',
  );
  assert.equal((await rowsOf(file('24', '0,0,0,0,0,12,12')))[0]?.pattern.hours[6], 12, 'weekends count');
  assert.deepEqual(
    (await rowsOf(file('37', ',,,,,,')))[0]?.pattern.hours,
    [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0],
    'all empty: spread',
  );

  assert.deepEqual(await problemsOf(file('37.5', '7.5,7.5,7.5,7.5,7.498,0,0')), [
    {
      row: 2,
      column: 'weekly_hours',
      message: 'weekly_hours "37.5" is not the sum of hours_mon to hours_sun, which add up to 37.498',
    },
  ]);
  assert.deepEqual(await problemsOf(file('30', '7.5,,7.5,,7.5,7.5,')), [
    {
      row: 2,
      column: 'hours_tue',
      message:
        'hours_tue, hours_thu and hours_sun are empty: give all seven of hours_mon to hours_sun (0 for a day not worked), or none of them',
    },
  ]);
  assert.deepEqual(
    (await problemsOf(file('37', '-1,30,7.4,x,7.4,0,0'))).map((p) => p.message),
    [
      'hours_mon "-1" must be from 0 to 24',
      'hours_tue "30" must be from 0 to 24',
      'hours_thu "x" is not a number: write it like 7.5',
    ],
  );
});

test('a header with only some of hours_mon to hours_sun is a problem for the whole file', async () => {
  const problems = await problemsOf(
    `${HEADER},hours_mon,hours_tue,hours_wed,hours_thu,hours_fri\nE1,Ann,Lee,Place,2020-01-01,37,7.4,7.4,7.4,7.4,7.4\n`,
  );
  assert.deepEqual(problems, [
    {
      row: null,
      column: 'hours_sat',
      message:
        'the file has hours_mon, hours_tue, hours_wed, hours_thu, hours_fri but not hours_sat, hours_sun: give all seven of hours_mon to hours_sun, or none of them',
    },
  ]);
});

test('works_bank_holidays is true or false, empty meaning false', async () => {
  const file = (value: string) => `${HEADER},works_bank_holidays\nE1,Ann,Lee,Place,2020-01-01,37,${value}\n`;
  assert.equal((await rowsOf(file('true')))[0]?.pattern.worksBankHolidays, true);
  assert.equal((await rowsOf(file('TRUE')))[0]?.pattern.worksBankHolidays, true, 'as spreadsheets write it');
  assert.equal((await rowsOf(file('false')))[0]?.pattern.worksBankHolidays, false);
  assert.equal((await rowsOf(file('')))[0]?.pattern.worksBankHolidays, false);
  assert.deepEqual(where(await problemsOf(file('1'))), ['2 works_bank_holidays']);
});

test('annual_salary is a non-negative decimal', async () => {
  const file = (value: string) => `${HEADER},annual_salary\nE1,Ann,Lee,Place,2020-01-01,37,${value}\n`;
  assert.equal((await rowsOf(file('28500.50')))[0]?.annualSalary, 28500.5);
  assert.equal((await rowsOf(file('0')))[0]?.annualSalary, 0);
  assert.deepEqual(await problemsOf(file('-100')), [
    { row: 2, column: 'annual_salary', message: 'annual_salary "-100" must be at least 0' },
  ]);
  assert.deepEqual(where(await problemsOf(file('"28,500"'))), ['2 annual_salary']);
});

test('email must look like an email address', async () => {
  const file = (value: string) => `${HEADER},email\nE1,Ann,Lee,Place,2020-01-01,37,${value}\n`;
  assert.equal((await rowsOf(file('ann.lee@example.gov.uk')))[0]?.email, 'ann.lee@example.gov.uk');
  for (const bad of ['ann.lee', 'ann lee@example.gov.uk', 'ann@', '@example.gov.uk', 'ann@example']) {
    assert.deepEqual(await problemsOf(file(bad)), [
      { row: 2, column: 'email', message: `email "${bad}" is not an email address` },
    ]);
  }
});

test('unit paths split on " > " into trimmed levels, the first being the directorate', async () => {
  assert.deepEqual(splitUnitPath('Adult Social Care > Home Care > North Team'), [
    'Adult Social Care',
    'Home Care',
    'North Team',
  ]);
  assert.deepEqual(splitUnitPath('Adult Social Care  >  Home Care'), ['Adult Social Care', 'Home Care']);
  assert.deepEqual(splitUnitPath("Children's Services"), ["Children's Services"]);
  for (const bad of [
    'Adult Social Care > > North Team',
    'Adult Social Care >',
    '> Home Care',
    'Adult Social Care>Home Care',
  ]) {
    assert.equal(splitUnitPath(bad), null, bad);
  }
  const rows = await rowsOf(`${HEADER}\nE1,Ann,Lee,"  Place > Highways  ",2020-01-01,37\n`);
  assert.deepEqual(rows[0]?.unitPath, ['Place', 'Highways']);
});

test('employee numbers must be unique in the file; each repeat names the first row', async () => {
  const problems = await problemsOf(
    `${HEADER}\nE1,Ann,Lee,Place,2020-01-01,37\nE2,Bob,Ray,Place,2020-01-01,37\nE1,Cat,Poe,Place,2020-01-01,37\nE1,Dan,Orr,Place,2020-01-01,37\n`,
  );
  assert.deepEqual(problems, [
    { row: 4, column: 'employee_number', message: 'employee_number "E1" is also on row 2' },
    { row: 5, column: 'employee_number', message: 'employee_number "E1" is also on row 2' },
  ]);
});

test('a manager outside the file is left to the import; one in the file is fine; oneself is not', async () => {
  const rows = await rowsOf(
    `${HEADER},manager_employee_number\nE1,Ann,Lee,Place,2020-01-01,37,E2\nE2,Bob,Ray,Place,2020-01-01,37,M9\nE3,Cat,Poe,Place,2020-01-01,37,M9\n`,
  );
  assert.deepEqual(
    rows.map((r) => r.managerEmployeeNumber),
    ['E2', 'M9', 'M9'],
  );
  assert.deepEqual(managersNotInFile(rows), new Map([['M9', [3, 4]]]));
  assert.deepEqual(
    where(await problemsOf(`${HEADER},manager_employee_number\nE1,Ann,Lee,Place,2020-01-01,37,E1\n`)),
    ['2 manager_employee_number'],
  );
});

test('line managers in the file may not report to each other in a loop', async () => {
  const problems = await problemsOf(
    `${HEADER},manager_employee_number\nE1,Ann,Lee,Place,2020-01-01,37,\nE2,Bob,Ray,Place,2020-01-01,37,E3\nE3,Cat,Poe,Place,2020-01-01,37,E4\nE4,Dan,Orr,Place,2020-01-01,37,E2\nE5,Eve,Fox,Place,2020-01-01,37,E4\n`,
  );
  assert.deepEqual(problems, [
    {
      row: 3,
      column: 'manager_employee_number',
      message: 'manager_employee_number "E3" makes a loop of line managers: E2 → E3 → E4 → E2',
    },
  ]);
});

test('a row with too many values is reported on its row without guessing at its columns', async () => {
  const problems = await problemsOf(
    `${HEADER}\nE1,Ann,Lee,Place,2020-01-01,37\nE2,Ann,Lee, Jr,Place,2020-01-01,37\n`,
  );
  assert.deepEqual(where(problems), ['3 -']);
});

test('problems of the header and of the rows come together', async () => {
  const problems = await problemsOf(
    'employee_number,first_name,last_name,unit,start_date,weekly_hours,shoe_size\nE1,Ann,Lee,Place,2020-02-30,37,9\n',
  );
  assert.deepEqual(where(problems), ['1 shoe_size', '2 start_date']);
});
