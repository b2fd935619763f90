import { randomBytes } from 'node:crypto';
import { addDays } from '../domain/dates.ts';
import type { Role } from '../domain/roles.ts';
import { today } from '../domain/today.ts';
import { shippedBankHolidays } from '../reference/bank-holidays.ts';
import type { Services } from '../services.ts';
import { hashPassword } from '../modules/auth/passwords.ts';
import type { PersonRow } from '../modules/people/people-csv.ts';
import { importPeople } from '../modules/people/people-import.ts';
import {
  createOrganisation as create,
  type OrganisationSettings,
} from '../modules/partnership/organisation-settings.ts';

const FIRST_NAMES = [
  'Amara',
  'Callum',
  'Priya',
  'Gareth',
  'Siobhan',
  'Tomasz',
  'Aisha',
  'Rhys',
  'Fiona',
  'Declan',
];
const LAST_NAMES = [
  'Okafor',
  'MacLeod',
  'Patel',
  'Hughes',
  'Byrne',
  'Nowak',
  'Rahman',
  'Evans',
  'Campbell',
  'Doyle',
];

let counter = 0;
export function unique(prefix: string): string {
  counter += 1;
  return `${prefix}-${randomBytes(3).toString('hex')}-${counter}`;
}

export async function createTestOrganisation(
  services: Services,
  overrides: Partial<OrganisationSettings> = {},
) {
  return create(services, {
    slug: unique('org'),
    name: `Test Borough Council ${counter}`,
    sector: 'local_government',
    region: 'england-and-wales',
    fullTimeHours: 37,
    targetDaysPerFte: 10,
    onCostRate: 0.28,
    policyModel: 'person_centred',
    ...overrides,
  });
}

export const TEST_PASSWORD = 'orange kettle harbour';

let cachedHash: Promise<string> | null = null;

/** An account with roles in an organisation, optionally linked to a person there. */
export async function createTestAccount(
  services: Services,
  organisationId: number,
  roles: Role[],
  options: { employeeNumber?: string; email?: string } = {},
) {
  cachedHash ??= hashPassword(TEST_PASSWORD);
  const email = options.email ?? `${unique(roles.join('-') || 'nobody')}@test.example`;
  const user = await services.users.create({
    email,
    // Named as people read the roles: 'Test line manager'.
    displayName: `Test ${roles.join(' ').replaceAll('_', ' ')}`,
    passwordHash: await cachedHash,
  });
  await services.users.grant(user.id, organisationId, roles);
  if (options.employeeNumber) {
    const { linkAccountToPerson } = await import('../modules/people/people-service.ts');
    await linkAccountToPerson(services, organisationId, options.employeeNumber, user.id);
  }
  return { ...user, password: TEST_PASSWORD };
}

export function personRow(overrides: Partial<PersonRow> = {}): PersonRow {
  counter += 1;
  return {
    row: 2,
    employeeNumber: `E${String(counter).padStart(5, '0')}`,
    firstName: FIRST_NAMES[counter % FIRST_NAMES.length] ?? 'Sam',
    lastName: LAST_NAMES[(counter * 7) % LAST_NAMES.length] ?? 'Jones',
    unitPath: ['Adult Social Care', 'Home Care', 'North Team'],
    startDate: '2020-04-01',
    endDate: null,
    email: null,
    jobTitle: 'Care Worker',
    staffGroup: 'Social Care',
    managerEmployeeNumber: null,
    weeklyHours: 37,
    pattern: { hours: [7.4, 7.4, 7.4, 7.4, 7.4, 0, 0], worksBankHolidays: false },
    annualSalary: 24_000,
    ...overrides,
  };
}

/** Imports people into an organisation through the real import service. */
export async function createTestPeople(services: Services, organisationId: number, rows: PersonRow[]) {
  const result = await importPeople(services, organisationId, rows, { today: '2026-11-23' });
  if (!result.ok) throw new Error(`Test people did not import: ${JSON.stringify(result.problems)}`);
  return result.summary;
}

/** The latest bank holiday Monday in England and Wales at least three weeks before today. */
export function recentBankHolidayMonday(): string {
  return shippedBankHolidays()
    .filter((h) => h.region === 'england-and-wales' && h.date <= addDays(today(), -21))
    .map((h) => h.date)
    .filter((d) => new Date(`${d}T12:00:00Z`).getUTCDay() === 1)
    .sort()
    .at(-1)!;
}

/** The three fields of a GOV.UK date input, as a browser sends them. */
export function dateFields(name: string, date: string): Record<string, string> {
  const [year = '', month = '', day = ''] = date.split('-');
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year,
  };
}
