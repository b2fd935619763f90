/**
 * The tables the people module owns: the organisation's structure (units and sites), the people
 * placed in it and their terms. Only the module's data-access files query them.
 */
import {
  boolean,
  date,
  doublePrecision,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { organisations, users, createdAt, tenantThrough } from '../../db/schema.ts';

export const units = pgTable(
  'units',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    parentId: integer('parent_id'),
    name: text('name').notNull(),
    /** The full path from the top of the organisation, levels joined by " > ". */
    path: text('path').notNull(),
    depth: integer('depth').notNull(),
    policyModel: text('policy_model'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('units_path_key').on(t.organisationId, t.path),
    foreignKey({ columns: [t.organisationId, t.parentId], foreignColumns: [t.organisationId, t.id] }),
  ],
);

export const sites = pgTable(
  'sites',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    name: text('name').notNull(),
    address: text('address').notNull().default(''),
    postcode: text('postcode').notNull().default(''),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('sites_name_key').on(t.organisationId, t.name),
  ],
);

export const people = pgTable(
  'people',
  {
    organisationId: integer('organisation_id')
      .notNull()
      .references(() => organisations.id),
    id: integer('id').generatedAlwaysAsIdentity(),
    employeeNumber: text('employee_number').notNull(),
    firstName: text('first_name').notNull(),
    lastName: text('last_name').notNull(),
    email: text('email'),
    jobTitle: text('job_title'),
    startDate: date('start_date').notNull(),
    endDate: date('end_date'),
    userId: integer('user_id').references(() => users.id),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('people_employee_number_key').on(t.organisationId, t.employeeNumber),
    index('people_user').on(t.userId),
    index('people_name').on(t.organisationId, t.lastName, t.firstName),
  ],
);

/**
 * Employment history: each row holds the terms in force from `effective_from` until the day
 * before the next row's `effective_from` (or for good when it is the latest).
 */
export const employmentSpells = pgTable(
  'employment_spells',
  {
    organisationId: tenantThrough(),
    id: integer('id').generatedAlwaysAsIdentity(),
    personId: integer('person_id').notNull(),
    effectiveFrom: date('effective_from').notNull(),
    unitId: integer('unit_id').notNull(),
    managerPersonId: integer('manager_person_id'),
    siteId: integer('site_id'),
    staffGroup: text('staff_group'),
    weeklyHours: doublePrecision('weekly_hours').notNull(),
    hoursMon: doublePrecision('hours_mon').notNull(),
    hoursTue: doublePrecision('hours_tue').notNull(),
    hoursWed: doublePrecision('hours_wed').notNull(),
    hoursThu: doublePrecision('hours_thu').notNull(),
    hoursFri: doublePrecision('hours_fri').notNull(),
    hoursSat: doublePrecision('hours_sat').notNull(),
    hoursSun: doublePrecision('hours_sun').notNull(),
    worksBankHolidays: boolean('works_bank_holidays').notNull().default(false),
    annualSalary: doublePrecision('annual_salary'),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.organisationId, t.id] }),
    uniqueIndex('employment_spells_person_from_key').on(t.organisationId, t.personId, t.effectiveFrom),
    index('employment_spells_manager').on(t.organisationId, t.managerPersonId),
    index('employment_spells_unit').on(t.organisationId, t.unitId),
    foreignKey({
      columns: [t.organisationId, t.personId],
      foreignColumns: [people.organisationId, people.id],
    }).onDelete('cascade'),
    foreignKey({ columns: [t.organisationId, t.unitId], foreignColumns: [units.organisationId, units.id] }),
    foreignKey({
      columns: [t.organisationId, t.managerPersonId],
      foreignColumns: [people.organisationId, people.id],
    }),
    foreignKey({ columns: [t.organisationId, t.siteId], foreignColumns: [sites.organisationId, sites.id] }),
  ],
);
