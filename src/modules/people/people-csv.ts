import { z } from 'zod';
import { RowCheck, sortProblems, type CsvProblem, type RowLimit } from '../../domain/csv-problems.ts';
import { DATE_YEARS_TEXT, isRealDate } from '../../domain/dates.ts';
import { csvTemplate } from '../imports/csv-template.ts';
import { readCsv, type CsvSource } from '../imports/read-csv.ts';

/** Hours of a weekly pattern, Monday to Sunday. */
export type WeekHours = [number, number, number, number, number, number, number];

/** A validated row of people.csv (SPEC §7). */
export interface PersonRow {
  /** The row of the file it came from, as a spreadsheet numbers it. */
  row: number;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  /** The unit's path from the top of the organisation; the first level is the directorate. */
  unitPath: string[];
  startDate: string;
  endDate: string | null;
  email: string | null;
  jobTitle: string | null;
  staffGroup: string | null;
  /** May name someone not in the file: the import checks it against the organisation. */
  managerEmployeeNumber: string | null;
  weeklyHours: number;
  pattern: { hours: WeekHours; worksBankHolidays: boolean };
  annualSalary: number | null;
}

export const PEOPLE_DAY_COLUMNS = [
  'hours_mon',
  'hours_tue',
  'hours_wed',
  'hours_thu',
  'hours_fri',
  'hours_sat',
  'hours_sun',
] as const;

export const PEOPLE_COLUMNS = {
  required: ['employee_number', 'first_name', 'last_name', 'unit', 'start_date', 'weekly_hours'],
  optional: [
    'end_date',
    'email',
    'job_title',
    'staff_group',
    'manager_employee_number',
    ...PEOPLE_DAY_COLUMNS,
    'works_bank_holidays',
    'annual_salary',
  ],
} as const;

/** Hours are compared with a tolerance of 0.001 h (SPEC §6); the extra sliver absorbs binary rounding. */
const HOURS_TOLERANCE = 0.001 + 1e-9;

const UNIT_EXAMPLE = 'Adult Social Care > Home Care > North Team';

/** The example person's staff group where the organisation has none yet. */
export const STAFF_GROUP_EXAMPLE = 'Care staff';

/**
 * The template offered on the import page: the columns of SPEC §7 and one example person, in
 * one of the organisation's own staff groups (the first of `staffGroups`) where it has any, so
 * that copying the example does not create a new group.
 */
export function peopleCsvTemplate(staffGroups: readonly string[] = []): string {
  return csvTemplate(PEOPLE_COLUMNS, {
    employee_number: 'E1001',
    first_name: 'Sam',
    last_name: 'Okafor',
    unit: UNIT_EXAMPLE,
    start_date: '2024-04-01',
    weekly_hours: '37.5',
    end_date: '',
    email: 'sam.okafor@example.org',
    job_title: 'Care worker',
    staff_group: staffGroups[0] ?? STAFF_GROUP_EXAMPLE,
    manager_employee_number: '',
    hours_mon: '7.5',
    hours_tue: '7.5',
    hours_wed: '7.5',
    hours_thu: '7.5',
    hours_fri: '7.5',
    hours_sat: '0',
    hours_sun: '0',
    works_bank_holidays: 'false',
    annual_salary: '24500',
  });
}

const emailAddress = z.email();

/**
 * The longest each text about a person may be, by column: room for any real name or title, and
 * a clear refusal for a mistake such as a whole document pasted into a name.
 */
export const PERSON_TEXT_LIMITS = {
  employee_number: 40,
  first_name: 100,
  last_name: 100,
  email: 320,
  job_title: 200,
  staff_group: 100,
  manager_employee_number: 40,
} as const;
export type PersonTextColumn = keyof typeof PERSON_TEXT_LIMITS;

/** The longest a unit's name may be, as on the unit form. */
export const UNIT_NAME_LIMIT = 200;

/** The message for a person's text longer than its limit; null when it fits. */
export function lengthProblem(column: PersonTextColumn, value: string | null): string | null {
  const limit = PERSON_TEXT_LIMITS[column];
  if (value === null || value.length <= limit) return null;
  return `${column} is ${value.length.toLocaleString('en-GB')} characters long: it must be ${limit} or fewer`;
}

/** The message for a unit path with a level's name longer than a unit's name may be; null when none is. */
export function unitPathProblem(levels: readonly string[]): string | null {
  const long = levels.find((level) => level.length > UNIT_NAME_LIMIT);
  if (long === undefined) return null;
  return `unit has a level of ${long.length.toLocaleString('en-GB')} characters: a unit's name must be ${UNIT_NAME_LIMIT} characters or fewer`;
}

/** The message for a person named as their own line manager. */
function ownManagerProblem(manager: string): string {
  return `manager_employee_number "${manager}" is the person's own employee_number: a person cannot be their own line manager`;
}

/**
 * Everything wrong with one person on its own, however they came (a file, the API or the
 * form): texts too long, dates outside the years the service holds, and being their own line
 * manager. The import checks every person with this, so that no way in can skip it.
 */
export function personRowProblems(row: PersonRow): CsvProblem[] {
  const problems: CsvProblem[] = [];
  const add = (column: string, message: string | null) => {
    if (message !== null) problems.push({ row: row.row, column, message });
  };
  add('employee_number', lengthProblem('employee_number', row.employeeNumber));
  add('first_name', lengthProblem('first_name', row.firstName));
  add('last_name', lengthProblem('last_name', row.lastName));
  add('unit', unitPathProblem(row.unitPath));
  for (const [column, date] of [
    ['start_date', row.startDate],
    ['end_date', row.endDate],
  ] as const) {
    if (date !== null && !isRealDate(date))
      add(column, `${column} "${date}" must be a date ${DATE_YEARS_TEXT}`);
  }
  add('email', lengthProblem('email', row.email));
  add('job_title', lengthProblem('job_title', row.jobTitle));
  add('staff_group', lengthProblem('staff_group', row.staffGroup));
  add('manager_employee_number', lengthProblem('manager_employee_number', row.managerEmployeeNumber));
  if (row.managerEmployeeNumber !== null && row.managerEmployeeNumber === row.employeeNumber) {
    add('manager_employee_number', ownManagerProblem(row.managerEmployeeNumber));
  }
  return problems;
}

/** Weekly hours spread evenly over Monday to Friday, exactly summing to the week. */
export function evenWeekdays(weeklyHours: number): WeekHours {
  const day = Math.round((weeklyHours / 5) * 1e6) / 1e6;
  return [day, day, day, day, Math.round((weeklyHours - 4 * day) * 1e6) / 1e6, 0, 0];
}

/** Splits a unit path on " > " into trimmed levels; null when a level is empty or malformed. */
export function splitUnitPath(value: string): string[] | null {
  const levels = value.split(' > ').map((level) => level.trim());
  if (levels.some((level) => level === '' || level.includes('>'))) return null;
  return levels;
}

/**
 * A file that has problems still says what it can be checked for against the organisation: the
 * employee number of every row, and every row's manager, so that a manager who is no one is
 * listed with the file's other problems (`importParsedPeople`).
 */
export interface ReadablePeople {
  employeeNumbers: string[];
  managers: { row: number; managerEmployeeNumber: string }[];
}

export type ParseResult =
  { ok: true; rows: PersonRow[] } | { ok: false; problems: CsvProblem[]; readable?: ReadablePeople };

/**
 * Parses and checks people.csv, all of it: either every row, validated, or every problem found,
 * by row and column. A manager number that is not in the file is not a problem here: the import
 * checks it against the people the organisation already has (see `managersNotInFile`). The file
 * is read as a stream (see `readCsv`), and refused past the `limit` if one is given.
 */
export async function parsePeopleCsv(input: CsvSource, limit?: RowLimit): Promise<ParseResult> {
  const table = await readCsv(input, PEOPLE_COLUMNS, limit);
  if (table.refusal) return { ok: false, problems: [table.refusal] };
  const problems = table.problems;
  const headerDays = PEOPLE_DAY_COLUMNS.filter((column) => table.header.includes(column));
  const allDaysInHeader = headerDays.length === PEOPLE_DAY_COLUMNS.length;
  if (headerDays.length > 0 && !allDaysInHeader) {
    const missing = PEOPLE_DAY_COLUMNS.filter((column) => !headerDays.includes(column));
    problems.push({
      row: null,
      column: missing[0] ?? null,
      message: `the file has ${headerDays.join(', ')} but not ${missing.join(', ')}: give all seven of hours_mon to hours_sun, or none of them`,
    });
  }

  const rows: PersonRow[] = [];
  const readable: ReadablePeople = { employeeNumbers: [], managers: [] };
  const firstRowOf = new Map<string, number>();
  for await (const record of table.records) {
    const check = new RowCheck(record, problems);
    const before = problems.length;

    const employeeNumber = check.required('employee_number');
    if (employeeNumber !== null) readable.employeeNumbers.push(employeeNumber);
    if (employeeNumber !== null) {
      const first = firstRowOf.get(employeeNumber);
      if (first !== undefined) {
        check.problem('employee_number', `employee_number "${employeeNumber}" is also on row ${first}`);
      } else firstRowOf.set(employeeNumber, record.row);
    }
    const firstName = check.required('first_name');
    const lastName = check.required('last_name');
    for (const column of Object.keys(PERSON_TEXT_LIMITS) as PersonTextColumn[]) {
      const message = lengthProblem(column, check.text(column));
      if (message !== null) check.problem(column, message);
    }

    const unitText = check.required(
      'unit',
      `give the path from the top of the organisation, like "${UNIT_EXAMPLE}"`,
    );
    const unitPath = unitText === null ? null : splitUnitPath(unitText);
    if (unitText !== null && unitPath === null) {
      check.problem(
        'unit',
        `unit "${unitText}" is not a path of unit names separated by " > " (a space either side), like "${UNIT_EXAMPLE}"`,
      );
    }
    const unitProblem = unitPath === null ? null : unitPathProblem(unitPath);
    if (unitProblem !== null) check.problem('unit', unitProblem);

    const startDate = check.date('start_date', true);
    const endDate = check.date('end_date', false);
    if (startDate !== null && endDate !== null && endDate < startDate) {
      check.problem('end_date', `end_date "${endDate}" is before start_date "${startDate}"`);
    }

    const weeklyHours = check.decimal('weekly_hours', { above: 0, atMost: 168, example: '37.5' }, true);
    const hours = weekPattern(check, weeklyHours, allDaysInHeader);

    const bankHolidaysText = check.text('works_bank_holidays');
    const worksBankHolidays = bankHolidaysText.toLowerCase() === 'true';
    if (bankHolidaysText !== '' && !/^(true|false)$/i.test(bankHolidaysText)) {
      check.problem(
        'works_bank_holidays',
        `works_bank_holidays "${bankHolidaysText}" must be true or false (or left empty for false)`,
      );
    }

    const annualSalary = check.decimal('annual_salary', { atLeast: 0, example: '28500 or 28500.00' }, false);

    const email = check.text('email') || null;
    if (email !== null && !emailAddress.safeParse(email).success) {
      check.problem('email', `email "${email}" is not an email address`);
    }

    const manager = check.text('manager_employee_number') || null;
    if (manager !== null && manager === employeeNumber) {
      check.problem('manager_employee_number', ownManagerProblem(manager));
    }
    if (manager !== null) readable.managers.push({ row: record.row, managerEmployeeNumber: manager });

    if (
      problems.length > before ||
      employeeNumber === null ||
      firstName === null ||
      lastName === null ||
      unitPath === null ||
      startDate === null ||
      weeklyHours === null ||
      hours === null
    ) {
      continue;
    }
    rows.push({
      row: record.row,
      employeeNumber,
      firstName,
      lastName,
      unitPath,
      startDate,
      endDate,
      email,
      jobTitle: check.text('job_title') || null,
      staffGroup: check.text('staff_group') || null,
      managerEmployeeNumber: manager,
      weeklyHours,
      pattern: { hours, worksBankHolidays },
      annualSalary,
    });
  }
  if (table.refusal) return { ok: false, problems: [table.refusal] };
  problems.push(...managementLoops(rows));
  if (problems.length > 0) return { ok: false, problems: sortProblems(problems, table.header), readable };
  return { ok: true, rows };
}

/**
 * The row's weekly pattern: hours_mon … hours_sun when given (all seven, each 0 to 24, adding up
 * to weekly_hours), otherwise weekly_hours spread evenly over Monday to Friday.
 */
function weekPattern(
  check: RowCheck,
  weeklyHours: number | null,
  allDaysInHeader: boolean,
): WeekHours | null {
  const given = PEOPLE_DAY_COLUMNS.filter((column) => check.text(column) !== '');
  if (given.length === 0) {
    if (weeklyHours === null) return null;
    if (weeklyHours / 5 > 24) {
      check.problem(
        'weekly_hours',
        `weekly_hours "${check.text('weekly_hours')}" spread over Monday to Friday is more than 24 hours a day: give hours_mon to hours_sun`,
      );
      return null;
    }
    return evenWeekdays(weeklyHours);
  }
  const days = PEOPLE_DAY_COLUMNS.map((column) =>
    check.text(column) === ''
      ? null
      : check.decimal(column, { atLeast: 0, atMost: 24, example: '7.5' }, false),
  );
  if (given.length < PEOPLE_DAY_COLUMNS.length) {
    if (allDaysInHeader) {
      const empty = PEOPLE_DAY_COLUMNS.filter((column) => check.text(column) === '');
      check.problem(
        empty[0] ?? null,
        `${listWords(empty)} ${empty.length === 1 ? 'is' : 'are'} empty: give all seven of hours_mon to hours_sun (0 for a day not worked), or none of them`,
      );
    }
    return null;
  }
  if (days.some((hours) => hours === null)) return null;
  const hours = days as WeekHours;
  if (weeklyHours === null) return null;
  const total = hours.reduce((sum, day) => sum + day, 0);
  if (Math.abs(total - weeklyHours) > HOURS_TOLERANCE) {
    check.problem(
      'weekly_hours',
      `weekly_hours "${check.text('weekly_hours')}" is not the sum of hours_mon to hours_sun, which add up to ${Math.round(total * 1000) / 1000}`,
    );
    return null;
  }
  return hours;
}

function listWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join('');
  return `${words.slice(0, -1).join(', ')} and ${words[words.length - 1] ?? ''}`;
}

/**
 * Chains of line managers that come back to where they started (A reports to B, B reports to
 * A), reported once on the first row of each loop. The rows' managers replace those the people
 * have now; `managersNow` gives, by employee number, the line manager of each person already in
 * the organisation, so that a loop through people not in the rows is found too. A person named
 * as their own manager is `personRowProblems`' to report.
 */
export function managementLoops(
  rows: readonly PersonRow[],
  managersNow: ReadonlyMap<string, string | null> = new Map(),
): CsvProblem[] {
  const byNumber = new Map(rows.map((row) => [row.employeeNumber, row]));
  const managerOf = (number: string): string | null => {
    const row = byNumber.get(number);
    const manager = row ? row.managerEmployeeNumber : (managersNow.get(number) ?? null);
    return manager === number ? null : manager;
  };
  const state = new Map<string, 'visiting' | 'done'>();
  const problems: CsvProblem[] = [];
  for (const start of rows) {
    const chain: string[] = [];
    let current: string | null = start.employeeNumber;
    while (current !== null && !state.has(current)) {
      state.set(current, 'visiting');
      chain.push(current);
      current = managerOf(current);
    }
    if (current !== null && state.get(current) === 'visiting') {
      const loop = chain.slice(chain.indexOf(current));
      const rowsInLoop = loop.flatMap((number) => byNumber.get(number) ?? []);
      const first = rowsInLoop.reduce<PersonRow | null>(
        (a, b) => (a === null || b.row < a.row ? b : a),
        null,
      );
      if (first !== null) {
        problems.push({
          row: first.row,
          column: 'manager_employee_number',
          message: `manager_employee_number "${first.managerEmployeeNumber ?? ''}" makes a loop of line managers: ${[...loop, current].join(' → ')}`,
        });
      }
    }
    for (const number of chain) state.set(number, 'done');
  }
  return problems;
}

/**
 * Manager numbers the file names but does not itself contain, with the rows naming each: the
 * import checks these against the people the organisation already has.
 */
export function managersNotInFile(rows: readonly PersonRow[]): Map<string, number[]> {
  const inFile = new Set(rows.map((row) => row.employeeNumber));
  const outside = new Map<string, number[]>();
  for (const row of rows) {
    const manager = row.managerEmployeeNumber;
    if (manager === null || inFile.has(manager)) continue;
    outside.set(manager, [...(outside.get(manager) ?? []), row.row]);
  }
  return outside;
}
