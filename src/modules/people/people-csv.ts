import { isRealDate } from '../../domain/dates.ts';
import { decimal, readCsv, type CsvProblem } from '../../domain/csv-problems.ts';

/** A validated row of people.csv (SPEC §7). */
export interface PersonRow {
  row: number;
  employeeNumber: string;
  firstName: string;
  lastName: string;
  unitPath: string[];
  startDate: string;
  endDate: string | null;
  email: string | null;
  jobTitle: string | null;
  staffGroup: string | null;
  managerEmployeeNumber: string | null;
  weeklyHours: number;
  pattern: { hours: [number, number, number, number, number, number, number]; worksBankHolidays: boolean };
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

/** Weekly hours spread evenly over Monday to Friday, exactly summing to the week. */
export function evenWeekdays(weeklyHours: number): PersonRow['pattern']['hours'] {
  const day = Math.round((weeklyHours / 5) * 1e6) / 1e6;
  return [day, day, day, day, Math.round((weeklyHours - 4 * day) * 1e6) / 1e6, 0, 0];
}

/**
 * Parses and checks people.csv, all of it: either every row, validated, or every problem by
 * row and column. A manager number that is not in the file is left for the import to check
 * against the organisation.
 */
export function parsePeopleCsv(
  input: Buffer | string,
): { ok: true; rows: PersonRow[] } | { ok: false; problems: CsvProblem[] } {
  const read = readCsv(input, PEOPLE_COLUMNS);
  if (!read.ok) return read;
  const problems: CsvProblem[] = [];
  const rows: PersonRow[] = [];
  const firstRowOf = new Map<string, number>();
  for (const { row, values } of read.records) {
    const problem = (column: string, message: string) => problems.push({ row, column, message });
    const text = (column: string) => values[column] ?? '';
    const before = problems.length;

    const employeeNumber = text('employee_number');
    if (!employeeNumber) problem('employee_number', 'employee_number is empty');
    else if (firstRowOf.has(employeeNumber)) {
      problem(
        'employee_number',
        `employee_number "${employeeNumber}" is also on row ${firstRowOf.get(employeeNumber)}`,
      );
    } else firstRowOf.set(employeeNumber, row);
    for (const column of ['first_name', 'last_name'] as const) {
      if (!text(column)) problem(column, `${column} is empty`);
    }

    const unitPath = text('unit')
      .split(' > ')
      .map((level) => level.trim());
    if (!text('unit'))
      problem(
        'unit',
        'unit is empty: give the path from the top of the organisation, like "Adult Social Care > Home Care"',
      );
    else if (unitPath.some((level) => level === '')) {
      problem('unit', `unit "${text('unit')}" has an empty level: separate levels with " > "`);
    }

    const date = (column: string, required: boolean): string | null => {
      const value = text(column);
      if (!value) {
        if (required) problem(column, `${column} is empty: give a date in the form YYYY-MM-DD`);
        return null;
      }
      if (!isRealDate(value)) {
        problem(column, `${column} "${value}" is not a date in the form YYYY-MM-DD`);
        return null;
      }
      return value;
    };
    const startDate = date('start_date', true);
    const endDate = date('end_date', false);
    if (startDate && endDate && endDate < startDate) {
      problem('end_date', `end_date ${endDate} is before start_date ${startDate}`);
    }

    const weeklyText = text('weekly_hours');
    const weeklyHours = decimal(weeklyText);
    if (weeklyHours === null) problem('weekly_hours', `weekly_hours "${weeklyText}" is not a number`);
    else if (weeklyHours <= 0 || weeklyHours > 168)
      problem('weekly_hours', `weekly_hours ${weeklyText} must be more than 0 and no more than 168`);

    const given = PEOPLE_DAY_COLUMNS.filter((c) => text(c) !== '');
    let hours: PersonRow['pattern']['hours'] | null = null;
    if (given.length > 0 && given.length < 7) {
      const missing = PEOPLE_DAY_COLUMNS.filter((c) => text(c) === '');
      problem(
        missing[0] ?? 'hours_mon',
        `give all seven of hours_mon to hours_sun or none of them; ${missing.join(', ')} ${missing.length === 1 ? 'is' : 'are'} empty`,
      );
    } else if (given.length === 7) {
      const days = PEOPLE_DAY_COLUMNS.map((c) => {
        const value = decimal(text(c));
        if (value === null) problem(c, `${c} "${text(c)}" is not a number`);
        else if (value < 0 || value > 24) problem(c, `${c} ${text(c)} must be from 0 to 24`);
        return value ?? 0;
      });
      const total = days.reduce((a, b) => a + b, 0);
      if (weeklyHours !== null && problems.length === before && Math.abs(total - weeklyHours) > 0.001) {
        problem(
          'hours_mon',
          `hours_mon to hours_sun add up to ${Math.round(total * 1000) / 1000}, not weekly_hours ${weeklyText}`,
        );
      }
      hours = days as PersonRow['pattern']['hours'];
    } else if (weeklyHours !== null) {
      hours = evenWeekdays(weeklyHours);
    }

    const bankHolidaysText = text('works_bank_holidays').toLowerCase();
    if (bankHolidaysText && bankHolidaysText !== 'true' && bankHolidaysText !== 'false') {
      problem(
        'works_bank_holidays',
        `works_bank_holidays "${text('works_bank_holidays')}" must be true or false`,
      );
    }

    const salaryText = text('annual_salary');
    const annualSalary = salaryText ? decimal(salaryText) : null;
    if (salaryText && (annualSalary === null || annualSalary < 0)) {
      problem(
        'annual_salary',
        `annual_salary "${salaryText}" is not an amount in pounds, like 28500 or 28500.00`,
      );
    }

    const email = text('email');
    if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email))
      problem('email', `email "${email}" is not an email address`);

    const manager = text('manager_employee_number');
    if (manager && manager === employeeNumber)
      problem('manager_employee_number', 'a person cannot be their own line manager');

    if (problems.length > before || !startDate || weeklyHours === null || !hours) continue;
    rows.push({
      row,
      employeeNumber,
      firstName: text('first_name'),
      lastName: text('last_name'),
      unitPath,
      startDate,
      endDate,
      email: email || null,
      jobTitle: text('job_title') || null,
      staffGroup: text('staff_group') || null,
      managerEmployeeNumber: manager || null,
      weeklyHours,
      pattern: { hours, worksBankHolidays: bankHolidaysText === 'true' },
      annualSalary,
    });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, rows };
}
