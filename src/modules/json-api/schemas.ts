import { z } from 'zod';
import { REPORT_GROUPINGS, REPORT_METHODS } from '../../domain/absence-report.ts';
import { DATE_YEARS_TEXT, isRealDate } from '../../domain/dates.ts';
import { PERSON_TEXT_LIMITS, type PersonTextColumn } from '../people/people-csv.ts';

const date = z
  .string()
  .refine(isRealDate, `must be a real date in the form YYYY-MM-DD, ${DATE_YEARS_TEXT}`)
  .meta({ format: 'date', example: '2026-04-01' });

export const problemSchema = z.object({
  error: z.string(),
  problems: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

export const organisationSchema = z.object({
  slug: z.string(),
  name: z.string(),
  sector: z.string(),
  region: z.enum(['england-and-wales', 'scotland', 'northern-ireland']),
  fullTimeHours: z.number(),
  targetDaysPerFte: z.number(),
  onCostRate: z.number(),
  policyModel: z.enum(['person_centred', 'trigger_based']),
});

export const unitSchema = z.object({
  id: z.number().int(),
  parentId: z.number().int().nullable(),
  name: z.string(),
  path: z.string(),
  depth: z.number().int(),
});
export const unitsSchema = z.object({ data: z.array(unitSchema) });

const hoursByDay = z.object({
  mon: z.number(),
  tue: z.number(),
  wed: z.number(),
  thu: z.number(),
  fri: z.number(),
  sat: z.number(),
  sun: z.number(),
});

export const personSchema = z.object({
  employeeNumber: z.string(),
  firstName: z.string(),
  lastName: z.string(),
  email: z.string().nullable(),
  jobTitle: z.string().nullable(),
  startDate: z.string(),
  endDate: z.string().nullable(),
  unitPath: z.string().nullable(),
  staffGroup: z.string().nullable(),
  managerEmployeeNumber: z.string().nullable(),
  weeklyHours: z.number().nullable(),
  hoursByDay: hoursByDay.nullable(),
  worksBankHolidays: z.boolean().nullable(),
  annualSalary: z.number().nullable(),
});

export const peoplePageSchema = z.object({
  data: z.array(personSchema),
  page: z.number().int(),
  pageSize: z.number().int(),
  total: z.number().int(),
});

export const peopleQuerySchema = z.object({
  unit: z
    .string()
    .min(1)
    .optional()
    .meta({ description: 'A unit path; people in it and the units below it' }),
  onDate: date.optional().meta({ description: 'The date whose terms are shown; today if not given' }),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(1000).default(100),
});

export const employmentSpellSchema = z.object({
  effectiveFrom: z.string(),
  unitPath: z.string(),
  managerEmployeeNumber: z.string().nullable(),
  staffGroup: z.string().nullable(),
  weeklyHours: z.number(),
  hoursByDay,
  worksBankHolidays: z.boolean(),
  annualSalary: z.number().nullable(),
});

export const personWithHistorySchema = personSchema.extend({ history: z.array(employmentSpellSchema) });

export const employeeNumberParams = z.object({ employeeNumber: z.string().min(1) });

/** Text of at most the length people.csv allows in the column (`PERSON_TEXT_LIMITS`). */
const limited = (column: PersonTextColumn, name: string) =>
  z
    .string()
    .trim()
    .max(PERSON_TEXT_LIMITS[column], `${name} must be ${PERSON_TEXT_LIMITS[column]} characters or fewer`);

/** A person as people.csv has them (SPEC §7), in camelCase. */
export const personInputSchema = z
  .object({
    employeeNumber: limited('employee_number', 'employeeNumber').min(1),
    firstName: limited('first_name', 'firstName').min(1),
    lastName: limited('last_name', 'lastName').min(1),
    unit: z
      .string()
      .trim()
      .min(1)
      .max(2000, 'unit must be 2000 characters or fewer')
      .meta({ description: 'Path from the top of the organisation, levels separated by " > "' }),
    startDate: date,
    weeklyHours: z.number().gt(0).max(168),
    endDate: date.nullable().optional(),
    email: z.email().max(PERSON_TEXT_LIMITS.email).nullable().optional(),
    jobTitle: limited('job_title', 'jobTitle').nullable().optional(),
    staffGroup: limited('staff_group', 'staffGroup').nullable().optional(),
    managerEmployeeNumber: limited('manager_employee_number', 'managerEmployeeNumber').nullable().optional(),
    hoursByDay: hoursByDay.optional().meta({
      description: 'All seven days, adding up to weeklyHours; Monday to Friday evenly if not given',
    }),
    worksBankHolidays: z.boolean().default(false),
    annualSalary: z.number().min(0).nullable().optional(),
  })
  .refine((p) => !p.endDate || p.endDate >= p.startDate, {
    message: 'endDate is before startDate',
    path: ['endDate'],
  })
  .refine(
    (p) =>
      !p.hoursByDay ||
      Math.abs(Object.values(p.hoursByDay).reduce((a, b) => a + b, 0) - p.weeklyHours) <= 0.001,
    {
      message: 'hoursByDay must add up to weeklyHours',
      path: ['hoursByDay'],
    },
  )
  .refine((p) => !p.unit.split(' > ').some((l) => l.trim() === ''), {
    message: 'unit has an empty level',
    path: ['unit'],
  });

export const peopleImportSchema = z.object({ people: z.array(personInputSchema).max(200_000) });
export const importQuerySchema = z.object({ dryRun: z.enum(['true', 'false']).default('false') });
export const importSummarySchema = z.object({
  created: z.number().int(),
  updated: z.number().int(),
  unchanged: z.number().int(),
  unitsCreated: z.number().int(),
  dryRun: z.boolean(),
});

export const absenceReportQuerySchema = z.object({
  from: date,
  to: date,
  by: z.enum(REPORT_GROUPINGS, { error: `by must be one of ${REPORT_GROUPINGS.join(', ')}` }),
  method: z.enum(REPORT_METHODS, { error: 'method must be hours or calendar' }).default('hours'),
  unit: z.string().min(1).optional(),
  staffGroup: z.string().min(1).optional(),
  reason: z
    .string()
    .regex(/^S\d\d$/, 'reason must be an ESR sickness reason code such as S10')
    .optional(),
});

export const absenceReportRowSchema = z.object({
  group: z.string(),
  average_fte: z.number(),
  hours_available: z.number().optional(),
  hours_lost: z.number().optional(),
  fte_days_available: z.number().optional(),
  fte_days_lost: z.number(),
  days_lost_per_fte: z.number(),
  absence_rate_pct: z.number(),
  episodes: z.number().int(),
  short_term_episodes: z.number().int(),
  long_term_episodes: z.number().int(),
  cost_gbp: z.number().optional(),
});
export const absenceReportSchema = z.object({
  organisation: z.string(),
  from: z.string(),
  to: z.string(),
  by: z.enum(REPORT_GROUPINGS),
  method: z.enum(REPORT_METHODS),
  rows: z.array(absenceReportRowSchema),
});
