import { similarNames } from '../../domain/similar-names.ts';
import { z } from 'zod';
import { dateFromParts, errorSummary, type FieldError } from '../../web/forms.ts';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'] as const;

export interface PersonDetails {
  employeeNumber: string;
  firstName: string;
  lastName: string;
  email: string | null;
  jobTitle: string | null;
  startDate: string;
  endDate: string | null;
}

export interface EmploymentTerms {
  effectiveFrom: string | null;
  unitId: number;
  unitPath: string[];
  managerEmployeeNumber: string | null;
  staffGroup: string | null;
  weeklyHours: number;
  pattern: { hours: [number, number, number, number, number, number, number]; worksBankHolidays: boolean };
  annualSalary: number | null;
}

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Must be ${max} characters or fewer`)
    .transform((v) => (v === '' ? null : v));

const detailsSchema = z.object({
  employeeNumber: z
    .string()
    .trim()
    .min(1, 'Enter the employee number')
    .max(40, 'Employee number must be 40 characters or fewer'),
  firstName: z.string().trim().min(1, 'Enter the first name').max(100),
  lastName: z.string().trim().min(1, 'Enter the last name').max(100),
  email: optionalText(320).refine(
    (v) => v === null || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v),
    'Enter an email address like name@example.org',
  ),
  jobTitle: optionalText(200),
});

function text(body: Record<string, unknown>, key: string): string {
  const value = body[key];
  return typeof value === 'string' ? value : '';
}

/** Reads and checks the person details form. */
export function personDetailsForm(body: Record<string, unknown>): {
  value: PersonDetails | null;
  errors: FieldError[];
} {
  const parsed = detailsSchema.safeParse({
    employeeNumber: text(body, 'employeeNumber'),
    firstName: text(body, 'firstName'),
    lastName: text(body, 'lastName'),
    email: text(body, 'email'),
    jobTitle: text(body, 'jobTitle'),
  });
  const errors = parsed.success ? [] : errorSummary(parsed.error.issues);
  const start = dateFromParts(body, 'startDate', 'Start date');
  const end = dateFromParts(body, 'endDate', 'Leaving date');
  if (start.error) errors.push({ text: start.error, href: '#startDate-day' });
  else if (!start.value) errors.push({ text: 'Enter the start date', href: '#startDate-day' });
  if (end.error) errors.push({ text: end.error, href: '#endDate-day' });
  else if (end.value && start.value && end.value < start.value) {
    errors.push({ text: 'Leaving date must be on or after the start date', href: '#endDate-day' });
  }
  if (!parsed.success || errors.length > 0 || !start.value) return { value: null, errors };
  return { value: { ...parsed.data, startDate: start.value, endDate: end.value }, errors };
}

const hoursValue = z.coerce
  .number({ error: 'Enter hours as a number, like 7.5' })
  .min(0, 'Hours cannot be negative')
  .max(24, 'A day has no more than 24 hours');

/**
 * Reads and checks employment terms: unit, manager, staff group, salary, and the weekly
 * pattern (hours Monday to Sunday, which must add up to the weekly hours).
 */
export function employmentForm(
  body: Record<string, unknown>,
  choices: { units: readonly { id: number; path: string }[]; staffGroups: readonly string[] },
  options: { requireDate: boolean },
): { value: EmploymentTerms | null; errors: FieldError[] } {
  const { units } = choices;
  const errors: FieldError[] = [];
  const effective = dateFromParts(body, 'effectiveFrom', 'The date the change takes effect');
  if (effective.error) errors.push({ text: effective.error, href: '#effectiveFrom-day' });
  else if (options.requireDate && !effective.value) {
    errors.push({ text: 'Enter the date the change takes effect', href: '#effectiveFrom-day' });
  }
  const unit = units.find((u) => String(u.id) === text(body, 'unitId'));
  if (!unit) errors.push({ text: 'Choose the unit', href: '#unitId' });

  const weekly = z.coerce
    .number()
    .gt(0, 'Weekly hours must be more than 0')
    .max(168)
    .safeParse(text(body, 'weeklyHours').trim() || 'x');
  if (!weekly.success)
    errors.push({ text: 'Enter the weekly hours as a number more than 0, like 37.5', href: '#weeklyHours' });

  const dayInputs = WEEKDAYS.map((d) => text(body, `hours${d}`).trim());
  let hours: EmploymentTerms['pattern']['hours'] | null = null;
  if (dayInputs.every((v) => v === '')) {
    if (weekly.success) {
      const each = Math.round((weekly.data / 5) * 1000) / 1000;
      hours = [each, each, each, each, weekly.data - each * 4, 0, 0];
    }
  } else {
    const parsedDays = dayInputs.map((v, i) => {
      const r = hoursValue.safeParse(v === '' ? '0' : v);
      if (!r.success)
        errors.push({
          text: `${WEEKDAYS[i]}: ${r.error.issues[0]?.message ?? 'not a number'}`,
          href: `#hours${WEEKDAYS[i]}`,
        });
      return r.success ? r.data : 0;
    });
    const total = parsedDays.reduce((a, b) => a + b, 0);
    if (weekly.success && Math.abs(total - weekly.data) > 0.001) {
      errors.push({
        text: `The hours for each day add up to ${Math.round(total * 1000) / 1000}, not the weekly hours of ${weekly.data}`,
        href: '#hoursMon',
      });
    }
    hours = parsedDays as EmploymentTerms['pattern']['hours'];
  }

  const salaryText = text(body, 'annualSalary').replace(/[£,\s]/g, '');
  const salary = salaryText === '' ? null : Number(salaryText);
  if (salary !== null && (!Number.isFinite(salary) || salary < 0)) {
    errors.push({ text: 'Enter the annual salary in pounds, like 28,500', href: '#annualSalary' });
  }
  const manager = text(body, 'managerEmployeeNumber').trim();
  const staffGroup = staffGroupChoice(body, choices.staffGroups, errors);

  if (errors.length > 0 || !unit || !weekly.success || !hours) return { value: null, errors };
  return {
    value: {
      effectiveFrom: effective.value,
      unitId: unit.id,
      unitPath: unit.path.split(' > '),
      managerEmployeeNumber: manager === '' ? null : manager,
      staffGroup,
      weeklyHours: weekly.data,
      pattern: { hours, worksBankHolidays: text(body, 'worksBankHolidays') === 'true' },
      annualSalary: salary,
    },
    errors,
  };
}

/** The longest a staff group's name may be, as in the people file. */
const STAFF_GROUP_LIMIT = 100;

/**
 * The staff group chosen from the organisation's list (`staffGroup`) or, deliberately, a new one
 * typed as another staff group (`newStaffGroup`). A new name that is one of the list's but for
 * case, spacing or a slip of the keyboard is refused, naming the group it is close to: "nursing"
 * beside "Nursing" must not quietly become a second group. Problems are added to `errors`.
 */
export function staffGroupChoice(
  body: Record<string, unknown>,
  staffGroups: readonly string[],
  errors: FieldError[],
): string | null {
  const chosen = text(body, 'staffGroup').trim();
  const typed = text(body, 'newStaffGroup').trim().replace(/\s+/g, ' ');
  if (typed !== '' && chosen !== '') {
    errors.push({
      text: 'Choose a staff group from the list or enter another staff group, not both',
      href: '#newStaffGroup',
    });
    return null;
  }
  if (typed !== '') {
    if (staffGroups.includes(typed)) return typed;
    const close = staffGroups.find((group) => similarNames(typed, group));
    if (close) {
      errors.push({
        text: `“${typed}” is close to the staff group ${close}: choose ${close} from the list, or enter a name that is clearly different`,
        href: '#newStaffGroup',
      });
      return null;
    }
    if (typed.length > STAFF_GROUP_LIMIT) {
      errors.push({
        text: `Enter another staff group of ${STAFF_GROUP_LIMIT} characters or fewer`,
        href: '#newStaffGroup',
      });
      return null;
    }
    return typed;
  }
  if (chosen === '') return null;
  if (!staffGroups.includes(chosen)) {
    errors.push({ text: 'Choose a staff group from the list', href: '#staffGroup' });
    return null;
  }
  return chosen;
}
